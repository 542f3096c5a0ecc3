// One evaluation of one stored rule at one time: a threshold rule across its stages
// (rule-stages.ts), or a compare rule, canary against production (compare-verdict.ts) — with a
// lead's decision on its rollback recommendation ending a firing (isResolvedByLeadAt). The judge
// (judge.ts) replays missed evaluations and the current one through here.
import { evaluateComparison } from "../domain/compare-verdict";
import type { TMetricStage } from "../domain/metric-catalog";
import type { TComparator, TStageSeries } from "../domain/metric-rules";
import { verdictRuleOf, type TRuleSemantics } from "../domain/rule-semantics";
import { evaluateAcrossStages, type TStagedStep } from "../domain/rule-stages";
import { advanceVerdict, isResolvedByLeadAt, type TRuleVerdictState } from "../domain/rule-verdict";
import { compareOfRow, type TRuleRow } from "./rule-rows";

export type TRuleStepInput = {
  row: TRuleRow;
  semantics: TRuleSemantics;
  series: TStageSeries[];
  /** ratio only: the denominator metric's series. */
  denominator?: TStageSeries[];
  verifiedStage: TMetricStage | null;
  /** When a lead last decided to continue on this rule's rollback recommendation (epoch ms), if ever. */
  leadDecidedAt: number | null;
};

/** `providerError`: a PromQL rule's data source error at `at` (prometheus-feed.ts): inconclusive, saying why. */
export function evaluateRuleAt(input: TRuleStepInput, before: TRuleVerdictState | null, at: number, providerError: string | null = null): TStagedStep {
  const { row, semantics } = input;
  const rule = verdictRuleOf({ comparator: row.comparator as TComparator, threshold: row.threshold, unit: row.unit, semantics });
  const isResolvedByLead = isResolvedByLeadAt(input.leadDecidedAt, before, at);
  const compare = compareOfRow(row);
  if (compare && providerError) {
    const failed = { outcome: "inconclusive" as const, inconclusive: { kind: "provider_error" as const, message: providerError }, live: null };
    return { ...advanceVerdict(rule, before, failed, { newestSampleAt: null, isResolvedByLead }, at), stage: "canary" };
  }
  if (compare) return evaluateComparison({ rule, compare, series: input.series, verifiedStage: input.verifiedStage, previous: before, isResolvedByLead, now: at });
  return evaluateAcrossStages({
    rule,
    stage: row.stage,
    series: input.series,
    denominator: input.denominator,
    verifiedStage: input.verifiedStage,
    previous: before,
    providerError,
    isResolvedByLead,
    now: at,
  });
}
