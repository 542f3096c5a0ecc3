// Latency figures for benchmarks: nearest-rank percentiles over a set of samples (milliseconds).

export type TSummary = { count: number; mean: number; p50: number; p95: number; p99: number; max: number };

/** Nearest-rank percentile of ascending `sorted` samples: the smallest value with ≥ p% of samples at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error("percentile of no samples");
  if (p < 0 || p > 100) throw new Error(`percentile must be within 0–100, got ${p}`);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** p50/p95/p99/max/mean of the samples; null when there are none (nothing was measured). */
export function summarize(samples: readonly number[]): TSummary | null {
  if (samples.length === 0) return null;
  const sorted = Float64Array.from(samples).sort();
  const values = Array.from(sorted);
  const total = values.reduce((sum, v) => sum + v, 0);
  return {
    count: values.length,
    mean: total / values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: values[values.length - 1],
  };
}
