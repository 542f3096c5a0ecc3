// Metric test data for the integration tests: samples stored the way the API stores them (one
// insert), at times relative to now, and the monitor stepped through time one evaluation interval
// at a time, as its ticker would. The ticker itself stays off here: it would judge at the wall
// clock between the stepped evaluations.
import { parseRunEvent } from "../../lib/domain/events/catalogue";
import type { TMetricStage } from "../../lib/domain/metric-catalog";
import { db } from "../../lib/db/client";
import { insertSamples } from "../../lib/metrics/ingest";
import { evaluateRunNow } from "../../lib/metrics/monitor";
import { invalidateRun } from "../../lib/metrics/monitor-store";

export const SEC = 1000;
export const MIN = 60 * SEC;

export async function push(runId: string, metric: string, stage: TMetricStage, values: [msAgo: number, value: number][], now = Date.now()) {
  await insertSamples(runId, values.map(([ago, value]) => ({ metric, stage, at: now - ago, value })));
  // The next evaluation reads the run's samples again from the database.
  invalidateRun(runId);
}

/** Every 10 s from `fromAgo` to `toAgo` (ms before now), one value. */
export function steady(fromAgo: number, toAgo: number, value: number): [number, number][] {
  const out: [number, number][] = [];
  for (let ago = fromAgo; ago >= toAgo; ago -= 10 * SEC) out.push([ago, value]);
  return out;
}

/** The seed's gating metrics at healthy values over the last `fromAgo` ms (zeros where zero means calm). */
export async function pushHealthy(runId: string, stage: TMetricStage, fromAgo = 2 * MIN, now = Date.now()) {
  const healthy: [string, number][] = [
    ["error_rate", 0.05],
    ["response_time_avg", 180],
    ["response_time_p95", 420],
    ["db_query_time", 40],
    ["memory", 55],
    ["db_connection_failures", 0],
  ];
  for (const [metric, value] of healthy) await push(runId, metric, stage, steady(fromAgo, 0, value), now);
}

/** The monitor's evaluations every `stepMs` from `fromAgo` before `now` up to `now` itself. */
export async function evaluateOver(runId: string, fromAgo: number, now = Date.now(), stepMs = 10 * SEC) {
  for (let ago = fromAgo; ago > 0; ago -= stepMs) await evaluateRunNow(runId, now - ago);
  return evaluateRunNow(runId, now);
}

export const rules = (runId: string) => db().runMetricRule.findMany({ where: { runId }, orderBy: { position: "asc" } });
export const ruleNamed = async (runId: string, label: RegExp) => (await rules(runId)).find((r) => label.test(r.label))!;

/** The statuses recorded on the timeline for one rule, oldest first. */
export async function recordedStatuses(runId: string, ruleId: string): Promise<string[]> {
  const events = await db().timelineEvent.findMany({ where: { runId, type: "metrics.states_changed" }, orderBy: { seq: "asc" } });
  return events.flatMap((row) => {
    const { event } = parseRunEvent({ ...row, createdAt: row.createdAt.toISOString() });
    return event.type === "metrics.states_changed" ? event.payload.changes.filter((c) => c.ruleId === ruleId).map((c) => c.to) : [];
  });
}
