// A run's chart series read from the database (a cold load: after a start, or the first view of a
// run). Each series comes from its samples or from its rollup buckets' extremes, whichever
// lib/domain/series-resolution.ts picks, and is downsampled with LTTB to the points drawn.
import { db } from "../db/client";
import { lttb, type TPoint } from "../domain/lttb";
import type { TMetricStage } from "../domain/metric-catalog";
import { CHART_POINTS_PER_SERIES, type TChartSeries } from "../domain/metric-charts";
import { seriesSource, type TRollupWidth, type TSeriesExtent, type TSeriesSource } from "../domain/series-resolution";

type TExtentRow = { metric: string; stage: TMetricStage; width: number; buckets: number; samples: number };
/** Each series as two comma-separated strings: far cheaper to move and parse than a row per point. */
type TSeriesRow = { metric: string; stage: TMetricStage; t: string; v: string };

const seriesKey = (metric: string, stage: string) => `${metric}|${stage}`;

export async function loadMetricSeries(runId: string, limit = CHART_POINTS_PER_SERIES): Promise<TChartSeries[]> {
  const extents = await db().$queryRaw<TExtentRow[]>`
    SELECT metric, stage::text AS stage, width, count(*)::int AS buckets, sum(count)::int AS samples
    FROM "MetricRollup" WHERE "runId" = ${runId} GROUP BY metric, stage, width`;
  const bySeries = new Map<string, TSeriesExtent>();
  for (const row of extents) {
    const extent = bySeries.get(seriesKey(row.metric, row.stage)) ?? { samples: row.samples, buckets: {} };
    extent.buckets[row.width as TRollupWidth] = row.buckets;
    bySeries.set(seriesKey(row.metric, row.stage), extent);
  }
  const keysBySource = new Map<TSeriesSource, string[]>();
  for (const [key, extent] of bySeries) {
    const source = seriesSource(extent);
    keysBySource.set(source, [...(keysBySource.get(source) ?? []), key]);
  }
  const reads = [...keysBySource].map(([source, keys]) => (source === "samples" ? readSamples(runId, keys) : readExtremes(runId, source, keys)));
  const rows = (await Promise.all(reads)).flat();
  return rows.map((row) => ({ metric: row.metric, stage: row.stage, points: lttb(toPoints(row), limit) }));
}

function readSamples(runId: string, keys: string[]): Promise<TSeriesRow[]> {
  return db().$queryRaw<TSeriesRow[]>`
    SELECT metric, stage::text AS stage,
           string_agg((extract(epoch FROM at) * 1000)::bigint::text, ',' ORDER BY at) AS t,
           string_agg(value::text, ',' ORDER BY at) AS v
    FROM "MetricSample" WHERE "runId" = ${runId} AND (metric || '|' || stage::text) = ANY(${keys}::text[])
    GROUP BY metric, stage`;
}

/**
 * Each bucket's lowest and highest sample, in time order: a bucket gives its two extremes earlier
 * one first (one point when they are the same sample). Buckets never overlap, so ordering by bucket
 * orders every point.
 */
function readExtremes(runId: string, width: TRollupWidth, keys: string[]): Promise<TSeriesRow[]> {
  return db().$queryRaw<TSeriesRow[]>`
    SELECT metric, stage::text AS stage,
      string_agg(CASE WHEN "minAt" = "maxAt" THEN t1::text WHEN "minAt" < "maxAt" THEN t1::text || ',' || t2::text ELSE t2::text || ',' || t1::text END,
                 ',' ORDER BY bucket) AS t,
      string_agg(CASE WHEN "minAt" = "maxAt" THEN "minValue"::text WHEN "minAt" < "maxAt" THEN "minValue"::text || ',' || "maxValue"::text
                      ELSE "maxValue"::text || ',' || "minValue"::text END,
                 ',' ORDER BY bucket) AS v
    FROM (
      SELECT r.*, (extract(epoch FROM "minAt") * 1000)::bigint AS t1, (extract(epoch FROM "maxAt") * 1000)::bigint AS t2
      FROM "MetricRollup" r
      WHERE "runId" = ${runId} AND width = ${width} AND (metric || '|' || stage::text) = ANY(${keys}::text[])
    ) buckets
    GROUP BY metric, stage`;
}

function toPoints(row: TSeriesRow): TPoint[] {
  const times = row.t.split(",");
  const values = row.v.split(",");
  const points: TPoint[] = new Array(times.length);
  for (let i = 0; i < times.length; i++) points[i] = [Number(times[i]), Number(values[i])];
  return points;
}
