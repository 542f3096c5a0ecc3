"use client";
// A compare rule's own fields in the run's rule editor: which way the canary may not drift from
// production, by how much, and on how many samples a side. Its window is the "of the last N min" of
// the judging fields; the server checks every field and names the one that is wrong.
import { COMPARE_DIRECTION_LABELS, COMPARE_DIRECTIONS, type TCompareSpec } from "@/lib/domain/compare-rule";
import type { TCompareDirection } from "@/lib/domain/metric-compare";

export type TCompareDraft = { direction: TCompareDirection; allowedDifferencePercent: string; minSamplesPerSide: string };

const control = "rounded-md border border-slate-400 bg-white px-2 py-1 text-sm";

export function compareDraft(spec: TCompareSpec | null): TCompareDraft {
  return {
    direction: spec?.direction ?? "increase",
    allowedDifferencePercent: spec ? String(spec.allowedDifferencePercent) : "10",
    minSamplesPerSide: spec ? String(spec.minSamplesPerSide) : "10",
  };
}

/** As typed: the server refuses what does not parse (a blank is not a number), naming the field. */
export function comparePayload(draft: TCompareDraft): TCompareSpec {
  const number = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));
  return { direction: draft.direction, allowedDifferencePercent: number(draft.allowedDifferencePercent), minSamplesPerSide: number(draft.minSamplesPerSide) };
}

export function CompareFields({ id, draft, onChange }: { id: string; draft: TCompareDraft; onChange: (patch: Partial<TCompareDraft>) => void }) {
  return (
    <>
      <label className="sr-only" htmlFor={`direction-${id}`}>Worse when</label>
      <select id={`direction-${id}`} className={control} value={draft.direction} onChange={(e) => onChange({ direction: e.target.value as TCompareDirection })}>
        {COMPARE_DIRECTIONS.map((d) => <option key={d} value={d}>{COMPARE_DIRECTION_LABELS[d]}</option>)}
      </select>
      <label className="flex items-center gap-1">
        by more than
        <input id={`allowed-${id}`} aria-label="Allowed difference (%)" className={`${control} w-20`} type="number" min="0" step="any" required value={draft.allowedDifferencePercent} onChange={(e) => onChange({ allowedDifferencePercent: e.target.value })} />
        %
      </label>
      <label className="flex items-center gap-1">
        with at least
        <input id={`per-side-${id}`} aria-label="Minimum samples per side" className={`${control} w-20`} type="number" min="1" step="1" required value={draft.minSamplesPerSide} onChange={(e) => onChange({ minSamplesPerSide: e.target.value })} />
        samples per side
      </label>
    </>
  );
}
