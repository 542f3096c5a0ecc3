// A run's rule in the verdict's terms: what it aggregates over which window, how breaches become a
// firing (immediate, sustained, k of n), what missing data means, and how it recovers. Templates may
// still say only the legacy window ("> 5% sustained (5 minutes)"); fromLegacyWindow gives that its
// meaning and every field a rule states explicitly wins. Pure.
import { checkpointGate, type TCheckpointGate, type TJudgedRule } from "./checkpoint-gate";
import { findMetric, metricCatalog, type TMetricStage } from "./metric-catalog";
import type { TRuleView, TRunMetrics } from "./metric-events";
import type { TComparator, TRuleWindow } from "./metric-rules";
import type { TAggregation } from "./rule-aggregate";
import { fromLegacyWindow, initialVerdictState, withVerdictDefaults, type TOnNoData, type TVerdictMode, type TVerdictRule } from "./rule-verdict";
import type { TRunStatus } from "./run-status";

export type TRuleSemantics = {
  aggregation: TAggregation;
  windowMinutes: number;
  mode: TVerdictMode;
  /** ratio only: the metric summed below the line (requests, for errors / requests). */
  denominatorMetric: string | null;
  intervalSeconds: number;
  minSamples: number;
  onNoData: TOnNoData;
  recoveryMinutes: number;
  staleAfterSeconds: number;
};

/** What a rule may state explicitly; anything left out comes from its window and the defaults. */
export type TRuleSemanticsInput = Partial<TRuleSemantics>;

export function ruleSemantics(window: TRuleWindow, explicit: TRuleSemanticsInput): TRuleSemantics {
  const legacy = fromLegacyWindow(window);
  const defined = Object.fromEntries(Object.entries(explicit).filter(([, v]) => v !== undefined && v !== null)) as TRuleSemanticsInput;
  // Recovery defaults to the rule's own window, so it is computed after the explicit fields apply.
  const rule = withVerdictDefaults({ comparator: ">", threshold: 0, ...legacy, ...defined });
  return {
    aggregation: rule.aggregation,
    windowMinutes: rule.windowMinutes,
    mode: rule.mode,
    denominatorMetric: rule.aggregation === "ratio" ? (explicit.denominatorMetric ?? null) : null,
    intervalSeconds: rule.intervalSeconds,
    minSamples: rule.minSamples,
    onNoData: rule.onNoData,
    recoveryMinutes: rule.recoveryMinutes,
    staleAfterSeconds: rule.staleAfterSeconds,
  };
}

export function verdictRuleOf(rule: { comparator: TComparator; threshold: number; unit: string; semantics: TRuleSemantics }): TVerdictRule {
  const { denominatorMetric: _denominator, ...semantics } = rule.semantics;
  return { comparator: rule.comparator, threshold: rule.threshold, unit: rule.unit, ...semantics };
}

/**
 * The stage whose metrics decide whether the rollout is on track: canary while part of the traffic
 * is on the new version, production once all of it is, none before the rollout starts.
 */
export function verifiedStage(run: { status: TRunStatus; rolloutPercent: number }): TMetricStage | null {
  if (run.status !== "production" || run.rolloutPercent <= 0) return null;
  return run.rolloutPercent >= 100 ? "production" : "canary";
}

/**
 * A rule as the gate, the light and the comms line judge it. A rule the evaluator has not reached
 * yet counts as inconclusive from `now`: it has vouched for nothing.
 */
export function judgedRule(view: TRuleView, metrics: Pick<TRunMetrics, "customMetrics">, now: number): TJudgedRule {
  const metric = findMetric(metricCatalog(metrics.customMetrics), view.metric);
  return {
    label: view.label,
    metric: view.metric,
    metricLabel: metric?.label ?? view.metric,
    stage: view.stage ?? view.valueStage,
    severity: view.severity,
    isEnabled: view.isEnabled,
    unit: view.unit,
    rule: view.semantics,
    state: view.verdict ?? initialVerdictState(now),
  };
}

export const judgedRules = (metrics: Pick<TRunMetrics, "rules" | "customMetrics">, now: number): TJudgedRule[] =>
  metrics.rules.map((r) => judgedRule(r, metrics, now));

type TGateRun = { status: TRunStatus; rolloutPercent: number; checkpointStartedAt: string | null; metrics: Pick<TRunMetrics, "rules" | "customMetrics"> };

/** The rollout checkpoint as the screens show it, counted at `now`; null when no step is under way. */
export function runCheckpointGate(run: TGateRun, greenMinutes: number, now: number): TCheckpointGate | null {
  if (run.status !== "production" || run.rolloutPercent === 0) return null;
  const countdownStartedAt = run.checkpointStartedAt ? Date.parse(run.checkpointStartedAt) : null;
  return checkpointGate({ rules: judgedRules(run.metrics, now), greenMinutes, countdownStartedAt, now });
}
