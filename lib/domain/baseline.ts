// Baseline metrics: what a completed run's service looked like as it completed (the runbook's "Capture
// Baseline Metrics"), the latest live values, and how a later run of the same service compares.
// Pure: samples and clocks are passed in.
import type { TMetricStage } from "./metric-catalog";

/** The metrics a baseline keeps, in the order the record lists them. Lower is better for all of them. */
export const BASELINE_METRICS = [
  { key: "error_rate", label: "Error Rate", unit: "%" },
  { key: "response_time_avg", label: "Avg Response Time", unit: "ms" },
  { key: "response_time_p95", label: "P95 Response Time", unit: "ms" },
  { key: "db_query_time", label: "DB Query Time", unit: "ms" },
  { key: "db_connection_failures", label: "DB Connection Failures", unit: "" },
  { key: "cpu", label: "CPU", unit: "%" },
  { key: "memory", label: "Memory", unit: "%" },
] as const;

/** The minutes before completion a baseline averages over (the runbook's post-deployment watch). */
export const BASELINE_WINDOW_MINUTES = 15;

/** Which stage speaks for the service: production traffic first. */
const STAGE_PREFERENCE: readonly TMetricStage[] = ["production", "overall", "canary", "staging"];

export type TMetricPoint = { metric: string; stage: TMetricStage; at: number; value: number };

export type TBaselineValue = {
  /** Mean over the window (or the latest value before it, when the window had none). */
  value: number;
  max: number;
  /** Sum over the window: what a count metric (connection failures) is judged by. */
  sum: number;
  samples: number;
  stage: TMetricStage;
};

export type TBaselineMetrics = Record<string, TBaselineValue>;

function preferred<T extends { stage: TMetricStage }>(candidates: readonly T[]): T | undefined {
  for (const stage of STAGE_PREFERENCE) {
    const found = candidates.find((c) => c.stage === stage);
    if (found) return found;
  }
  return undefined;
}

/** One series' samples within the window, summed up (what SQL's GROUP BY gives the server). */
export type TWindowAggregate = { metric: string; stage: TMetricStage; mean: number; max: number; sum: number; samples: number };
/** A series' latest sample at or before the capture. */
export type TLatestSample = { metric: string; stage: TMetricStage; value: number; at: number };

/**
 * Each baseline metric from the preferred stage that has samples in the window; a metric without
 * samples in the window falls back to its latest sample before, and one never measured is left out.
 */
export function baselineFrom(window: readonly TWindowAggregate[], latest: readonly TLatestSample[]): TBaselineMetrics {
  const result: TBaselineMetrics = {};
  for (const { key } of BASELINE_METRICS) {
    const aggregate = preferred(window.filter((w) => w.metric === key && w.samples > 0));
    if (aggregate) {
      result[key] = { value: aggregate.mean, max: aggregate.max, sum: aggregate.sum, samples: aggregate.samples, stage: aggregate.stage };
      continue;
    }
    const newest = latest.filter((l) => l.metric === key && Number.isFinite(l.value)).sort((a, b) => b.at - a.at);
    const fallback = preferred(newest);
    if (fallback) result[key] = { value: fallback.value, max: fallback.value, sum: fallback.value, samples: 1, stage: fallback.stage };
  }
  return result;
}

/** The baseline from raw samples: the window is (capturedAt − windowMinutes, capturedAt]. */
export function computeBaseline(points: readonly TMetricPoint[], capturedAt: Date, windowMinutes = BASELINE_WINDOW_MINUTES): TBaselineMetrics {
  const end = capturedAt.getTime();
  const start = end - windowMinutes * 60_000;
  const before = points.filter((p) => p.at <= end && Number.isFinite(p.value));
  const groups = new Map<string, TMetricPoint[]>();
  for (const p of before.filter((p) => p.at > start)) groups.set(`${p.metric}|${p.stage}`, [...(groups.get(`${p.metric}|${p.stage}`) ?? []), p]);
  const window = [...groups.values()].map((g): TWindowAggregate => {
    const values = g.map((p) => p.value);
    const sum = values.reduce((a, b) => a + b, 0);
    return { metric: g[0].metric, stage: g[0].stage, mean: sum / values.length, max: Math.max(...values), sum, samples: values.length };
  });
  const latest = new Map<string, TLatestSample>();
  for (const p of before) {
    const seen = latest.get(`${p.metric}|${p.stage}`);
    if (!seen || p.at > seen.at) latest.set(`${p.metric}|${p.stage}`, p);
  }
  return baselineFrom(window, [...latest.values()]);
}

/** Samples newer than this speak for "now"; older ones only when nothing newer exists. */
export const LIVE_FRESH_MS = 5 * 60_000;

/** The latest value of each metric: the preferred stage among fresh samples, else the newest of any stage. */
export function latestValues(points: readonly TMetricPoint[], now: Date): Record<string, number> {
  const newestBySeries = new Map<string, TMetricPoint>();
  for (const p of points) {
    const key = `${p.metric}|${p.stage}`;
    const seen = newestBySeries.get(key);
    if (!seen || p.at > seen.at) newestBySeries.set(key, p);
  }
  const byMetric = new Map<string, TMetricPoint[]>();
  for (const p of newestBySeries.values()) byMetric.set(p.metric, [...(byMetric.get(p.metric) ?? []), p]);
  const result: Record<string, number> = {};
  for (const [metric, series] of byMetric) {
    const fresh = series.filter((p) => now.getTime() - p.at <= LIVE_FRESH_MS);
    const chosen = preferred(fresh) ?? [...series].sort((a, b) => b.at - a.at)[0];
    result[metric] = chosen.value;
  }
  return result;
}

/** The escalation line the runbook draws for database queries (2 seconds). */
const SLOW_QUERY_MS = 2000;

export type TDatabaseHealth = { isGood: boolean; reason: string };

/** "Database Health: ✅ Good": no connection failures and queries under 2 s; null without any database metric. */
export function databaseHealth(baseline: TBaselineMetrics): TDatabaseHealth | null {
  const failures = baseline.db_connection_failures;
  const query = baseline.db_query_time;
  if (!failures && !query) return null;
  const problems: string[] = [];
  if (failures && failures.sum > 0) problems.push(`${failures.sum} connection failures`);
  if (query && query.value > SLOW_QUERY_MS) problems.push(`queries ${Math.round(query.value)} ms`);
  return problems.length ? { isGood: false, reason: problems.join(", ") } : { isGood: true, reason: "no connection failures, queries fast" };
}

/** Share of requests that did not fail, from the error rate; null without one. */
export function apiAvailability(baseline: TBaselineMetrics): number | null {
  const errors = baseline.error_rate;
  return errors ? Math.max(0, 100 - errors.value) : null;
}

export type TComparison = {
  key: string;
  label: string;
  unit: string;
  current: number | null;
  baseline: number | null;
  delta: number | null;
  /** Relative change in % of the baseline (null when the baseline is 0). */
  deltaPercent: number | null;
  direction: "up" | "down" | "flat" | null;
  /** Lower is better for every baseline metric. */
  verdict: "better" | "worse" | "same" | null;
};

/** Within this share of the baseline (or this absolute amount near zero) a change reads as "same". */
const FLAT_SHARE = 0.05;
const FLAT_ABSOLUTE = 1e-6;

export function compareWithBaseline(current: Readonly<Record<string, number>>, baseline: TBaselineMetrics): TComparison[] {
  return BASELINE_METRICS.filter(({ key }) => current[key] !== undefined || baseline[key] !== undefined).map(({ key, label, unit }) => {
    const now = current[key] ?? null;
    const then = baseline[key]?.value ?? null;
    if (now === null || then === null) {
      return { key, label, unit, current: now, baseline: then, delta: null, deltaPercent: null, direction: null, verdict: null };
    }
    const delta = now - then;
    const isFlat = Math.abs(delta) <= Math.max(FLAT_ABSOLUTE, Math.abs(then) * FLAT_SHARE);
    const direction = isFlat ? "flat" : delta > 0 ? "up" : "down";
    return {
      key,
      label,
      unit,
      current: now,
      baseline: then,
      delta,
      deltaPercent: then === 0 ? null : (delta / Math.abs(then)) * 100,
      direction,
      verdict: direction === "flat" ? "same" : direction === "down" ? "better" : "worse",
    };
  });
}

/** "0.04%", "312ms", "3": how the record writes a metric value (the runbook writes "[X]ms"). */
export function formatBaselineValue(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return "—";
  const abs = Math.abs(value);
  const digits = unit === "ms" || abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return `${Number(value.toFixed(digits)).toLocaleString("en-US", { maximumFractionDigits: digits })}${unit}`;
}

/** "+12ms (+4%)", "−0.02% (−33%)" */
export function formatDelta(comparison: Pick<TComparison, "delta" | "deltaPercent" | "unit">): string {
  if (comparison.delta === null) return "—";
  const sign = comparison.delta > 0 ? "+" : comparison.delta < 0 ? "−" : "±";
  const abs = formatBaselineValue(Math.abs(comparison.delta), comparison.unit);
  const share = comparison.deltaPercent === null ? "" : ` (${sign}${Math.abs(Math.round(comparison.deltaPercent))}%)`;
  return `${sign}${abs}${share}`;
}
