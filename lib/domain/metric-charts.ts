// The charts' data: one downsampled series per metric and stage, the rollout steps on the time axis,
// and how live samples are merged in. Pure: the server builds it, the browser keeps it current.
import { lttb, type TPoint } from "./lttb";
import type { TMetricDefinition, TMetricStage } from "./metric-catalog";
import type { TRunMetrics } from "./metric-events";

/** Points per series on screen, whatever the stored count. */
export const CHART_POINTS_PER_SERIES = 1000;
/** Live points may pile up this far past the limit before the series is compacted again. */
const LIVE_SLACK = 1.25;
/**
 * The live edge kept point for point when a series is compacted: the newest points are the ones a
 * room is watching, so only what came before them is thinned (at 1 sample / 5 s, 40 minutes).
 */
export const RECENT_POINTS_KEPT = 500;
/** The most points a screen ever holds of one series, however long it stays open (a bridge TV, all day). */
export const MAX_RETAINED_POINTS = Math.floor(CHART_POINTS_PER_SERIES * LIVE_SLACK);

export type TChartSeries = { metric: string; stage: TMetricStage; points: TPoint[] };
export type TRolloutMark = { at: number; label: string };
export type TMetricCharts = { series: TChartSeries[]; rolloutMarks: TRolloutMark[] };

export const EMPTY_CHARTS: TMetricCharts = { series: [], rolloutMarks: [] };

export type TLiveSample = { metric: string; stage: TMetricStage; at: number; value: number };

/** Inserts one point keeping time order; a point at a time already shown replaces it. */
function insertPoint(points: TPoint[], point: TPoint): void {
  const last = points.at(-1);
  if (!last || point[0] > last[0]) {
    points.push(point);
    return;
  }
  let low = 0;
  let high = points.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (points[mid][0] < point[0]) low = mid + 1;
    else high = mid;
  }
  if (points[low]?.[0] === point[0]) points[low] = point;
  else points.splice(low, 0, point);
}

/**
 * A series held for a live screen, bounded: past `limit` × LIVE_SLACK points, the newest
 * `recent` stay as they are and everything older is thinned by LTTB (spikes kept) so the whole
 * comes back to `limit`. Memory stays flat however long a screen is open, and the older part is
 * what was already drawn at a coarser resolution (series-resolution.ts reads it that way too).
 */
export function compactSeries(points: TPoint[], limit = CHART_POINTS_PER_SERIES, recent = RECENT_POINTS_KEPT): TPoint[] {
  if (points.length <= Math.floor(limit * LIVE_SLACK)) return points;
  const kept = Math.min(recent, Math.floor(limit / 2));
  const older = points.slice(0, points.length - kept);
  return [...lttb(older, limit - kept), ...points.slice(points.length - kept)];
}

/** Live samples into the charts: new series appear, long ones are compacted (compactSeries). */
export function mergeSamples(charts: TMetricCharts, samples: readonly TLiveSample[], limit = CHART_POINTS_PER_SERIES): TMetricCharts {
  if (samples.length === 0) return charts;
  const series = charts.series.slice();
  // Only the series these samples touch are copied: the rest are shared with the previous charts.
  const touched = new Set<TChartSeries>();
  for (const sample of samples) {
    let index = series.findIndex((s) => s.metric === sample.metric && s.stage === sample.stage);
    if (index < 0) index = series.push({ metric: sample.metric, stage: sample.stage, points: [] }) - 1;
    if (!touched.has(series[index])) {
      series[index] = { ...series[index], points: series[index].points.slice() };
      touched.add(series[index]);
    }
    insertPoint(series[index].points, [sample.at, sample.value]);
  }
  for (const s of touched) s.points = compactSeries(s.points, limit);
  return { ...charts, series };
}

/** Every point the charts hold, all series together: what a live screen keeps in memory for them. */
export const retainedPoints = (charts: TMetricCharts | null) => charts?.series.reduce((sum, s) => sum + s.points.length, 0) ?? 0;

/** The series of one metric, in a stable stage order. */
/** What one metric's chart draws of the run's charts and rules: its series, rules and firing periods. */
export function chartInputs(metric: TMetricDefinition, charts: TMetricCharts, metrics: Pick<TRunMetrics, "rules" | "periods">) {
  return {
    metric,
    series: seriesOfMetric(charts, metric.key),
    rules: metrics.rules.filter((r) => r.metric === metric.key),
    periods: metrics.periods.filter((p) => p.metric === metric.key),
  };
}

export function seriesOfMetric(charts: TMetricCharts, metric: string): TChartSeries[] {
  const order: TMetricStage[] = ["overall", "staging", "canary", "production"];
  return charts.series.filter((s) => s.metric === metric && s.points.length > 0).sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage));
}

/** [first, last] sample time across the charts, or null when there is nothing to draw. */
export function timeDomain(charts: TMetricCharts): [number, number] | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const s of charts.series) {
    if (s.points.length === 0) continue;
    min = Math.min(min, s.points[0][0]);
    max = Math.max(max, s.points[s.points.length - 1][0]);
  }
  return Number.isFinite(min) ? [min, max] : null;
}

const TICK_STEPS_MS = [15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600].map((s) => s * 1000);

/**
 * Time-axis ticks at round instants (every 15 s, 30 s, 1, 2, 5, 10… minutes), at most `maxTicks`,
 * with the label format that tells them apart: "08:07" for whole minutes, "08:07:30" below that.
 * (Ticks picked freely over a three-minute window all read "08:07" or "08:08".)
 */
export function timeTicks(domain: [number, number], maxTicks = 4): { ticks: number[]; withSeconds: boolean } {
  const span = Math.max(0, domain[1] - domain[0]);
  const step = TICK_STEPS_MS.find((s) => Math.floor(span / s) + 1 <= maxTicks) ?? TICK_STEPS_MS[TICK_STEPS_MS.length - 1];
  const ticks: number[] = [];
  for (let t = Math.ceil(domain[0] / step) * step; t <= domain[1]; t += step) ticks.push(t);
  return { ticks, withSeconds: step < 60_000 };
}

/** Charts move their live edge every 5 s, not with the screens' one-second clock: redrawing every chart each second made busy war rooms sluggish. */
export const CHART_CLOCK_MS = 5000;
export const chartClock = (now: number) => Math.floor(now / CHART_CLOCK_MS) * CHART_CLOCK_MS;
