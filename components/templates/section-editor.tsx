"use client";
// One section of a phase: its title, budget, repeat interval and command, and its checklist items
// (text, required, nested, command, expected output), each movable and removable.
import { createContext, useContext, useState } from "react";
import { linkKey } from "@/lib/domain/item-links";
import type { TRolloutStep } from "@/lib/domain/rollout";
import { RULE_LIST_LABELS, RULE_LISTS, type TItemDraft, type TSectionDraft, type TTemplateDraft } from "@/lib/domain/template-draft";
import { addItem, moveItem, moveSection, removeItem, removeSection, updateItem, updateSection } from "@/lib/domain/template-edits";
import { AddButton, EditorNumber, EditorText, RowButtons, useProblems } from "./editor-fields";
import { SectionNotes } from "./section-notes";
import { UserText } from "@/components/ui/user-text";

export type TEdit = (change: (draft: TTemplateDraft) => TTemplateDraft) => void;

type TLinkChoice = { group: string; options: { key: string; label: string }[] };

/** What an item can be tied to: the template's rollout checkpoints and its rules (by label), grouped. */
export function metricLinkChoices(draft: TTemplateDraft, steps: readonly TRolloutStep[]): TLinkChoice[] {
  const checkpoints = steps.map((s) => ({ key: linkKey({ kind: "checkpoint", percent: s.percent }), label: `${s.checkpoint} (${s.percent}%)` }));
  const rules = RULE_LISTS.map((list) => ({
    group: RULE_LIST_LABELS[list],
    options: draft.rules[list].filter((r) => r.label.trim()).map((r) => ({ key: linkKey({ kind: "rule", rule: r.label.trim() }), label: r.label.trim() })),
  }));
  return [{ group: "Rollout checkpoints", options: checkpoints }, ...rules].filter((g) => g.options.length > 0);
}

export const LinkChoicesContext = createContext<TLinkChoice[]>([]);

type TSectionProps = { section: TSectionDraft; p: number; s: number; count: number; edit: TEdit };

export function SectionEditor({ section, p, s, count, edit }: TSectionProps) {
  const path = `phases.${p}.sections.${s}`;
  const commandProblems = useProblems(`${path}.command`).length + useProblems(`${path}.expectedOutput`).length;
  const set = (change: Partial<TSectionDraft>) => edit((d) => updateSection(d, p, s, (x) => ({ ...x, ...change })));
  const name = `section “${section.title.trim() || s + 1}”`;
  return (
    <li className="rounded-md border border-slate-200 bg-slate-50 p-4" data-testid="section-editor">
      <div className="flex items-start gap-3">
        <EditorText label={`Section ${s + 1} title`} path={`${path}.title`} value={section.title} onChange={(title) => set({ title })} className="flex-1" />
        <EditorNumber label="Budget (min)" path={`${path}.budgetMinutes`} value={section.budgetMinutes} onChange={(budgetMinutes) => set({ budgetMinutes })} placeholder="none" className="w-32" />
        <EditorNumber label="Repeat every (min)" path={`${path}.intervalMinutes`} value={section.intervalMinutes} onChange={(intervalMinutes) => set({ intervalMinutes })} placeholder="once" className="w-36" />
        <div className="pt-5">
          <RowButtons what={name} isFirst={s === 0} isLast={s === count - 1} onMove={(delta) => edit((d) => moveSection(d, p, s, delta))} onRemove={() => edit((d) => removeSection(d, p, s))} />
        </div>
      </div>
      <Disclosure label="Section command" isSet={Boolean(section.command || section.expectedOutput)} hasProblems={commandProblems > 0}>
        <div className="grid gap-3 md:grid-cols-2">
          <EditorText label="Command (shown above the items)" path={`${path}.command`} value={section.command} onChange={(command) => set({ command })} isMultiline isMonospace />
          <EditorText label="Expected output" path={`${path}.expectedOutput`} value={section.expectedOutput} onChange={(expectedOutput) => set({ expectedOutput })} isMultiline />
        </div>
      </Disclosure>
      <SectionNotes notes={section.notes} />
      <ol className="mt-3 space-y-2" aria-label={`Items of ${name}`}>
        {section.items.map((item, i) => (
          <ItemRow key={item.uid} item={item} p={p} s={s} i={i} count={section.items.length} edit={edit} />
        ))}
      </ol>
      {section.items.length === 0 && <p className="mt-2 text-sm text-slate-600">No items: the section is shown as a heading only.</p>}
      <div className="mt-3">
        <AddButton onClick={() => edit((d) => addItem(d, p, s))}>Add item to <UserText>{name}</UserText></AddButton>
      </div>
    </li>
  );
}

function ItemRow({ item, p, s, i, count, edit }: { item: TItemDraft; p: number; s: number; i: number; count: number; edit: TEdit }) {
  const path = `phases.${p}.sections.${s}.items.${i}`;
  const set = (change: Partial<TItemDraft>) => edit((d) => updateItem(d, p, s, i, change));
  const name = `item ${i + 1}${item.text.trim() ? ` “${item.text.trim().slice(0, 60)}”` : ""}`;
  const depthProblems = useProblems(`${path}.depth`);
  const detailProblems = useProblems(`${path}.command`).length + useProblems(`${path}.expectedOutput`).length + depthProblems.length;
  return (
    <li className={`rounded border border-slate-200 bg-white p-2 ${item.depth ? "ml-8" : ""}`} data-testid="item-editor">
      <div className="flex items-start gap-2">
        <span className="w-6 pt-1.5 text-right text-sm font-semibold text-slate-500" aria-hidden="true">{i + 1}.</span>
        <EditorText label={`Item ${i + 1} text`} isLabelHidden path={`${path}.text`} value={item.text} onChange={(text) => set({ text })} placeholder="What to check or do" className="flex-1" />
        <label className="flex items-center gap-1 pt-1.5 text-sm text-slate-800">
          <input type="checkbox" checked={item.required} onChange={(e) => set({ required: e.target.checked })} aria-label={`${name} is required`} />
          Required
        </label>
        <label className="flex items-center gap-1 pt-1.5 text-sm text-slate-800">
          <input type="checkbox" data-path={`${path}.depth`} checked={item.depth === 1} onChange={(e) => set({ depth: e.target.checked ? 1 : 0 })} aria-label={`${name} is nested`} />
          Nested
        </label>
        <RowButtons what={name} isFirst={i === 0} isLast={i === count - 1} onMove={(delta) => edit((d) => moveItem(d, p, s, i, delta))} onRemove={() => edit((d) => removeItem(d, p, s, i))} />
      </div>
      <div className="ml-8">
        <Disclosure label="Command and expected output" isSet={Boolean(item.command || item.expectedOutput)} hasProblems={detailProblems > 0}>
          <div className="grid gap-3 md:grid-cols-2">
            <EditorText label="Command" path={`${path}.command`} value={item.command} onChange={(command) => set({ command })} isMultiline rows={2} isMonospace />
            <EditorText label="Expected output (“Should show …”)" path={`${path}.expectedOutput`} value={item.expectedOutput} onChange={(expectedOutput) => set({ expectedOutput })} isMultiline rows={2} />
          </div>
          {depthProblems.map((problem) => <p key={problem.message} className="mt-1 text-sm font-medium text-red-800">⚠ {problem.message}</p>)}
        </Disclosure>
        <MetricLinkSelect path={`${path}.metricLink`} name={name} value={item.metricLink} onChange={(metricLink) => set({ metricLink })} />
      </div>
    </li>
  );
}

/** A small show/hide for the fields most rows leave empty; opens by itself when they have problems. */
function Disclosure({ label, isSet, hasProblems, children }: { label: string; isSet: boolean; hasProblems: boolean; children: React.ReactNode }) {
  const [isOpen, setIsOpen] = useState(false);
  const shown = isOpen || hasProblems;
  return (
    <div className="mt-1">
      <button type="button" aria-expanded={shown} onClick={() => setIsOpen(!shown)} className="text-xs font-semibold text-blue-800 hover:underline">
        {shown ? "▾" : "▸"} {label}
        {isSet && !shown ? " (set)" : ""}
      </button>
      {shown && <div className="mt-2">{children}</div>}
    </div>
  );
}

/** "Ticks itself when …": the rule or checkpoint an item states, so it is judged by data, not by hand. */
function MetricLinkSelect({ path, name, value, onChange }: { path: string; name: string; value: string; onChange: (key: string) => void }) {
  const choices = useContext(LinkChoicesContext);
  const problems = useProblems(path);
  const isKnown = value === "" || choices.some((g) => g.options.some((o) => o.key === value));
  return (
    <div className="mt-1">
      <label className="flex flex-wrap items-center gap-2 text-xs font-semibold text-slate-700">
        Ticks itself when
        <select
          data-path={path}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-label={`What ${name} is tied to`}
          aria-invalid={problems.length > 0}
          className={`max-w-md rounded border bg-white px-1.5 py-0.5 text-xs font-normal ${problems.length ? "border-red-700" : "border-slate-300"}`}
        >
          <option value="">— nothing: ticked by hand</option>
          {!isKnown && <option value={value}>{value.replace(/^rule:/, "rule ")} (missing)</option>}
          {choices.map((g) => (
            <optgroup key={g.group} label={g.group}>
              {g.options.map((o) => <option key={o.key} value={o.key}>{o.label}</option>)}
            </optgroup>
          ))}
        </select>
        {value && <span className="font-normal text-slate-600">passes with data; ticking it by hand otherwise asks for a reason</span>}
      </label>
      {problems.map((problem) => <p key={problem.message} className="mt-1 text-sm font-medium text-red-800">⚠ {problem.message}</p>)}
    </div>
  );
}
