// A stored rule (RunMetricRule) read in the verdict's terms: its semantics with the defaults, its
// saved verdict state (parsed: it is JSON written by an older or newer build as much as by this one)
// and the rule as the gate judges it.
import type { TJudgedRule } from "../domain/checkpoint-gate";
import type { TCompareSpec } from "../domain/compare-rule";
import { parseCompareSpec } from "../domain/compare-rule-schema";
import { ZVerdictState } from "../domain/events/metric-payloads";
import { findMetric, type TMetricDefinition } from "../domain/metric-catalog";
import type { TRuleView } from "../domain/metric-events";
import type { TComparator, TRuleWindow } from "../domain/metric-rules";
import { AGGREGATIONS, type TAggregation } from "../domain/rule-aggregate";
import { ruleSemantics, verdictRuleOf, type TRuleSemantics } from "../domain/rule-semantics";
import { initialVerdictState, ON_NO_DATA, type TOnNoData, type TRuleVerdictState, type TVerdictMode, type TVerdictRule } from "../domain/rule-verdict";
import { DEFAULT_CONSECUTIVE_ERROR_LIMIT, ruleSourceOf } from "../domain/rule-source";
import type { RunMetricRule } from "../generated/prisma/client";

export type TRuleRow = RunMetricRule;

export function ruleWindow(row: Pick<TRuleRow, "windowKind" | "windowMinutes">): TRuleWindow {
  return row.windowKind === "immediate" ? { kind: "immediate" } : { kind: row.windowKind, minutes: row.windowMinutes ?? 5 };
}

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;

function modeOf(row: TRuleRow): TVerdictMode | undefined {
  if (row.modeKind === "immediate") return { kind: "immediate" };
  if (row.modeKind === "sustained" && row.modeMinutes !== null) return { kind: "sustained", minutes: row.modeMinutes };
  if (row.modeKind === "k_of_n" && row.modeK !== null && row.modeN !== null) return { kind: "k_of_n", k: row.modeK, n: row.modeN };
  return undefined;
}

// The monitor asks for a row's semantics several times a second per rule (due checks, lookbacks,
// windows); a row read from the database never changes, so each is worked out once.
const semanticsCache = new WeakMap<TRuleRow, TRuleSemantics>();

/** The row's semantics with the defaults applied (shared per row object: treat as read-only). */
export function semanticsOfRow(row: TRuleRow): TRuleSemantics {
  let semantics = semanticsCache.get(row);
  if (!semantics) semanticsCache.set(row, (semantics = computeSemantics(row)));
  return semantics;
}

function computeSemantics(row: TRuleRow): TRuleSemantics {
  return ruleSemantics(ruleWindow(row), {
    aggregation: oneOf<TAggregation>(AGGREGATIONS, row.aggregation),
    windowMinutes: row.evalWindowMinutes ?? undefined,
    mode: modeOf(row),
    denominatorMetric: row.denominatorMetric,
    intervalSeconds: row.intervalSeconds ?? undefined,
    minSamples: row.minSamples ?? undefined,
    onNoData: oneOf<TOnNoData>(ON_NO_DATA, row.onNoData),
    recoveryMinutes: row.recoveryMinutes ?? undefined,
    staleAfterSeconds: row.staleAfterSeconds ?? undefined,
  });
}

/** The columns that store semantics a rule states explicitly (null: the default applies). */
export function semanticsColumns(s: Partial<TRuleSemantics>) {
  const mode = s.mode;
  return {
    aggregation: s.aggregation ?? null,
    evalWindowMinutes: s.windowMinutes ?? null,
    modeKind: mode?.kind ?? null,
    modeMinutes: mode?.kind === "sustained" ? mode.minutes : null,
    modeK: mode?.kind === "k_of_n" ? mode.k : null,
    modeN: mode?.kind === "k_of_n" ? mode.n : null,
    denominatorMetric: s.aggregation === "ratio" ? (s.denominatorMetric ?? null) : null,
    intervalSeconds: s.intervalSeconds ?? null,
    minSamples: s.minSamples ?? null,
    onNoData: s.onNoData ?? null,
    recoveryMinutes: s.recoveryMinutes ?? null,
    staleAfterSeconds: s.staleAfterSeconds ?? null,
  };
}

/** A compare rule's spec (canary against production), or null for a threshold rule. */
export function compareOfRow(row: Pick<TRuleRow, "compare">): TCompareSpec | null {
  return parseCompareSpec(row.compare);
}

export function verdictRuleOfRow(row: TRuleRow): TVerdictRule {
  return verdictRuleOf({ comparator: row.comparator as TComparator, threshold: row.threshold, unit: row.unit, semantics: semanticsOfRow(row) });
}

/** Errors in a row that mark a PromQL rule's source failing. */
export const consecutiveErrorLimitOf = (row: Pick<TRuleRow, "consecutiveErrorLimit">) => row.consecutiveErrorLimit ?? DEFAULT_CONSECUTIVE_ERROR_LIMIT;

/** The saved verdict state, or null when none was saved or it no longer parses (judged afresh). */
export function verdictOfRow(row: Pick<TRuleRow, "verdict">): TRuleVerdictState | null {
  if (row.verdict === null) return null;
  const parsed = ZVerdictState.safeParse(row.verdict);
  return parsed.success ? parsed.data : null;
}

/** A verdict state as JSON: −Infinity (never evaluated) has no JSON form and travels as null. */
export const verdictJson = (state: TRuleVerdictState) => ({ ...state, lastEvaluatedAt: Number.isFinite(state.lastEvaluatedAt) ? state.lastEvaluatedAt : null });

export function toRuleView(row: TRuleRow): TRuleView {
  return {
    id: row.id,
    position: row.position,
    label: row.label,
    metric: row.metric,
    severity: row.severity,
    comparator: row.comparator as TRuleView["comparator"],
    threshold: row.threshold,
    unit: row.unit,
    window: ruleWindow(row),
    stage: row.stage,
    semantics: semanticsOfRow(row),
    source: ruleSourceOf(row),
    consecutiveErrorLimit: consecutiveErrorLimitOf(row),
    compare: compareOfRow(row),
    isEnabled: row.isEnabled,
    version: row.version,
    state: row.state,
    since: row.stateSince?.toISOString() ?? null,
    value: row.stateValue,
    valueStage: row.stateStage,
    verdict: verdictOfRow(row),
  };
}

/** A stored rule as the checkpoint gate judges it at `now` (never evaluated: inconclusive from now). */
export function judgedRow(row: TRuleRow, catalog: readonly TMetricDefinition[], now: number, verdict?: TRuleVerdictState): TJudgedRule {
  return {
    label: row.label,
    metric: row.metric,
    metricLabel: findMetric(catalog, row.metric)?.label ?? row.metric,
    stage: row.stage ?? row.stateStage,
    severity: row.severity,
    isEnabled: row.isEnabled,
    unit: row.unit,
    rule: semanticsOfRow(row),
    state: verdict ?? verdictOfRow(row) ?? initialVerdictState(now),
  };
}
