// A comparison in words, the same on every screen: the war room's rule row ("canary median 212 ms
// vs production 180 ms (+17.8%, allowed 10%) · U=2410 p=0.003 → FAIL"), the header and the gate's
// reasons, the bridge's compact line, the timeline and the deployment record. Pure.
import type { TCompareFigures } from "./compare-rule";
import { formatMetricValue } from "./metric-catalog";

export const COMPARE_OUTCOME_WORDS: Record<TCompareFigures["outcome"], string> = { pass: "PASS", fail: "FAIL", inconclusive: "INCONCLUSIVE" };

/** "+17.8%", "−4.2%", "+240%"; from a production median of 0, "up from 0"; "" when unknown. */
export function formatDifference(f: Pick<TCompareFigures, "differencePercent" | "canaryMedian" | "productionMedian">): string {
  const d = f.differencePercent;
  if (d !== null) {
    const size = Math.abs(d) >= 100 ? Math.round(Math.abs(d)) : Number(Math.abs(d).toFixed(1));
    return `${d < 0 && size > 0 ? "−" : "+"}${size}%`;
  }
  if (f.canaryMedian !== null && f.productionMedian === 0 && f.canaryMedian !== 0) return f.canaryMedian > 0 ? "up from 0" : "down from 0";
  return "";
}

/** p as scipy users read it: three decimals, or scientific below 0.001. */
export function formatP(p: number): string {
  if (p === 0) return "<1e-300";
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}

/** "U=2410 p=0.003": the statistic behind a pass or a fail (null before one was computed). */
export function compareStatistic(f: Pick<TCompareFigures, "u" | "p">): string | null {
  if (f.u === null || f.p === null) return null;
  return `U=${Number(f.u.toFixed(1))} p=${formatP(f.p)}`;
}

/** "canary median 212 ms vs production 180 ms (+17.8%, allowed 10%)"; null without both medians. */
export function compareMediansText(f: TCompareFigures, unit: string): string | null {
  if (f.canaryMedian === null || f.productionMedian === null) return null;
  const difference = formatDifference(f);
  const allowed = `allowed ${f.direction === "either" ? "±" : ""}${f.allowedDifferencePercent}%`;
  return `canary median ${formatMetricValue(f.canaryMedian, unit)} vs production ${formatMetricValue(f.productionMedian, unit)} (${difference ? `${difference}, ` : ""}${allowed})`;
}

type TCounts = Pick<TCompareFigures, "canaryCount" | "productionCount" | "minSamplesPerSide">;

const shortSides = (f: TCounts) =>
  (
    [
      ["canary", f.canaryCount],
      ["production", f.productionCount],
    ] as const
  ).filter(([, count]) => count < f.minSamplesPerSide);

/** "canary: 3 samples, needs 10" (the side or sides short of the minimum); "not compared" if none is. */
export function tooFewSamplesText(f: TCounts): string {
  const short = shortSides(f);
  if (short.length === 0) return "not compared";
  return `${short.map(([side, count]) => `${side}: ${count} ${count === 1 ? "sample" : "samples"}`).join(", ")}, needs ${f.minSamplesPerSide}`;
}

/** The whole comparison: medians, difference, U, p and what this evaluation concluded. */
export function compareLine(f: TCompareFigures, unit: string): string {
  const medians = compareMediansText(f, unit);
  const statistic = compareStatistic(f);
  if (f.outcome !== "inconclusive" && medians && statistic) return `${medians} · ${statistic} → ${COMPARE_OUTCOME_WORDS[f.outcome]}`;
  const why = tooFewSamplesText(f);
  return medians ? `${medians} · ${why} → INCONCLUSIVE` : `${why} → INCONCLUSIVE`;
}

/** The bridge banner's few words: "+17.8% (allowed 10%)", or why there is no comparison. */
export function compareDifferenceText(f: TCompareFigures): string {
  const difference = formatDifference(f);
  if (f.outcome === "inconclusive" || !difference) return tooFewSamplesText(f);
  return `${difference} (allowed ${f.direction === "either" ? "±" : ""}${f.allowedDifferencePercent}%)`;
}
