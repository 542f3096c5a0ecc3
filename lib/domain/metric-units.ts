// Unit guards. A sample may say its unit (a ratio for a percent metric, seconds for a duration) and
// is converted to the metric's documented unit; without one the documented unit applies. Feeds
// that forget often send a ratio as a percent or seconds as milliseconds, and every rule then
// judges a value 100 or 1000 times too small and stays green: the detector warns. Pure.
import { percentile } from "./rule-aggregate";
import type { TMetricDefinition, TMetricKind, TMetricStage } from "./metric-catalog";

export const SAMPLE_UNITS = ["percent", "ratio", "ms", "s"] as const;
export type TSampleUnit = (typeof SAMPLE_UNITS)[number];

/** Multiply a sample in this unit by this to get the documented unit (% and ms). */
const FACTORS: Record<TSampleUnit, { kind: TMetricKind; factor: number }> = {
  percent: { kind: "percent", factor: 1 },
  ratio: { kind: "percent", factor: 100 },
  ms: { kind: "duration", factor: 1 },
  s: { kind: "duration", factor: 1000 },
};

export type TConverted = { ok: true; value: number } | { ok: false; reason: string };

export function toDocumentedUnit(value: number, unit: TSampleUnit | undefined, metric: Pick<TMetricDefinition, "key" | "kind">): TConverted {
  if (unit === undefined) return { ok: true, value };
  const { kind, factor } = FACTORS[unit];
  if (kind !== metric.kind) {
    const expected = metric.kind === "percent" ? `"percent" or "ratio"` : metric.kind === "duration" ? `"ms" or "s"` : "none";
    return { ok: false, reason: `${metric.key}: unit "${unit}" does not fit a ${metric.kind} metric (expected ${expected})` };
  }
  return { ok: true, value: value * factor };
}

/** Below this many samples a series says too little to suspect its unit. */
export const UNIT_SUSPICION_MIN_SAMPLES = 10;

export type TUnitWarning = { metric: string; stage: TMetricStage; message: string };

export type TUnitEvidence = {
  metric: Pick<TMetricDefinition, "key" | "kind">;
  /** Recent values of each stage's series. */
  stages: readonly { stage: TMetricStage; values: readonly number[] }[];
  /** The thresholds of the rules on this metric. */
  thresholds: readonly number[];
};

const median = (values: readonly number[]) => percentile([...values].sort((a, b) => a - b), 0.5);

/**
 * A percent series never above 1 is suspect when another stage never reads below 1% and reads the
 * same once it is ×100 (within a factor of 3), or when every threshold on the metric is above 1 (no
 * rule could ever fire on it). Neither matches a low but genuine error rate (0.3% beside
 * production's 1.5%), nor a healthy production (0.15%) beside a canary that went bad (0.3% → 7.5%):
 * a stage that was ever below 1% may be a percent. A duration never above 1 ms is suspect on its
 * own: no request is that fast.
 */
export function unitWarnings(evidence: TUnitEvidence): TUnitWarning[] {
  const { metric } = evidence;
  const warnings: TUnitWarning[] = [];
  for (const { stage, values } of evidence.stages) {
    if (values.length < UNIT_SUSPICION_MIN_SAMPLES) continue;
    const max = Math.max(...values);
    if (max > 1 || max <= 0) continue;
    const where = `${metric.key} on ${stage} never exceeds 1${metric.kind === "duration" ? " ms" : ""} (max ${Number(max.toPrecision(3))})`;
    if (metric.kind === "duration") {
      warnings.push({ metric: metric.key, stage, message: `${where} — is the feed sending seconds? Send unit "s", or milliseconds.` });
      continue;
    }
    if (metric.kind !== "percent") continue;
    const scaled = median(values) * 100;
    const isPercentAlike = (values: readonly number[]) => Math.min(...values) > 1 && scaled <= median(values) * 3 && scaled >= median(values) / 3;
    const other = evidence.stages.find((s) => s.stage !== stage && s.values.length >= UNIT_SUSPICION_MIN_SAMPLES && isPercentAlike(s.values));
    const advice = `is the feed sending a ratio (0–1) instead of a percent? Send unit "ratio", or percent.`;
    if (other) {
      warnings.push({ metric: metric.key, stage, message: `${where} while ${other.stage} reads ${Number(median(other.values).toPrecision(3))}% — ${advice}` });
    } else if (evidence.thresholds.length > 0 && evidence.thresholds.every((t) => t > 1)) {
      warnings.push({ metric: metric.key, stage, message: `${where} while every rule on it is above 1% — ${advice}` });
    }
  }
  return warnings;
}

/**
 * The warnings for one chart: its series as they are on screen, and the thresholds of the enabled
 * gating rules on the metric that read a value (a count or sum threshold is not in the metric's unit).
 */
export function chartUnitWarnings(
  metric: Pick<TMetricDefinition, "key" | "kind">,
  series: readonly { stage: TMetricStage; points: readonly (readonly [number, number])[] }[],
  rules: readonly { metric: string; isEnabled: boolean; severity: string; threshold: number; window: { kind: string } }[],
): TUnitWarning[] {
  const thresholds = rules
    .filter((r) => r.metric === metric.key && r.isEnabled && r.severity !== "success" && (r.window.kind === "immediate" || r.window.kind === "sustained"))
    .map((r) => r.threshold);
  return unitWarnings({ metric, stages: series.map((s) => ({ stage: s.stage, values: s.points.map((p) => p[1]) })), thresholds });
}
