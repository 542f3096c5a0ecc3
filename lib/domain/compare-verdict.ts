// One evaluation of a compare rule: canary against production over the rule's window
// (metric-compare.ts), turned into the same three-way finding as any rule — fail is breaching, pass
// is ok, too few samples on a side is inconclusive and says which side — so severity, mode,
// hysteresis, a lead's decision, the checkpoint and the timeline treat it like every other rule.
// Pure; the clock is passed in.
//
// - Nothing on either side is "no data", and a side whose newest sample is older than the rule's
//   staleness makes the comparison stale: a dead feed is not compared on what it said minutes ago.
// - Once all traffic is on the new version (the rollout at 100%) there is no canary to compare: the
//   rule keeps the status it had and gates nothing ("no_canary", see isGatingNow).
import { compareFigures, compareRuleOf, type TCompareSpec } from "./compare-rule";
import type { TMetricStage } from "./metric-catalog";
import { compareCanary } from "./metric-compare";
import type { TSample, TStageSeries } from "./metric-rules";
import type { TStagedStep } from "./rule-stages";
import { advanceVerdict, type TJudgement, type TRuleVerdictState, type TVerdictRule } from "./rule-verdict";

export type TComparisonInput = {
  rule: TVerdictRule;
  compare: TCompareSpec;
  series: readonly TStageSeries[];
  /** The stage the rollout is verifying now (verifiedStage), if any. */
  verifiedStage: TMetricStage | null;
  previous: TRuleVerdictState | null;
  isResolvedByLead?: boolean;
  now: number;
};

const newestAtOrBefore = (samples: readonly TSample[], now: number) =>
  samples.reduce<number | null>((newest, s) => (s.at <= now && (newest === null || s.at > newest) ? s.at : newest), null);

export function judgeComparison(input: Omit<TComparisonInput, "previous" | "isResolvedByLead">): TJudgement {
  const { rule, now } = input;
  const samplesOf = (stage: TMetricStage) => input.series.find((s) => s.stage === stage)?.samples ?? [];
  const canary = samplesOf("canary");
  const production = samplesOf("production");
  const compareRule = compareRuleOf(input.compare, rule.windowMinutes);
  const result = compareCanary({ rule: compareRule, canary, production, now });
  const figures = compareFigures(compareRule, result);
  const newestCanary = newestAtOrBefore(canary, now);
  const live = result.canaryMedian === null || newestCanary === null ? null : { value: result.canaryMedian, sampleCount: result.canaryCount, at: newestCanary };
  const unjudged = { ...figures, outcome: "inconclusive" as const };
  if (input.verifiedStage === "production") return { outcome: "inconclusive", inconclusive: { kind: "no_canary" }, live, compare: unjudged };
  if (result.canaryCount === 0 && result.productionCount === 0) return { outcome: "inconclusive", inconclusive: { kind: "no_data" }, live, compare: unjudged };
  const newestProduction = newestAtOrBefore(production, now);
  const isStale = (newest: number | null) => newest !== null && now - newest >= rule.staleAfterSeconds * 1000;
  if (isStale(newestCanary) || isStale(newestProduction)) return { outcome: "inconclusive", inconclusive: { kind: "stale" }, live, compare: unjudged };
  if (result.verdict === "inconclusive") {
    const side = result.canaryCount < compareRule.minSamplesPerSide ? "canary" : "production";
    const count = side === "canary" ? result.canaryCount : result.productionCount;
    return { outcome: "inconclusive", inconclusive: { kind: "too_few_samples", count, required: compareRule.minSamplesPerSide, side }, live, compare: figures };
  }
  return { outcome: result.verdict === "fail" ? "breaching" : "ok", inconclusive: null, live, compare: figures };
}

export function evaluateComparison(input: TComparisonInput): TStagedStep {
  const { now } = input;
  const samplesOf = (stage: TMetricStage) => input.series.find((s) => s.stage === stage)?.samples ?? [];
  const judgement = judgeComparison(input);
  const newestCanary = newestAtOrBefore(samplesOf("canary"), now);
  const newestProduction = newestAtOrBefore(samplesOf("production"), now);
  // As a ratio's two feeds: the comparison has a sample only when both sides do; the staler dates it.
  const newestSampleAt = newestCanary === null || newestProduction === null ? null : Math.min(newestCanary, newestProduction);
  // With nothing to compare the rule rests: its status stays what the canary left it.
  const rule = judgement.inconclusive?.kind === "no_canary" ? { ...input.rule, onNoData: "ignore" as const } : input.rule;
  return { ...advanceVerdict(rule, input.previous, judgement, { newestSampleAt, isResolvedByLead: input.isResolvedByLead }, now), stage: "canary" };
}
