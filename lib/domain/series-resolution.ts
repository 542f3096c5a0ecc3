// Which stored form a chart series is read from on a cold load. Reading every sample of a long series
// costs time in proportion to its length; the rollup holds each bucket's lowest and highest sample, so
// a series read from buckets of width w costs two points per bucket, whatever its sample count, and
// still shows every spike (the extremes are real samples). The finest form that gives at most
// MAX_BUCKETS buckets is chosen; LTTB then brings any form down to the points drawn.

export const ROLLUP_WIDTHS = [10, 60] as const;
export type TRollupWidth = (typeof ROLLUP_WIDTHS)[number];
export type TSeriesSource = "samples" | TRollupWidth;

/** A series this short is read sample by sample (LTTB needs little more than the points it keeps). */
export const MAX_RAW_SAMPLES = 2_000;
/** Two points per bucket: 1,000 buckets give LTTB 2,000 real extremes to pick 1,000 points from. */
export const MAX_BUCKETS = 1_000;

export type TSeriesExtent = { samples: number; buckets: Partial<Record<TRollupWidth, number>> };

export function seriesSource({ samples, buckets }: TSeriesExtent): TSeriesSource {
  if (samples <= MAX_RAW_SAMPLES) return "samples";
  for (const width of ROLLUP_WIDTHS) if ((buckets[width] ?? 0) <= MAX_BUCKETS) return width;
  // Longer than 1,000 minutes: the coarsest buckets, thinned by LTTB.
  return ROLLUP_WIDTHS[ROLLUP_WIDTHS.length - 1];
}
