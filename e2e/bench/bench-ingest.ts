// npm run bench:ingest: metric batches through the real HTTP API of the production server, with the
// rules evaluated live, beside raw `pg` inserts of the same batches, in interleaved rounds
// (e2e/bench/ingest-rounds.ts): open-loop at a fixed rate (send → committed reply) and at saturation
// (throughput); each target printed with pass/fail. Then the chart query of a run holding 100k
// samples. `--noise N` runs busy loops beside it. Exit code 1 only when requests failed.
import "../../lib/server-only-in-node";
import os from "node:os";
import { summarize, type TSummary } from "./stats";
import { UsageError } from "./options";
import { closeOnSignal } from "./bench-server";
import { startIngestFixture, type TIngestFixture } from "./ingest-fixture";
import { createPortPool } from "./ports";
import { SampleSource } from "./ingest-load";
import { ingestSources, measureIngestRound, type TIngestRound } from "./ingest-rounds";
import { median, summarizeRounds } from "./interleave";
import { startNoise } from "./noise";
import { msFigure } from "./parts/part";
import { formatTable, type TBenchRow } from "./table";
import { parseIngestBenchArgs, type TIngestBenchOptions } from "./ingest-options";
import { getMetricCharts } from "../../lib/metrics/queries";
import { insertSamples } from "../../lib/metrics/ingest";
import { clearChartCache } from "../../lib/metrics/chart-cache";

async function main(): Promise<number> {
  const options = parseIngestBenchArgs(process.argv.slice(2));
  console.log(
    `bench:ingest ${options.rate} samples/s offered · batches of ${options.batch} · ${options.runs} runs · ${options.rounds} interleaved rounds ` +
      `(API, raw pg, API, raw pg, …) of ${Math.max(3, options.seconds / options.rounds).toFixed(1)} s open-loop and ` +
      `${Math.max(2, options.saturation / options.rounds).toFixed(1)} s at saturation × ${options.concurrency} in flight a side`,
  );
  const noise = startNoise(options.noise);
  console.log(`noise        ${noise.description} · load average ${loadAverage()}`);
  console.log("setup        fresh database, team, runs and tokens; starting the server (builds first if sources changed)…");
  try {
    const fixture = await startIngestFixture({ runs: options.runs, ports: createPortPool(options.port) });
    closeOnSignal(fixture.close);
    try {
      console.log(`server       dist/server.js (NODE_ENV=production, via lib/cli/start.mjs) on ${fixture.baseUrl}; rules evaluated live`);
      console.log(`database     ${fixture.databaseLabel}`);
      return await measure(options, fixture);
    } finally {
      await fixture.close();
    }
  } finally {
    await noise.stop();
    console.log(`load average at the end ${loadAverage()} (${os.availableParallelism()} cores; noise: ${noise.description})`);
  }
}

const P99_TARGET_MS = 50;
const RAW_SHARE_TARGET = 0.5;

async function measure(options: TIngestBenchOptions, fixture: TIngestFixture): Promise<number> {
  const sources = ingestSources(options);
  const rounds: TIngestRound[] = [];
  for (let round = 1; round <= options.rounds; round += 1) {
    const r = await measureIngestRound(options, fixture, sources);
    rounds.push(r);
    console.log(
      `round ${String(round).padEnd(7)}API p50 ${ms(r.api.latency?.p50)} p99 ${ms(r.api.latency?.p99)} · raw pg p50 ${ms(r.raw.latency?.p50)} p99 ${ms(r.raw.latency?.p99)} · ` +
        `accepted ${Math.round(r.api.acceptedRate)}/s · saturation API ${Math.round(r.apiRate)} · raw ${Math.round(r.rawRate)} rows/s (${(r.apiRate / r.rawRate).toFixed(2)}×) · ` +
        `failed ${r.api.failed}${r.api.failedStatuses.length ? ` (HTTP ${r.api.failedStatuses.join(", ")})` : ""} · send lag p99 ${ms(r.api.lagP99)} · load average ${r.load.toFixed(2)}`,
    );
  }
  const latency = summarizeRounds(rounds.map((r) => ({ warroom: r.api.latency?.p99 ?? null, baseline: r.raw.latency?.p99 ?? null, load: r.load })));
  const throughput = summarizeRounds(rounds.map((r) => ({ warroom: r.apiRate, baseline: r.rawRate, load: r.load })));
  const failed = rounds.reduce((sum, r) => sum + r.api.failed, 0);
  const accepted = median(rounds.map((r) => r.api.acceptedRate));
  const isP99Met = latency.warroom !== null && latency.warroom <= P99_TARGET_MS;
  const isShareMet = throughput.ratio !== null && throughput.ratio >= RAW_SHARE_TARGET;
  const of = `median of ${rounds.length} rounds`;
  const table: TBenchRow[] = [
    {
      measure: `send → committed reply p99 at ${options.rate}/s, batches of ${options.batch} (${of})`,
      warroom: msFigure(latency.warroom),
      baseline: msFigure(latency.baseline),
      baselineLabel: "raw pg INSERT",
      relation: "ratio",
      rounds: latency.ratio === null ? undefined : { kind: "ratio", value: latency.ratio, low: latency.low!, high: latency.high!, count: latency.ratios.length },
      target: `≤ ${P99_TARGET_MS} ms`,
      isMet: isP99Met,
    },
    { measure: `accepted samples/s of ${options.rate} offered (${of})`, warroom: { value: Math.round(accepted ?? 0), unit: "samples/s" }, target: "report" },
    {
      measure: `throughput at saturation, ${options.concurrency} in flight (${of})`,
      warroom: { value: Math.round(throughput.warroom ?? 0), unit: "samples/s" },
      baseline: { value: Math.round(throughput.baseline ?? 0), unit: "samples/s" },
      baselineLabel: "raw pg INSERT",
      relation: "ratio",
      rounds: throughput.ratio === null ? undefined : { kind: "ratio", value: throughput.ratio, low: throughput.low!, high: throughput.high!, count: throughput.ratios.length },
      target: `≥ ${RAW_SHARE_TARGET}× raw`,
      isMet: isShareMet,
    },
    { measure: "requests refused or failed", warroom: { value: failed, unit: "count" }, target: "0", isMet: failed === 0 },
  ];
  console.log(`\n${formatTable(table)}\n`);

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
  const isOk = failed === 0;
  console.log(`result       ${isP99Met && isShareMet && isOk ? "every target met" : `targets missed: ${[!isP99Met && "p99", !isShareMet && "share of raw", !isOk && "failed requests"].filter(Boolean).join(", ")}`}`);
  return isOk ? 0 : 1;
}

function figures(summary: TSummary | null, withTail = true): string {
  if (!summary) return "nothing measured";
  return withTail
    ? `p50 ${ms(summary.p50)} · p95 ${ms(summary.p95)} · p99 ${ms(summary.p99)} · max ${ms(summary.max)} (n=${summary.count})`
    : `p50 ${ms(summary.p50)} · max ${ms(summary.max)} (n=${summary.count})`;
}

const loadAverage = () => os.loadavg().map((v) => v.toFixed(2)).join(" ");

const ms = (value: number | undefined) => (value === undefined ? "–" : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`);

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error instanceof UsageError ? error.message : `bench:ingest failed: ${error.message}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
