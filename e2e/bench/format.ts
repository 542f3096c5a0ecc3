// How benchmark figures are written, the same in every line and table.
import type { TSummary } from "./stats";

/** Milliseconds: one decimal below 10 ms (where it still means something), whole above. */
export const ms = (value: number | undefined | null) => (value === undefined || value === null ? "–" : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`);
export const seconds = (valueMs: number) => `${(valueMs / 1000).toFixed(1)} s`;
export const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

export function figures(summary: TSummary | null): string {
  if (!summary) return "nothing measured";
  return `p50 ${ms(summary.p50)} · p95 ${ms(summary.p95)} · p99 ${ms(summary.p99)} · max ${ms(summary.max)} (n=${summary.count})`;
}
