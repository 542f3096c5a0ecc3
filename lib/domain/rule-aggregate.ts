// One number a rule judges per evaluation: an aggregate of a metric's samples over the evaluation
// window (now − W, now]. Judging an aggregate instead of raw samples is what lets "sustained" survive
// noise: one 4% sample among 8% ones no longer resets a streak. Pure; the clock is passed in.
//
// - A sample exactly W old has left the window (as in metric-rules.ts); samples after `now` wait.
// - An empty window is "no data", for every aggregation (count and sum included): a silent feed
//   must not read as "0 failures". Feeds that mean zero should push a zero.
// - p95 interpolates linearly between closest ranks (numpy's default, Prometheus's
//   quantile_over_time), so 20 samples give a value between the 19th and 20th.
// - ratio = Σ numerator / Σ denominator in the window (error rate = errors / requests), × 100 when
//   the rule's unit is "%": a percent rule compares with 5, not 0.05. No requests → no data.
import type { TSample } from "./metric-rules";

export const AGGREGATIONS = ["mean", "max", "min", "last", "p95", "sum", "count", "ratio"] as const;
export type TAggregation = (typeof AGGREGATIONS)[number];

export type TAggregateInput = {
  aggregation: TAggregation;
  windowMs: number;
  samples: readonly TSample[];
  /** ratio only: the denominator's samples (requests). */
  denominator?: readonly TSample[];
  /** ratio only: the rule's unit; "%" scales the ratio by 100. */
  unit?: string;
};

export type TAggregate =
  | { kind: "value"; value: number; sampleCount: number; newestAt: number }
  | { kind: "no_data"; reason: "empty_window" | "no_denominator" };

/** The samples in (now − W, now], oldest first. */
export function inWindow(samples: readonly TSample[], windowMs: number, now: number): TSample[] {
  return samples.filter((s) => s.at > now - windowMs && s.at <= now).sort((a, b) => a.at - b.at);
}

/** The ratio's scale: 100 for a percent rule, else 1. */
export function ratioScale(unit: string | undefined): number {
  return unit === "%" ? 100 : 1;
}

/** Linear interpolation between closest ranks (numpy "linear"); `sorted` ascending, non-empty. */
export function percentile(sorted: readonly number[], p: number): number {
  const position = (sorted.length - 1) * p;
  const low = Math.floor(position);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

const sumOf = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);

function reduce(aggregation: Exclude<TAggregation, "ratio">, values: readonly number[]): number {
  switch (aggregation) {
    case "mean":
      return sumOf(values) / values.length;
    case "max":
      return Math.max(...values);
    case "min":
      return Math.min(...values);
    case "last":
      return values[values.length - 1];
    case "p95":
      return percentile([...values].sort((a, b) => a - b), 0.95);
    case "sum":
      return sumOf(values);
    case "count":
      return values.length;
  }
}

export function aggregate(input: TAggregateInput, now: number): TAggregate {
  const window = inWindow(input.samples, input.windowMs, now);
  if (window.length === 0) return { kind: "no_data", reason: "empty_window" };
  const newestAt = window[window.length - 1].at;
  if (input.aggregation !== "ratio") {
    return { kind: "value", value: reduce(input.aggregation, window.map((s) => s.value)), sampleCount: window.length, newestAt };
  }
  const denominator = inWindow(input.denominator ?? [], input.windowMs, now);
  const requests = sumOf(denominator.map((s) => s.value));
  if (denominator.length === 0 || requests === 0) return { kind: "no_data", reason: "no_denominator" };
  const value = (sumOf(window.map((s) => s.value)) / requests) * ratioScale(input.unit);
  // A ratio is only as fresh as its staler feed, and as well sampled as its thinner one.
  const newestOfBoth = Math.min(newestAt, denominator[denominator.length - 1].at);
  return { kind: "value", value, sampleCount: Math.min(window.length, denominator.length), newestAt: newestOfBoth };
}
