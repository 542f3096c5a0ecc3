// Baseline metrics on the server: captured inside the status command's transaction as a run
// completes, the latest live values of a run, and the last completed run of a service to compare with.
import { db } from "../db/client";
import {
  BASELINE_METRICS,
  BASELINE_WINDOW_MINUTES,
  baselineFrom,
  latestValues,
  type TBaselineMetrics,
  type TLatestSample,
  type TWindowAggregate,
} from "../domain/baseline";
import type { TMetricStage } from "../domain/metric-catalog";
import type { TRunStatus } from "../domain/run-status";
import type { TLockedRun, TTx } from "../timeline/command";

type TQueryable = Pick<TTx, "$queryRaw">;

const KEYS = BASELINE_METRICS.map((m) => m.key);

async function windowAggregates(tx: TQueryable, runId: string, from: Date, to: Date): Promise<TWindowAggregate[]> {
  const rows = await tx.$queryRaw<{ metric: string; stage: TMetricStage; mean: number; max: number; sum: number; samples: number }[]>`
    SELECT metric, stage::text AS stage, avg(value)::float8 AS mean, max(value)::float8 AS max, sum(value)::float8 AS sum, count(*)::int AS samples
    FROM "MetricSample"
    WHERE "runId" = ${runId} AND metric = ANY(${KEYS}::text[]) AND at > ${from} AND at <= ${to}
    GROUP BY metric, stage`;
  return rows;
}

async function latestSamples(tx: TQueryable, runId: string, keys: readonly string[], until: Date): Promise<TLatestSample[]> {
  const rows = await tx.$queryRaw<{ metric: string; stage: TMetricStage; value: number; at: Date }[]>`
    SELECT DISTINCT ON (metric, stage) metric, stage::text AS stage, value, at
    FROM "MetricSample"
    WHERE "runId" = ${runId} AND metric = ANY(${[...keys]}::text[]) AND at <= ${until}
    ORDER BY metric, stage, at DESC`;
  return rows.map((r) => ({ metric: r.metric, stage: r.stage, value: r.value, at: new Date(r.at).getTime() }));
}

/** What the service's metrics were over the last minutes up to `at`. */
export async function measureBaseline(tx: TQueryable, runId: string, at: Date, windowMinutes = BASELINE_WINDOW_MINUTES): Promise<TBaselineMetrics> {
  const from = new Date(at.getTime() - windowMinutes * 60_000);
  return baselineFrom(await windowAggregates(tx, runId, from, at), await latestSamples(tx, runId, KEYS, at));
}

/** A status effect: as the run completes, its baseline is captured in the same transaction. */
export async function captureBaselineOnCompletion(tx: TTx, run: TLockedRun, to: TRunStatus, now: Date): Promise<void> {
  if (to !== "completed") return;
  const metrics = await measureBaseline(tx, run.id, now);
  await tx.runBaseline.upsert({
    where: { runId: run.id },
    create: { runId: run.id, service: run.service, capturedAt: now, windowMinutes: BASELINE_WINDOW_MINUTES, metrics },
    update: { service: run.service, capturedAt: now, windowMinutes: BASELINE_WINDOW_MINUTES, metrics },
  });
}

/** The latest value of every metric of a run (for the comms fields and the live comparison). */
export async function latestMetricValues(runId: string, now = new Date()): Promise<Record<string, number>> {
  const keys = (await db().$queryRaw<{ metric: string }[]>`SELECT DISTINCT metric FROM "MetricSample" WHERE "runId" = ${runId}`).map((r) => r.metric);
  if (keys.length === 0) return {};
  const samples = await latestSamples(db(), runId, keys, now);
  return latestValues(samples, now);
}

export type TPreviousBaseline = {
  runId: string;
  name: string;
  targetVersion: string;
  commit: string | null;
  endedAt: string;
  capturedAt: string;
  metrics: TBaselineMetrics;
};

/** The service's last completed run (other than this one) with a baseline captured before `before`. */
export async function previousBaseline(runId: string, service: string, before: Date): Promise<TPreviousBaseline | null> {
  const row = await db().runBaseline.findFirst({
    where: { runId: { not: runId }, service: { equals: service.trim(), mode: "insensitive" }, capturedAt: { lt: before }, run: { status: "completed" } },
    orderBy: { capturedAt: "desc" },
    include: { run: { select: { name: true, targetVersion: true, commit: true, endedAt: true } } },
  });
  if (!row) return null;
  return {
    runId: row.runId,
    name: row.run.name,
    targetVersion: row.run.targetVersion,
    commit: row.run.commit,
    endedAt: (row.run.endedAt ?? row.capturedAt).toISOString(),
    capturedAt: row.capturedAt.toISOString(),
    metrics: row.metrics as TBaselineMetrics,
  };
}
