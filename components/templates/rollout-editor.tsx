"use client";
// The production rollout of a template: its steps in order (percent of traffic, name, how long the
// metrics must stay green before the next step, and that checkpoint's name). Checked as typed by the
// same rules the server applies (lib/domain/rollout-steps.ts): increasing, ending at 100%.
import type { TRolloutStepDraft } from "@/lib/domain/template-draft";
import { addRolloutStep, moveAt, removeAt, updateRolloutStep } from "@/lib/domain/template-edits";
import { AddButton, EditorNumber, EditorText, RowButtons, useProblems } from "./editor-fields";
import type { TEdit } from "./section-editor";

export function RolloutEditor({ steps, edit }: { steps: TRolloutStepDraft[]; edit: TEdit }) {
  const listProblems = useProblems("rolloutSteps");
  const set = (index: number, change: Partial<TRolloutStepDraft>) => edit((d) => updateRolloutStep(d, index, change));
  return (
    <div>
      <p className="text-sm text-slate-600">
        Each step sends more of production&apos;s traffic to the new version; the last sends 100%. A lead steps on once the checkpoint&apos;s metrics have stayed green for its minutes.
      </p>
      <ol className="mt-2 space-y-2" aria-label="Rollout steps">
        {steps.map((step, i) => (
          <li key={step.uid} className="flex items-start gap-2 rounded-md border border-slate-200 bg-slate-50 p-2" data-testid="rollout-step-editor">
            <span className="w-6 pt-7 text-right text-sm font-semibold text-slate-500" aria-hidden="true">{i + 1}.</span>
            <div className="grid flex-1 gap-2 md:grid-cols-[7rem_minmax(0,1fr)_8rem_minmax(0,2fr)]">
              <EditorNumber label={`Step ${i + 1} percent of traffic`} path={`rolloutSteps.${i}.percent`} value={step.percent} onChange={(percent) => set(i, { percent })} />
              <EditorText label={`Step ${i + 1} name`} path={`rolloutSteps.${i}.label`} value={step.label} onChange={(label) => set(i, { label })} placeholder="Canary" />
              <EditorNumber label={`Step ${i + 1} checkpoint minutes`} path={`rolloutSteps.${i}.greenMinutes`} value={step.greenMinutes} step="any" onChange={(greenMinutes) => set(i, { greenMinutes })} />
              <EditorText label={`Step ${i + 1} checkpoint name`} path={`rolloutSteps.${i}.checkpoint`} value={step.checkpoint} onChange={(checkpoint) => set(i, { checkpoint })} placeholder="Canary metrics green (5 minutes)" />
            </div>
            <div className="pt-6">
              <RowButtons
                what={`rollout step ${i + 1}`}
                isFirst={i === 0}
                isLast={i === steps.length - 1}
                onMove={(delta) => edit((d) => ({ ...d, rolloutSteps: moveAt(d.rolloutSteps, i, delta) }))}
                onRemove={() => edit((d) => ({ ...d, rolloutSteps: removeAt(d.rolloutSteps, i) }))}
              />
            </div>
          </li>
        ))}
      </ol>
      {listProblems.map((p) => <p key={p.message} className="mt-2 text-sm font-medium text-red-800">⚠ {p.message}</p>)}
      <div className="mt-2">
        <AddButton onClick={() => edit(addRolloutStep)}>Add rollout step</AddButton>
      </div>
    </div>
  );
}
