"use client";
// The template editor: the whole template as one draft in the browser, checked by the same rules the
// server applies (problems show once a save is tried, then update as they are fixed), saved whole.
import Link from "next/link";
import { useMemo, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { PHASE_STAGE_LABELS, type TTemplateDraft } from "@/lib/domain/template-draft";
import { addPhase, freeStages } from "@/lib/domain/template-edits";
import { validateTemplateDraft } from "@/lib/domain/template-validation";
import type { TPhaseKey } from "@/lib/domain/template-definition";
import { saveTemplateAction } from "@/lib/templates/actions";
import { EditorNumber, EditorText, focusField, ProblemsContext, useProblems } from "./editor-fields";
import { PhaseEditor } from "./phase-editor";
import { CommsEditor, QuestionsEditor } from "./playbook-editor";
import { RulesEditor } from "./rules-editor";
import { RolloutEditor } from "./rollout-editor";
import { LinkChoicesContext, metricLinkChoices, type TEdit } from "./section-editor";

type TProps = {
  templateId: string;
  version: number;
  runCount: number;
  draft: TTemplateDraft;
  /** The Prometheus servers a rule may query (names only). */
  dataSources: readonly { id: string; name: string }[];
};
type TStatus = { kind: "saved" | "error"; text: string } | null;

export function TemplateEditor({ templateId, version: openedVersion, runCount, draft: opened, dataSources }: TProps) {
  const [draft, setDraft] = useState(opened);
  const [version, setVersion] = useState(openedVersion);
  const [isDirty, setIsDirty] = useState(false);
  const [hasTriedSave, setHasTriedSave] = useState(false);
  const [status, setStatus] = useState<TStatus>(null);
  const [isSaving, startSaving] = useTransition();
  const summaryRef = useRef<HTMLDivElement>(null);
  const problems = useMemo(() => validateTemplateDraft(draft), [draft]);
  const shownProblems = hasTriedSave ? problems : [];
  // Items tie to the checkpoints as the rollout now stands in the draft (a step's percent can change).
  const linkChoices = useMemo(() => metricLinkChoices(draft, draft.rolloutSteps.filter((s) => s.percent !== null).map((s) => ({ percent: s.percent!, label: s.label, greenMinutes: s.greenMinutes ?? 0, checkpoint: s.checkpoint }))), [draft]);

  const edit: TEdit = (change) => {
    setDraft((d) => change(d));
    setIsDirty(true);
    setStatus(null);
  };

  function save() {
    setHasTriedSave(true);
    if (problems.length > 0) {
      setStatus(null);
      // Next paint: the summary appears with this state change.
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    startSaving(async () => {
      const result = await saveTemplateAction({ templateId, version, draft });
      if (result.ok) {
        setVersion(result.data.version);
        setIsDirty(false);
        setStatus({ kind: "saved", text: "Saved. New runs use this version; runs already created keep their own copy." });
      } else {
        setStatus({ kind: "error", text: result.error });
      }
    });
  }

  return (
    <ProblemsContext.Provider value={shownProblems}>
      <LinkChoicesContext.Provider value={linkChoices}>
      <div className="space-y-8" data-testid="template-editor">
        <div className="sticky top-0 z-10 flex flex-wrap items-center gap-4 rounded-b-lg border border-t-0 border-slate-200 bg-white/95 px-6 py-3 shadow-sm backdrop-blur">
          <div className="min-w-0 flex-1">
            <p className="text-sm font-semibold tracking-wide text-slate-600 uppercase">Editing template</p>
            <h1 className="truncate text-2xl font-bold text-slate-900">{draft.name.trim() || "Untitled template"}</h1>
          </div>
          <span className="text-sm text-slate-700" data-testid="save-state">
            {isSaving ? "Saving…" : isDirty ? "Unsaved changes" : version > 0 ? `Saved · version ${version}` : "No changes yet"}
          </span>
          <Link href={`/runs/new?template=${templateId}`} className="text-sm font-medium text-slate-700 underline-offset-2 hover:underline">
            New run from this template
          </Link>
          <Button type="button" onClick={save} disabled={isSaving}>{isSaving ? "Saving…" : "Save template"}</Button>
        </div>

        {runCount > 0 && (
          <p className="rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-900">
            {runCount} {runCount === 1 ? "run was" : "runs were"} created from this template. They keep their own copy: saving changes only runs created afterwards.
          </p>
        )}
        {status && (
          <p role={status.kind === "error" ? "alert" : "status"} className={`rounded-md border px-3 py-2 text-sm ${status.kind === "error" ? "border-red-300 bg-red-50 text-red-800" : "border-emerald-300 bg-emerald-50 text-emerald-900"}`}>
            {status.text}
          </p>
        )}
        {shownProblems.length > 0 && (
          <div ref={summaryRef} tabIndex={-1} role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-900" data-testid="problem-summary">
            <p className="font-bold">Not saved: fix {shownProblems.length === 1 ? "this problem" : `these ${shownProblems.length} problems`} first.</p>
            <ul className="mt-1 list-disc pl-5 text-sm">
              {shownProblems.slice(0, 12).map((p) => (
                <li key={`${p.path} ${p.message}`}>
                  <button type="button" onClick={() => focusField(p.path)} className="text-left underline-offset-2 hover:underline">{p.message}</button>
                </li>
              ))}
              {shownProblems.length > 12 && <li>… and {shownProblems.length - 12} more, marked in red below.</li>}
            </ul>
          </div>
        )}

        <EditorSection title="Details">
          <div className="grid gap-4 md:grid-cols-[2fr_1fr_1fr]">
            <EditorText label="Template name" path="name" value={draft.name} onChange={(name) => edit((d) => ({ ...d, name }))} />
            <EditorNumber label="Expected duration from (min)" path="expectedDurationMinMinutes" value={draft.expectedDurationMinMinutes} onChange={(v) => edit((d) => ({ ...d, expectedDurationMinMinutes: v }))} />
            <EditorNumber label="Expected duration up to (min)" path="expectedDurationMaxMinutes" value={draft.expectedDurationMaxMinutes} onChange={(v) => edit((d) => ({ ...d, expectedDurationMaxMinutes: v }))} />
          </div>
          <EditorText label="Description" path="description" value={draft.description} onChange={(description) => edit((d) => ({ ...d, description }))} isMultiline rows={2} className="mt-4" />
        </EditorSection>

        <EditorSection title="Checklist phases" hint="Phases follow the run's stages in order (one phase per stage). Open a phase to edit its sections and items.">
          <ol className="space-y-3" aria-label="Phases">
            {draft.phases.map((phase, p) => <PhaseEditor key={phase.uid} phase={phase} p={p} edit={edit} />)}
          </ol>
          <PhasesProblems />
          <AddPhase stages={freeStages(draft)} onAdd={(key) => edit((d) => addPhase(d, key))} />
        </EditorSection>

        <EditorSection title="Go/No-Go questions">
          <QuestionsEditor questions={draft.goNoGoQuestions} edit={edit} />
        </EditorSection>

        <EditorSection title="Rollout steps" hint="The production rollout every run of this template steps through, with its checkpoints.">
          <RolloutEditor steps={draft.rolloutSteps} edit={edit} />
        </EditorSection>

        <EditorSection title="Metric rules" hint="Each run starts with these rules; leads can still adjust a run's own rules in its war room. A rule's values come from pushed samples, or from a PromQL query on a Prometheus data source.">
          <RulesEditor rules={draft.rules} edit={edit} dataSources={dataSources} />
        </EditorSection>

        <EditorSection title="Communication templates">
          <CommsEditor templates={draft.communicationTemplates} edit={edit} />
        </EditorSection>
      </div>
      </LinkChoicesContext.Provider>
    </ProblemsContext.Provider>
  );
}

function EditorSection({ title, hint, children }: { title: string; hint?: string; children: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm" aria-label={title}>
      <h2 className="text-xl font-bold text-slate-900">{title}</h2>
      {hint && <p className="mt-1 text-sm text-slate-600">{hint}</p>}
      <div className="mt-4">{children}</div>
    </section>
  );
}

function PhasesProblems() {
  const problems = useProblems("phases");
  return problems.map((p) => <p key={p.message} className="mt-2 text-sm font-medium text-red-800">⚠ {p.message}</p>);
}

function AddPhase({ stages, onAdd }: { stages: TPhaseKey[]; onAdd: (key: TPhaseKey) => void }) {
  const [choice, setChoice] = useState<TPhaseKey | "">("");
  if (stages.length === 0) return <p className="mt-3 text-sm text-slate-600">Every stage has a phase. Remove one to add another.</p>;
  const selected = choice && stages.includes(choice) ? choice : stages[0];
  return (
    <div className="mt-4 flex items-end gap-2">
      <div>
        <label htmlFor="add-phase-stage" className="mb-1 block text-xs font-semibold text-slate-700">Stage of the new phase</label>
        <select id="add-phase-stage" value={selected} onChange={(e) => setChoice(e.target.value as TPhaseKey)} className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm">
          {stages.map((key) => <option key={key} value={key}>{PHASE_STAGE_LABELS[key]}</option>)}
        </select>
      </div>
      <Button type="button" variant="secondary" onClick={() => onAdd(selected)}>Add phase</Button>
    </div>
  );
}
