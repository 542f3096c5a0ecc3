// A "compare" rule as stored and stated: one metric, canary against production over the rule's
// evaluation window (metric-compare.ts judges it), with the direction that is bad, the difference
// allowed and the samples each side needs. The spec rides on an ordinary rule (a template threshold
// or a run's rule), so severity, window, mode, hysteresis and the gate treat it like any other.
// Pure types; the input schema is compare-rule-schema.ts (full zod stays out of the screens' bundles).
import { DEFAULT_COMPARE_ALPHA, type TCompareDirection, type TCompareResult, type TCompareRule } from "./metric-compare";

export const COMPARE_DIRECTIONS = ["increase", "decrease", "either"] as const satisfies readonly TCompareDirection[];
export const COMPARE_DIRECTION_LABELS: Record<TCompareDirection, string> = {
  increase: "canary higher is worse",
  decrease: "canary lower is worse",
  either: "any difference is worse",
};

/** The evaluation window a compare rule uses when its rule states none: Kayenta's usual interval. */
export const DEFAULT_COMPARE_WINDOW_MINUTES = 5;
export const DEFAULT_MIN_SAMPLES_PER_SIDE = 10;

export type TCompareSpec = {
  direction: TCompareDirection;
  /** How much worse the canary's median may be, in % of production's. */
  allowedDifferencePercent: number;
  minSamplesPerSide: number;
};

/** What a compare rule needs beyond its spec: the window of its semantics. */
export function compareRuleOf(spec: TCompareSpec, windowMinutes: number): TCompareRule {
  return { ...spec, windowMinutes, alpha: DEFAULT_COMPARE_ALPHA };
}

/**
 * One comparison's figures, kept on the verdict state (saved, broadcast live, recorded with state
 * changes) so every screen can say what it saw. `outcome` is this evaluation's, while the rule's
 * status follows its mode and hysteresis. A difference from a production median of 0 has no finite
 * percentage (JSON has no Infinity): null, and the medians say which way it went.
 */
export type TCompareFigures = {
  outcome: "pass" | "fail" | "inconclusive";
  direction: TCompareDirection;
  allowedDifferencePercent: number;
  minSamplesPerSide: number;
  windowMinutes: number;
  canaryCount: number;
  productionCount: number;
  canaryMedian: number | null;
  productionMedian: number | null;
  differencePercent: number | null;
  u: number | null;
  p: number | null;
};

export function compareFigures(rule: TCompareRule, result: TCompareResult): TCompareFigures {
  const { canaryMedian: canary, productionMedian: production } = result;
  // Too few samples to judge still has medians worth showing side by side, and their difference.
  const difference = result.differencePercent ?? (canary !== null && production !== null && production !== 0 ? ((canary - production) / Math.abs(production)) * 100 : null);
  return {
    outcome: result.verdict,
    direction: rule.direction,
    allowedDifferencePercent: rule.allowedDifferencePercent,
    minSamplesPerSide: rule.minSamplesPerSide,
    windowMinutes: rule.windowMinutes,
    canaryCount: result.canaryCount,
    productionCount: result.productionCount,
    canaryMedian: result.canaryMedian,
    productionMedian: result.productionMedian,
    differencePercent: difference !== null && Number.isFinite(difference) ? difference : null,
    u: result.u,
    p: result.p,
  };
}
