"use client";
// How a rule is judged, in the rule editor: the aggregate over a window, immediate / sustained /
// k of n, what missing data means, recovery and the minimum samples. Starts from what the rule's
// window means (lib/domain/rule-semantics.ts); only what the lead changes is sent as explicit.
import { AGGREGATIONS, type TAggregation } from "@/lib/domain/rule-aggregate";
import type { TMetricDefinition } from "@/lib/domain/metric-catalog";
import type { TRuleWindow } from "@/lib/domain/metric-rules";
import { ruleSemantics, type TRuleSemantics } from "@/lib/domain/rule-semantics";
import { ON_NO_DATA, type TOnNoData } from "@/lib/domain/rule-verdict";

export type TSemanticsDraft = {
  aggregation: TAggregation;
  windowMinutes: string;
  modeKind: TRuleSemantics["mode"]["kind"];
  modeMinutes: string;
  k: string;
  n: string;
  denominatorMetric: string;
  onNoData: TOnNoData;
  recoveryMinutes: string;
  minSamples: string;
};

const control = "rounded-md border border-slate-400 bg-white px-2 py-1 text-sm";
const NO_DATA_LABELS: Record<TOnNoData, string> = { hold: "no data holds (unverified)", ignore: "no data is ignored", fail: "no data counts as breaching" };

export function semanticsDraft(s: TRuleSemantics): TSemanticsDraft {
  return {
    aggregation: s.aggregation,
    windowMinutes: String(s.windowMinutes),
    modeKind: s.mode.kind,
    modeMinutes: s.mode.kind === "sustained" ? String(s.mode.minutes) : "5",
    k: s.mode.kind === "k_of_n" ? String(s.mode.k) : "3",
    n: s.mode.kind === "k_of_n" ? String(s.mode.n) : "5",
    denominatorMetric: s.denominatorMetric ?? "",
    onNoData: s.onNoData,
    recoveryMinutes: String(s.recoveryMinutes),
    minSamples: String(s.minSamples),
  };
}

/** The fields the lead changed from what the window means (the server checks them, naming the field). */
export function semanticsPayload(draft: TSemanticsDraft, window: TRuleWindow): Partial<TRuleSemantics> {
  const implied = semanticsDraft(ruleSemantics(window, {}));
  const changed = (key: keyof TSemanticsDraft) => draft[key] !== implied[key];
  const out: Partial<TRuleSemantics> = {};
  if (changed("aggregation")) out.aggregation = draft.aggregation;
  if (draft.aggregation === "ratio") out.denominatorMetric = draft.denominatorMetric || undefined;
  if (changed("windowMinutes")) out.windowMinutes = Number(draft.windowMinutes);
  if (changed("modeKind") || changed("modeMinutes") || changed("k") || changed("n")) {
    out.mode =
      draft.modeKind === "immediate"
        ? { kind: "immediate" }
        : draft.modeKind === "sustained"
          ? { kind: "sustained", minutes: Number(draft.modeMinutes) }
          : { kind: "k_of_n", k: Number(draft.k), n: Number(draft.n) };
  }
  if (changed("onNoData")) out.onNoData = draft.onNoData;
  if (changed("recoveryMinutes")) out.recoveryMinutes = Number(draft.recoveryMinutes);
  if (changed("minSamples")) out.minSamples = Number(draft.minSamples);
  return out;
}

type TProps = { id: string; draft: TSemanticsDraft; catalog: TMetricDefinition[]; onChange: (patch: Partial<TSemanticsDraft>) => void; /** A compare rule ranks raw samples: no aggregation, and its own minimum per side. */ isCompare?: boolean };

export function RuleSemanticsFields({ id, draft, catalog, onChange, isCompare = false }: TProps) {
  const number = (key: keyof TSemanticsDraft, label: string, width = "w-16") => (
    <label className="flex items-center gap-1">
      {label}
      <input id={`${key}-${id}`} className={`${control} ${width}`} type="number" min="0" step="any" required value={draft[key]} onChange={(e) => onChange({ [key]: e.target.value })} />
    </label>
  );
  return (
    <fieldset className="flex flex-wrap items-center gap-2 text-sm text-slate-800" aria-label="How the rule is judged">
      {isCompare ? (
        <span>compare the samples</span>
      ) : (
        <label className="flex items-center gap-1">
          judge the
          <select className={control} value={draft.aggregation} onChange={(e) => onChange({ aggregation: e.target.value as TAggregation })}>
            {AGGREGATIONS.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
      )}
      {!isCompare && draft.aggregation === "ratio" && (
        <label className="flex items-center gap-1">
          over
          <select className={control} value={draft.denominatorMetric} required onChange={(e) => onChange({ denominatorMetric: e.target.value })}>
            <option value="">denominator…</option>
            {catalog.map((m) => <option key={m.key} value={m.key}>{m.label}</option>)}
          </select>
        </label>
      )}
      {number("windowMinutes", "of the last", "w-16")}
      <span>min;</span>
      <label className="flex items-center gap-1">
        fires
        <select className={control} value={draft.modeKind} onChange={(e) => onChange({ modeKind: e.target.value as TSemanticsDraft["modeKind"] })}>
          <option value="immediate">at once</option>
          <option value="sustained">when sustained for</option>
          <option value="k_of_n">when k of the last n evaluations breach</option>
        </select>
      </label>
      {draft.modeKind === "sustained" && <>{number("modeMinutes", "", "w-16")}<span>min</span></>}
      {draft.modeKind === "k_of_n" && <>{number("k", "k", "w-14")}{number("n", "n", "w-14")}</>}
      <select className={control} aria-label="When there is no data" value={draft.onNoData} onChange={(e) => onChange({ onNoData: e.target.value as TOnNoData })}>
        {ON_NO_DATA.map((o) => <option key={o} value={o}>{NO_DATA_LABELS[o]}</option>)}
      </select>
      {number("recoveryMinutes", "recovers after", "w-16")}
      <span>min clear;</span>
      {!isCompare && (
        <>
          {number("minSamples", "at least", "w-16")}
          <span>samples</span>
        </>
      )}
    </fieldset>
  );
}
