"use client";
// One phase of the template: a collapsible card (the runbook has over a hundred items, so phases
// start closed and open by themselves when they hold a problem) with title, budget and sections.
import { useState } from "react";
import { formatBudget } from "@/lib/domain/time-format";
import { PHASE_STAGE_LABELS, type TPhaseDraft } from "@/lib/domain/template-draft";
import { addSection, removePhase, updatePhase } from "@/lib/domain/template-edits";
import { AddButton, EditorNumber, EditorText, RowButtons, useProblems } from "./editor-fields";
import { SectionEditor, type TEdit } from "./section-editor";
import { UserText } from "@/components/ui/user-text";

export function PhaseEditor({ phase, p, edit }: { phase: TPhaseDraft; p: number; edit: TEdit }) {
  const [isOpen, setIsOpen] = useState(false);
  const path = `phases.${p}`;
  const problems = useProblems(path, true);
  const ownProblems = useProblems(`${path}.key`).concat(useProblems(`${path}.sections`));
  const shown = isOpen || problems.length > 0;
  const set = (change: Partial<TPhaseDraft>) => edit((d) => updatePhase(d, p, (x) => ({ ...x, ...change })));
  const itemCount = phase.sections.reduce((sum, s) => sum + s.items.length, 0);
  const budget = phase.budgetMinMinutes && phase.budgetMaxMinutes ? formatBudget(phase.budgetMinMinutes, phase.budgetMaxMinutes) : "no budget";
  const title = phase.title.trim() || "Untitled phase";
  // A phase holds dozens of items: one stray click should not take them all (nothing is saved yet,
  // but a reload would also lose every other edit).
  const remove = () => {
    if (itemCount === 0 || window.confirm(`Remove phase ${p + 1} “${title}” and its ${itemCount} items?`)) edit((d) => removePhase(d, p));
  };
  return (
    <li className={`rounded-lg border bg-white shadow-sm ${problems.length ? "border-red-400" : "border-slate-200"}`} data-testid="phase-editor">
      <div className="flex items-center gap-3 p-4">
        <button
          type="button"
          aria-expanded={shown}
          onClick={() => setIsOpen(!shown)}
          className="flex flex-1 items-baseline gap-3 text-left"
        >
          <span className="text-slate-500" aria-hidden="true">{shown ? "▾" : "▸"}</span>
          <span className="text-lg font-bold text-slate-900">{p + 1}. <UserText>{title}</UserText></span>
          <span className="text-sm text-slate-600">
            {PHASE_STAGE_LABELS[phase.key]} stage · {phase.sections.length} {phase.sections.length === 1 ? "section" : "sections"} · {itemCount} items · {budget}
          </span>
          {problems.length > 0 && (
            <span className="rounded bg-red-100 px-2 py-0.5 text-sm font-semibold text-red-800">
              {problems.length} {problems.length === 1 ? "problem" : "problems"}
            </span>
          )}
        </button>
        <RowButtons what={`phase ${p + 1} “${title}”`} isFirst isLast onRemove={remove} />
      </div>
      {ownProblems.map((problem) => (
        <p key={problem.message} className="px-4 pb-2 text-sm font-medium text-red-800">⚠ {problem.message}</p>
      ))}
      {shown && (
        <div className="space-y-4 border-t border-slate-200 p-4">
          <div className="grid gap-3 md:grid-cols-[1fr_10rem_10rem]">
            <EditorText label="Phase title" path={`${path}.title`} value={phase.title} onChange={(value) => set({ title: value })} />
            <EditorNumber label="Budget from (min)" path={`${path}.budgetMinMinutes`} value={phase.budgetMinMinutes} onChange={(v) => set({ budgetMinMinutes: v })} />
            <EditorNumber label="Budget up to (min)" path={`${path}.budgetMaxMinutes`} value={phase.budgetMaxMinutes} onChange={(v) => set({ budgetMaxMinutes: v })} />
          </div>
          <ol className="space-y-3" aria-label={`Sections of phase ${p + 1}`}>
            {phase.sections.map((section, s) => (
              <SectionEditor key={section.uid} section={section} p={p} s={s} count={phase.sections.length} edit={edit} />
            ))}
          </ol>
          <AddButton onClick={() => edit((d) => addSection(d, p))}>Add section to phase {p + 1}</AddButton>
        </div>
      )}
    </li>
  );
}
