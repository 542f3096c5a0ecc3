"use client";
// Small controls of the template editor: a labelled input that shows its own problems beside it, a
// minutes input whose empty state is "not set" (null), and the move/remove buttons of a row.
import { createContext, useContext, useId } from "react";
import { problemsAt, type TTemplateProblem } from "@/lib/domain/template-validation";

/** The problems to show inline: empty until the first save attempt, so a new empty row is not red at once. */
export const ProblemsContext = createContext<readonly TTemplateProblem[]>([]);

export function useProblems(path: string, isPrefix = false): TTemplateProblem[] {
  return problemsAt(useContext(ProblemsContext), path, isPrefix);
}

const control = "block w-full rounded-md border px-2.5 py-1.5 text-sm text-slate-900 shadow-sm focus:border-blue-600";

function FieldProblems({ id, problems }: { id: string; problems: TTemplateProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm font-medium text-red-800" data-testid="field-problem">
      {problems.map((p) => (
        // The field is right here: only what is wrong with it, without the "Phase 2 › …" address.
        <li key={p.message}>⚠ {p.message.slice(p.message.lastIndexOf(": ") + 2)}</li>
      ))}
    </ul>
  );
}

type TFieldProps = { label: string; path: string; isLabelHidden?: boolean; className?: string };

export function EditorText({
  label,
  path,
  value,
  onChange,
  isLabelHidden,
  className = "",
  isMultiline,
  rows = 3,
  isMonospace,
  placeholder,
}: TFieldProps & { value: string; onChange: (value: string) => void; isMultiline?: boolean; rows?: number; isMonospace?: boolean; placeholder?: string }) {
  const id = useId();
  const problems = useProblems(path);
  const invalid = problems.length > 0;
  const props = {
    id,
    "data-path": path,
    value,
    placeholder,
    "aria-invalid": invalid || undefined,
    "aria-describedby": invalid ? `${id}-problems` : undefined,
    className: `${control} ${invalid ? "border-red-600 bg-red-50" : "border-slate-300 bg-white"} ${isMonospace ? "font-mono" : ""}`,
  };
  return (
    <div className={className}>
      <label htmlFor={id} className={isLabelHidden ? "sr-only" : "mb-1 block text-xs font-semibold text-slate-700"}>{label}</label>
      {isMultiline ? (
        <textarea {...props} rows={rows} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...props} type="text" onChange={(e) => onChange(e.target.value)} />
      )}
      <FieldProblems id={`${id}-problems`} problems={problems} />
    </div>
  );
}

export function EditorNumber({
  label,
  path,
  value,
  onChange,
  isLabelHidden,
  className = "",
  step = 1,
  placeholder,
}: TFieldProps & { value: number | null; onChange: (value: number | null) => void; step?: number | "any"; placeholder?: string }) {
  const id = useId();
  const problems = useProblems(path);
  const invalid = problems.length > 0;
  return (
    <div className={className}>
      <label htmlFor={id} className={isLabelHidden ? "sr-only" : "mb-1 block text-xs font-semibold text-slate-700"}>{label}</label>
      <input
        id={id}
        data-path={path}
        type="number"
        step={step}
        placeholder={placeholder}
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value === "" || Number.isNaN(e.target.valueAsNumber) ? null : e.target.valueAsNumber)}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-problems` : undefined}
        className={`${control} ${invalid ? "border-red-600 bg-red-50" : "border-slate-300 bg-white"}`}
      />
      <FieldProblems id={`${id}-problems`} problems={problems} />
    </div>
  );
}

export function EditorSelect({
  label,
  path,
  value,
  onChange,
  options,
  className = "",
}: TFieldProps & { value: string; onChange: (value: string) => void; options: readonly { value: string; label: string }[] }) {
  const id = useId();
  const problems = useProblems(path);
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-xs font-semibold text-slate-700">{label}</label>
      <select id={id} data-path={path} value={value} onChange={(e) => onChange(e.target.value)} className={`${control} border-slate-300 bg-white`}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <FieldProblems id={`${id}-problems`} problems={problems} />
    </div>
  );
}

/** ↑ ↓ ✕ for one row; `what` names the row for screen readers and tests ("Move item 3 up"). */
export function RowButtons({
  what,
  onMove,
  onRemove,
  isFirst,
  isLast,
  removeLabel = "Remove",
}: {
  what: string;
  onMove?: (delta: -1 | 1) => void;
  onRemove: () => void;
  isFirst: boolean;
  isLast: boolean;
  removeLabel?: string;
}) {
  const button = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm font-semibold text-slate-800 hover:bg-slate-100 aria-disabled:cursor-not-allowed aria-disabled:text-slate-300";
  // aria-disabled, not disabled: a row moved to the top keeps keyboard focus on its ↑ button, so
  // pressing it again (or Tab) carries on from there instead of from the page's start.
  return (
    <div className="flex shrink-0 gap-1">
      {onMove && (
        <>
          <button type="button" className={button} onClick={() => !isFirst && onMove(-1)} aria-disabled={isFirst || undefined} aria-label={`Move ${what} up`} title="Move up">↑</button>
          <button type="button" className={button} onClick={() => !isLast && onMove(1)} aria-disabled={isLast || undefined} aria-label={`Move ${what} down`} title="Move down">↓</button>
        </>
      )}
      <button type="button" className={`${button} text-red-800 hover:bg-red-50`} onClick={onRemove} aria-label={`${removeLabel} ${what}`} title={removeLabel}>✕</button>
    </div>
  );
}

/** Puts the cursor in the field a problem is about (its phase opens by itself while it has problems). */
export function focusField(path: string) {
  const field = document.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`);
  field?.scrollIntoView({ block: "center" });
  field?.focus();
}

export function AddButton({ children, onClick }: { children: React.ReactNode; onClick: () => void }) {
  return (
    <button type="button" onClick={onClick} className="rounded-md border border-dashed border-slate-400 px-3 py-1.5 text-sm font-semibold text-slate-700 hover:border-blue-600 hover:text-blue-800">
      + {children}
    </button>
  );
}
