// Reading a run's metrics: the part of the snapshot screens fold events into, and the chart data
// (downsampled series, see series-query.ts, kept in memory by chart-cache.ts).
import { db } from "../db/client";
import type { TMetricKind } from "../domain/metric-catalog";
import type { TMetricCharts, TRolloutMark } from "../domain/metric-charts";
import { manualTriggers } from "../domain/metric-defaults";
import { ALERTS_IN_SNAPSHOT, foldPeriods, METRIC_EVENTS, type TFiringPeriod, type TRunMetrics } from "../domain/metric-events";
import type { TTx } from "../timeline/command";
import { readPayload } from "../timeline/events";
import { foldThrough, type TCheckpointedFold } from "../timeline/fold-checkpoints";
import { toAlertView } from "./alerts-view";
import { cachedSeries } from "./chart-cache";
import { loadMetricSeries } from "./series-query";
import { ensureRules, toRuleView } from "./rules";
import { toTokenView } from "./tokens";

/** The firing periods the charts shade, folded from every state change of the run (checkpointed). */
const FIRING_PERIODS: TCheckpointedFold<TFiringPeriod[]> = {
  name: "firing-periods",
  version: 1,
  types: [METRIC_EVENTS.statesChanged],
  initial: [],
  step: (periods, event) => (event.type === "metrics.states_changed" ? foldPeriods(periods, event.payload.changes, event.createdAt) : periods),
};

/** Inside the snapshot's read transaction, so it describes the same moment (the run's `throughSeq`) as the rest. */
export async function loadMetricsState(tx: TTx, runId: string, playbook: unknown, throughSeq: number): Promise<TRunMetrics> {
  const rules = await ensureRules(tx, runId, playbook);
  const custom = await tx.runCustomMetric.findMany({ where: { runId }, orderBy: { createdAt: "asc" } });
  const alerts = await tx.rollbackAlert.findMany({ where: { runId }, orderBy: { raisedAt: "desc" }, take: ALERTS_IN_SNAPSHOT });
  const tokens = await tx.runApiToken.findMany({ where: { runId }, orderBy: { createdAt: "desc" } });
  const periods = await foldThrough(tx, runId, throughSeq, FIRING_PERIODS);
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
