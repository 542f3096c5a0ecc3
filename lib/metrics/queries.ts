// Reading a run's metrics: the part of the snapshot screens fold events into, and the chart data
// (every stored sample, downsampled to at most CHART_POINTS_PER_SERIES per series).
import { db } from "../db/client";
import { lttb, type TPoint } from "../domain/lttb";
import type { TMetricKind, TMetricStage } from "../domain/metric-catalog";
import { CHART_POINTS_PER_SERIES, type TChartSeries, type TMetricCharts, type TRolloutMark } from "../domain/metric-charts";
import { manualTriggers } from "../domain/metric-defaults";
import { ALERTS_IN_SNAPSHOT, foldPeriods, METRIC_EVENTS, type TFiringPeriod, type TRunMetrics, type TStatesChangedPayload } from "../domain/metric-events";
import type { TTx } from "../runs/command";
import { toAlertView } from "./alerts-view";
import { cachedSeries } from "./chart-cache";
import { ensureRules, toRuleView } from "./rules";
import { toTokenView } from "./tokens";

/** Inside the snapshot's read transaction, so it describes the same moment as the rest. */
export async function loadMetricsState(tx: TTx, runId: string, playbook: unknown): Promise<TRunMetrics> {
  const rules = await ensureRules(tx, runId, playbook);
  const custom = await tx.runCustomMetric.findMany({ where: { runId }, orderBy: { createdAt: "asc" } });
  const alerts = await tx.rollbackAlert.findMany({ where: { runId }, orderBy: { raisedAt: "desc" }, take: ALERTS_IN_SNAPSHOT });
  const tokens = await tx.runApiToken.findMany({ where: { runId }, orderBy: { createdAt: "desc" } });
  const changes = await tx.timelineEvent.findMany({
    where: { runId, type: METRIC_EVENTS.statesChanged },
    orderBy: { seq: "asc" },
    select: { payload: true, createdAt: true },
  });
  let periods: TFiringPeriod[] = [];
  for (const event of changes) periods = foldPeriods(periods, (event.payload as TStatesChangedPayload).changes ?? [], event.createdAt.toISOString());
  return {
    rules: rules.map(toRuleView),
    customMetrics: custom.map((c) => ({ key: c.key, label: c.label, unit: c.unit, kind: c.kind as TMetricKind })),
    manualTriggers: manualTriggers(playbook),
    alerts: alerts.map(toAlertView),
    tokens: tokens.map(toTokenView),
    periods,
  };
}

type TSeriesRow = { metric: string; stage: TMetricStage; t: string; v: string };

/**
 * Every series of the run, downsampled with LTTB. The database hands each series over as two
 * comma-separated strings (far cheaper to move and parse than one row per sample).
 */
export async function loadMetricSeries(runId: string, limit = CHART_POINTS_PER_SERIES): Promise<TChartSeries[]> {
  const rows = await db().$queryRaw<TSeriesRow[]>`
    SELECT metric, stage::text AS stage,
           string_agg((extract(epoch FROM at) * 1000)::bigint::text, ',' ORDER BY at) AS t,
           string_agg(value::text, ',' ORDER BY at) AS v
    FROM "MetricSample" WHERE "runId" = ${runId}
    GROUP BY metric, stage`;
  return rows.map((row) => {
    const times = row.t.split(",");
    const values = row.v.split(",");
    const points: TPoint[] = new Array(times.length);
    for (let i = 0; i < times.length; i++) points[i] = [Number(times[i]), Number(values[i])];
    return { metric: row.metric, stage: row.stage, points: lttb(points, limit) };
  });
}

/** The charts of a run: its series (cached in memory once read, see chart-cache.ts) and the rollout steps. */
export async function getMetricCharts(runId: string): Promise<TMetricCharts> {
  const [series, marks] = await Promise.all([
    cachedSeries(runId, () => loadMetricSeries(runId)),
    db().timelineEvent.findMany({
      where: { runId, type: "rollout.advanced" },
      orderBy: { seq: "asc" },
      select: { createdAt: true, payload: true },
    }),
  ]);
  const rolloutMarks: TRolloutMark[] = marks.map((m) => ({ at: m.createdAt.getTime(), label: `${(m.payload as { percent?: number }).percent ?? "?"}%` }));
  return { series, rolloutMarks };
}
