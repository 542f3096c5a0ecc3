// What `npm run bench:rules` measures against, made for one run and dropped after: two fresh migrated
// databases (one per kind of source, so a monitor judging one never sees the other's runs), each
// with N runs at the canary step holding R rules written with the library code. PromQL rules use
// their metric's default query on a data source pointing at the test's Prometheus, each with its own
// window so every rule is its own query; pushed rules judge the same metrics and thresholds.
import { makeRun, makeTeam } from "../support/factories";
import { EXPORTER_STAGE_LABEL } from "../support/steered-exporter";
import { createTestDatabase, openTestServer } from "../support/test-database";
import { createDataSource } from "../../lib/datasources/commands";
import { db, disconnectDb } from "../../lib/db/client";
import { defaultPromql } from "../../lib/domain/promql-defaults";
import { renderPromqlTemplate } from "../../lib/domain/promql-template";
import { setRuntime } from "../../lib/runtime";

/** The seed's gating metrics (the exporter serves each); thresholds no healthy service reaches. */
const METRICS: [metric: string, threshold: number][] = [
  ["error_rate", 50],
  ["response_time_avg", 10_000],
  ["response_time_p95", 10_000],
  ["db_query_time", 10_000],
  ["db_connection_failures", 1000],
  ["memory", 99],
];

export type TRulesRun = { id: string; service: string; queries: string[] };
export type TRulesFixture = {
  promqlDatabaseUrl: string;
  pushDatabaseUrl: string;
  databaseLabel: string;
  promqlRuns: TRulesRun[];
  pushRuns: TRulesRun[];
  close: () => Promise<void>;
};

export const serviceOf = (i: number) => `bench-${i}`;

async function useDatabase(url: string) {
  await disconnectDb();
  setRuntime({ databaseUrl: url, authSecret: "bench-secret-bench-secret-bench-secret-01", appUrl: "http://127.0.0.1:1", signInRateLimit: 1000, startedAt: new Date(), version: "bench" });
}

/** The rule's window: a minute and k seconds, so no two rules of a run share a query. */
const windowMsOf = (k: number) => 60_000 + k * 1000;

async function makeRuns(options: { runs: number; rules: number; intervalSeconds: number; dataSourceUrl: string | null }): Promise<TRulesRun[]> {
  const team = await makeTeam();
  const source = options.dataSourceUrl
    ? await createDataSource(team.admin, { name: "bench-prometheus", url: options.dataSourceUrl, authKind: "none", timeoutMs: 10_000, stageLabel: EXPORTER_STAGE_LABEL })
    : null;
  const runs: TRulesRun[] = [];
  for (let i = 0; i < options.runs; i++) {
    const service = serviceOf(i);
    const run = await makeRun(team.lead, { name: `bench ${i}`, service });
    await db().run.update({ where: { id: run.id }, data: { status: "production", rolloutPercent: 10, checkpointStartedAt: new Date() } });
    const rules = Array.from({ length: options.rules }, (_, k) => {
      const [metric, threshold] = METRICS[k % METRICS.length];
      return { k, metric, threshold, promql: source ? defaultPromql(metric)!.query : null };
    });
    await db().runMetricRule.createMany({
      data: rules.map(({ k, metric, threshold, promql }) => ({
        runId: run.id,
        position: k,
        label: `bench rule ${k}: ${metric} > ${threshold}`,
        metric,
        severity: "escalate" as const,
        comparator: ">",
        threshold,
        windowKind: "immediate" as const,
        stage: "canary" as const,
        intervalSeconds: options.intervalSeconds,
        ...(source && { evalWindowMinutes: windowMsOf(k) / 60_000, promql, dataSourceId: source.id }),
      })),
    });
    // The same text the monitor sends: the template rendered with the run's variables.
    const queries = rules.flatMap(({ k, promql }) => {
      if (!promql) return [];
      const rendered = renderPromqlTemplate(promql, { service, version: "9.0.0", stage: "canary", windowMs: windowMsOf(k) }, EXPORTER_STAGE_LABEL);
      return rendered.ok ? [rendered.query] : [];
    });
    runs.push({ id: run.id, service, queries });
  }
  return runs;
}

export async function startRulesFixture(options: { runs: number; rules: number; intervalSeconds: number; prometheusUrl: string }): Promise<TRulesFixture> {
  const server = await openTestServer();
  const closers: (() => Promise<unknown>)[] = [server.stop];
  const close = async () => {
    await disconnectDb();
    for (const closer of closers.reverse()) await closer().catch((error: Error) => console.error(`[bench] cleanup: ${error.message}`));
  };
  try {
    const promql = await createTestDatabase(server.adminUrl, "bench_rules_promql");
    closers.push(promql.drop);
    const push = await createTestDatabase(server.adminUrl, "bench_rules_push");
    closers.push(push.drop);
    await useDatabase(promql.url);
    const promqlRuns = await makeRuns({ ...options, dataSourceUrl: options.prometheusUrl });
    await useDatabase(push.url);
    const pushRuns = await makeRuns({ ...options, dataSourceUrl: null });
    await disconnectDb();
    const databaseLabel = process.env.DATABASE_URL ? `two fresh databases on ${new URL(promql.url).host}` : `two fresh databases on an embedded PostgreSQL (${new URL(promql.url).host})`;
    return { promqlDatabaseUrl: promql.url, pushDatabaseUrl: push.url, databaseLabel, promqlRuns, pushRuns, close };
  } catch (error) {
    await close();
    throw error;
  }
}
