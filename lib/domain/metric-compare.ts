// A "compare" rule (Kayenta's idea, inside the room): one metric, canary against production over
// the same window, judged by a Mann-Whitney U test. Ranks, not means, so one outlier cannot decide,
// and no assumption that error rates or latencies are normally distributed. Pure.
//
// fail: the canary differs in the bad direction significantly (p < alpha) AND its median is worse
//   than production's by more than the allowed difference: significance alone fails a canary 0.1%
//   worse on thousands of samples, a difference alone fails one on noise.
// inconclusive: fewer samples than the minimum on either side.
// pass: otherwise.
import type { TSample } from "./metric-rules";
import { mannWhitneyU, type TAlternative } from "./mann-whitney";
import { inWindow, percentile } from "./rule-aggregate";

/** Which change is bad: "increase" for error rates and latencies, "decrease" for throughput. */
export type TCompareDirection = "increase" | "decrease" | "either";

export type TCompareRule = {
  direction: TCompareDirection;
  /** How much worse the canary's median may be, in % of production's. */
  allowedDifferencePercent: number;
  minSamplesPerSide: number;
  windowMinutes: number;
  /** Significance level. */
  alpha: number;
};

export const DEFAULT_COMPARE_ALPHA = 0.05;

export type TCompareResult = {
  verdict: "pass" | "fail" | "inconclusive";
  reason: string;
  canaryCount: number;
  productionCount: number;
  canaryMedian: number | null;
  productionMedian: number | null;
  /** (canary − production) / |production| in %; ±Infinity when production's median is 0. */
  differencePercent: number | null;
  u: number | null;
  p: number | null;
};

const ALTERNATIVE: Record<TCompareDirection, TAlternative> = { increase: "greater", decrease: "less", either: "two-sided" };

const median = (values: readonly number[]) => percentile([...values].sort((a, b) => a - b), 0.5);

function differencePercent(canary: number, production: number): number {
  if (production === 0) return canary === 0 ? 0 : canary > 0 ? Infinity : -Infinity;
  return ((canary - production) / Math.abs(production)) * 100;
}

function isWorseBeyond(direction: TCompareDirection, difference: number, allowed: number): boolean {
  if (direction === "increase") return difference > allowed;
  if (direction === "decrease") return difference < -allowed;
  return Math.abs(difference) > allowed;
}

const formatFigure = (v: number) => String(Number(v.toPrecision(4)));
const formatP = (p: number) => (p < 0.001 ? p.toExponential(1) : p.toFixed(3));
const formatDifference = (d: number) => (Number.isFinite(d) ? `${d >= 0 ? "+" : ""}${Math.round(d)}%` : d > 0 ? "up from 0" : "down from 0");

export function compareCanary(input: { rule: TCompareRule; canary: readonly TSample[]; production: readonly TSample[]; now: number }): TCompareResult {
  const { rule, now } = input;
  const windowMs = rule.windowMinutes * 60_000;
  const canary = inWindow(input.canary, windowMs, now).map((s) => s.value);
  const production = inWindow(input.production, windowMs, now).map((s) => s.value);
  const counts = { canaryCount: canary.length, productionCount: production.length };
  if (canary.length < rule.minSamplesPerSide || production.length < rule.minSamplesPerSide) {
    const short = canary.length < rule.minSamplesPerSide ? `canary has ${canary.length}` : `production has ${production.length}`;
    return {
      verdict: "inconclusive",
      reason: `${short} samples in the last ${rule.windowMinutes} min, the comparison needs ${rule.minSamplesPerSide} on each side`,
      ...counts,
      canaryMedian: canary.length ? median(canary) : null,
      productionMedian: production.length ? median(production) : null,
      differencePercent: null,
      u: null,
      p: null,
    };
  }
  const { u, p } = mannWhitneyU(canary, production, ALTERNATIVE[rule.direction]);
  const canaryMedian = median(canary);
  const productionMedian = median(production);
  const difference = differencePercent(canaryMedian, productionMedian);
  const isFail = p < rule.alpha && isWorseBeyond(rule.direction, difference, rule.allowedDifferencePercent);
  const figures = `canary median ${formatFigure(canaryMedian)} vs production ${formatFigure(productionMedian)} (${formatDifference(difference)}, allowed ${rule.allowedDifferencePercent}%), U = ${u}, p = ${formatP(p)}`;
  return {
    verdict: isFail ? "fail" : "pass",
    reason: `${isFail ? "canary worse than production" : "canary within the allowed difference"}: ${figures}`,
    ...counts,
    canaryMedian,
    productionMedian,
    differencePercent: difference,
    u,
    p,
  };
}
