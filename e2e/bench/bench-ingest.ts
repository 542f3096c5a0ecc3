// npm run bench:ingest: metric batches through the real HTTP API of the production server, with the
// rules evaluated live, open-loop at a fixed rate (accepted samples/s, send → committed reply p50/p99);
// then both the API and raw `pg` inserts of the same batches at saturation (the ratio); then the
// chart query of a run holding 100k samples. Prints figures; exit code 1 only when requests failed.
import "../../lib/server-only-in-node";
import { percentile, summarize, type TSummary } from "./stats";
import { UsageError } from "./options";
import { closeOnSignal } from "./bench-server";
import { startIngestFixture, type TIngestFixture } from "./ingest-fixture";
import { createPortPool } from "./ports";
import { closedLoop, openLoop, postBatch, rawInserter, SampleSource } from "./ingest-load";
import { parseIngestBenchArgs, type TIngestBenchOptions } from "./ingest-options";
import { getMetricCharts } from "../../lib/metrics/queries";
import { insertSamples } from "../../lib/metrics/ingest";
import { clearChartCache } from "../../lib/metrics/chart-cache";

async function main(): Promise<number> {
  const options = parseIngestBenchArgs(process.argv.slice(2));
  console.log(
    `bench:ingest ${options.rate} samples/s offered · batches of ${options.batch} · ${options.runs} runs · ${options.seconds} s open-loop ` +
      `(latency excludes the first ${options.warmup} s) · saturation ${options.saturation} s × ${options.concurrency} in flight`,
  );
  console.log("setup        fresh database, team, runs and tokens; starting the server (builds first if sources changed)…");
  const fixture = await startIngestFixture({ runs: options.runs, ports: createPortPool(options.port) });
  closeOnSignal(fixture.close);
  try {
    console.log(`server       dist/server.js (NODE_ENV=production, via lib/cli/start.mjs) on ${fixture.baseUrl}; rules evaluated live`);
    console.log(`database     ${fixture.databaseLabel}`);
    return await measure(options, fixture);
  } finally {
    await fixture.close();
  }
}

async function measure(options: TIngestBenchOptions, fixture: TIngestFixture): Promise<number> {
  // 1. Open loop at the offered rate: timestamps track the clock, as a live monitoring feed would.
  const live = new SampleSource(options.runs, Date.now(), SampleSource.spacingFor(options.rate, options.runs));
  const open = await openLoop({ baseUrl: fixture.baseUrl, runs: fixture.runs, source: live, rate: options.rate, batch: options.batch, seconds: options.seconds });
  const measuredFrom = open.startedAt + options.warmup * 1000;
  const measured = open.results.filter((r) => r.sentAt >= measuredFrom);
  const failed = open.results.filter((r) => r.status !== 200);
  const accepted = measured.reduce((sum, r) => sum + r.accepted, 0);
  const windowS = (open.sendWindowMs - options.warmup * 1000) / 1000;
  const latency = summarize(measured.map((r) => r.latencyMs));
  const lag = open.lagMs.length ? percentile([...open.lagMs].sort((a, b) => a - b), 99) : 0;
  console.log(
    `open loop    ${open.results.length} requests, ${failed.length} failed${failed.length ? ` (HTTP ${[...new Set(failed.map((f) => f.status))].join(", ")})` : ""} · ` +
      `accepted ${Math.round(accepted / windowS)} samples/s of ${options.rate} offered · send lag p99 ${ms(lag)}`,
  );
  console.log(`latency      send → committed reply: ${figures(latency)}`);

  // 2. Saturation, API and raw pg, same batch size and requests in flight.
  const past = Date.now() - 3_600_000;
  const apiSource = new SampleSource(options.runs, past, 1);
  let next = 0;
  const api = await closedLoop(options.concurrency, options.saturation, async () => {
    const runIndex = next++ % fixture.runs.length;
    return (await postBatch(fixture.baseUrl, fixture.runs[runIndex], apiSource.next(runIndex, options.batch))).accepted;
  });
  const raw = rawInserter(fixture.databaseUrl, options.concurrency);
  const rawSource = new SampleSource(1, past, 1);
  const baseline = await closedLoop(options.concurrency, options.saturation, () => raw.insert(fixture.baselineRunId, rawSource.next(0, options.batch))).finally(() => raw.close());
  const apiRate = api.items / (api.elapsedMs / 1000);
  const rawRate = baseline.items / (baseline.elapsedMs / 1000);
  console.log(`saturation   API ${Math.round(apiRate)} samples/s · raw pg batch INSERT ${Math.round(rawRate)} rows/s · ratio ${(apiRate / rawRate).toFixed(2)}×`);

  // 3. The chart query of a run holding chartSamples samples (stored with the API's own insert).
  const chartSource = new SampleSource(1, Date.now() - 24 * 3_600_000 + 60_000, 1000);
  for (let stored = 0; stored < options.chartSamples; stored += 1000) {
    await insertSamples(fixture.chartRunId, chartSource.next(0, Math.min(1000, options.chartSamples - stored)));
  }
  // Cold: read from the database and downsampled (the first view after a start); warm: the same
  // charts kept in memory and brought up to date (every later view).
  const cold: number[] = [];
  let points = 0;
  for (let i = 0; i < 6; i++) {
    clearChartCache();
    const t = performance.now();
    const charts = await getMetricCharts(fixture.chartRunId);
    if (i > 0) cold.push(performance.now() - t);
    points = charts.series.reduce((sum, s) => sum + s.points.length, 0);
  }
  const warm: number[] = [];
  for (let i = 0; i < 11; i++) {
    const t = performance.now();
    await getMetricCharts(fixture.chartRunId);
    if (i > 0) warm.push(performance.now() - t);
  }
  const http: number[] = [];
  for (let i = 0; i < 11; i++) {
    const t = performance.now();
    const response = await fetch(`${fixture.baseUrl}/api/runs/${fixture.chartRunId}/metrics`, { headers: { cookie: fixture.leadCookie } });
    await response.json();
    if (i > 0) http.push(performance.now() - t);
  }
  console.log(`chart query  ${options.chartSamples} samples in 14 series → ${points} points`);
  console.log(`             cold (database + LTTB) ${figures(summarize(cold), false)} · warm (in memory) ${figures(summarize(warm), false)}`);
  console.log(`             GET /api/runs/<id>/metrics, warm, over HTTP ${figures(summarize(http), false)}`);
  const isOk = failed.length === 0;
  console.log(`result       ${isOk ? "OK" : "FAIL: some requests were refused or failed"}`);
  return isOk ? 0 : 1;
}

function figures(summary: TSummary | null, withTail = true): string {
  if (!summary) return "nothing measured";
  return withTail
    ? `p50 ${ms(summary.p50)} · p95 ${ms(summary.p95)} · p99 ${ms(summary.p99)} · max ${ms(summary.max)} (n=${summary.count})`
    : `p50 ${ms(summary.p50)} · max ${ms(summary.max)} (n=${summary.count})`;
}

const ms = (value: number | undefined) => (value === undefined ? "–" : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`);

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error instanceof UsageError ? error.message : `bench:ingest failed: ${error.message}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
