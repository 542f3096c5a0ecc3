// Reading a run's metrics: the part of the snapshot screens fold events into, and the chart data
// (downsampled series, see series-query.ts, kept in memory by chart-cache.ts).
import { db } from "../db/client";
import type { TMetricKind } from "../domain/metric-catalog";
import type { TMetricCharts, TRolloutMark } from "../domain/metric-charts";
import { manualTriggers } from "../domain/metric-defaults";
import { ALERTS_IN_SNAPSHOT, foldPeriods, METRIC_EVENTS, type TFiringPeriod, type TRunMetrics } from "../domain/metric-events";
import type { TTx } from "../timeline/command";
import { readPayload } from "../timeline/events";
import { toAlertView } from "./alerts-view";
import { cachedSeries } from "./chart-cache";
import { loadMetricSeries } from "./series-query";
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
    select: { seq: true, payload: true, createdAt: true },
  });
  let periods: TFiringPeriod[] = [];
  for (const event of changes) periods = foldPeriods(periods, readPayload("metrics.states_changed", event)?.changes ?? [], event.createdAt.toISOString());
  return {
    rules: rules.map(toRuleView),
    customMetrics: custom.map((c) => ({ key: c.key, label: c.label, unit: c.unit, kind: c.kind as TMetricKind })),
    manualTriggers: manualTriggers(playbook),
    alerts: alerts.map(toAlertView),
    tokens: tokens.map(toTokenView),
    periods,
  };
}

/** The charts of a run: its series (cached in memory once read, see chart-cache.ts) and the rollout steps. */
export async function getMetricCharts(runId: string): Promise<TMetricCharts> {
  const [series, marks] = await Promise.all([
    cachedSeries(runId, () => loadMetricSeries(runId)),
    db().timelineEvent.findMany({
      where: { runId, type: "rollout.advanced" },
      orderBy: { seq: "asc" },
      select: { seq: true, createdAt: true, payload: true },
    }),
  ]);
  const rolloutMarks: TRolloutMark[] = marks.map((m) => ({ at: m.createdAt.getTime(), label: `${readPayload("rollout.advanced", m)?.percent ?? "?"}%` }));
  return { series, rolloutMarks };
}
