// npm run bench:rules: N runs × R rules judged every interval by Warroom's metrics monitor against a
// real Prometheus (Debian's binary scraping one exporter per service), beside a bare HTTP client
// sending the same PromQL on the same schedule (the baseline) and the same rules on pushed samples,
// in interleaved rounds, each phase in a fresh process measured after its warm-up. Prints CPU % of
// one core, evaluation and query percentiles and the load average; ends with one Markdown table.
// Exit code 1 only when a phase could not run; missed targets are in the table.
import "../../lib/server-only-in-node";
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadavg, tmpdir } from "node:os";
import { createInterface } from "node:readline";
import { isPrometheusMissing, startPrometheus, type TPrometheusServer } from "../support/prometheus";
import { fetchBuildInfo, queryStageValue } from "../../lib/datasources/prometheus/client";
import { UsageError } from "./options";
import { parseRulesBenchArgs, type TRulesBenchOptions } from "./rules-options";
import { serviceOf, startRulesFixture, type TRulesFixture } from "./rules-fixture";
import type { TWorkerInput, TWorkerResult } from "./rules-worker";
import { summarize, type TSummary } from "./stats";
import { formatTable, type TBenchRow } from "./table";

type TPhase = TWorkerInput["mode"];
const PHASES: TPhase[] = ["prometheus", "bare", "push"];
const PHASE_LABELS: Record<TPhase, string> = { prometheus: "Warroom, PromQL rules", bare: "bare HTTP client", push: "Warroom, pushed rules" };

const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
const ms = (v: number | undefined) => (v === undefined ? "–" : `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`);
const tail = (s: TSummary | null) => (s ? `p50 ${ms(s.p50)} · p99 ${ms(s.p99)} · max ${ms(s.max)} (n=${s.count})` : "nothing measured");
const cpuPercent = (r: Pick<TWorkerResult, "cpuMs" | "wallMs">) => (100 * r.cpuMs) / r.wallMs;

/** A child process running `script` under tsx; resolves with the lines it printed. */
function runChild(script: string, args: string[], onLine?: (line: string) => void) {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { stdio: ["pipe", "pipe", "inherit"], env: { ...process.env, LOG_LEVEL: "warn" } });
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => {
    lines.push(line);
    onLine?.(line);
  });
  const exited = new Promise<{ code: number | null; lines: string[] }>((resolve) => child.on("exit", (code) => resolve({ code, lines })));
  return { child, exited };
}

async function startExporters(runs: number): Promise<{ addresses: string[]; stop: () => Promise<void> }> {
  let resolveAddresses: (a: string[]) => void;
  const addresses = new Promise<string[]>((resolve) => (resolveAddresses = resolve));
  const { child, exited } = runChild("e2e/bench/rules-exporters.ts", Array.from({ length: runs }, (_, i) => serviceOf(i)), (line) => resolveAddresses(JSON.parse(line) as string[]));
  const stop = async () => {
    child.kill("SIGTERM");
    await exited;
  };
  return { addresses: await Promise.race([addresses, exited.then(({ code }) => Promise.reject(new Error(`the exporters exited with ${code}`)))]), stop };
}

async function runPhase(mode: TPhase, options: TRulesBenchOptions, fixture: TRulesFixture, prometheusUrl: string): Promise<TWorkerResult> {
  const input: TWorkerInput = {
    mode,
    databaseUrl: mode === "push" ? fixture.pushDatabaseUrl : fixture.promqlDatabaseUrl,
    prometheusUrl,
    runs: mode === "push" ? fixture.pushRuns : fixture.promqlRuns,
    intervalSeconds: options.interval,
    seconds: options.seconds,
    warmup: options.warmup,
  };
  // A file, not an argument: a thousand queries are more than a command line may hold.
  const file = path.join(await mkdtemp(path.join(tmpdir(), "warroom-bench-rules-")), "input.json");
  await writeFile(file, JSON.stringify(input));
  const { code, lines } = await runChild("e2e/bench/rules-worker.ts", [file]).exited;
  await rm(path.dirname(file), { recursive: true, force: true });
  const line = lines.find((l) => l.startsWith("RESULT "));
  if (code !== 0 || !line) throw new Error(`the ${mode} phase failed (exit code ${code})`);
  return JSON.parse(line.slice("RESULT ".length)) as TWorkerResult;
}

/** Waits until Prometheus has scraped enough for a rate over a minute to answer (two scrapes). */
async function waitForData(prometheus: TPrometheusServer, query: string): Promise<void> {
  const target = { url: prometheus.url, auth: { kind: "none" as const }, headers: [], timeoutMs: 5000 };
  const deadline = Date.now() + 120_000;
  for (;;) {
    const result = await queryStageValue(target, query);
    if (result.ok && result.data.kind === "value") return;
    if (Date.now() > deadline) throw new Error(`Prometheus has no data for the bench's queries: ${result.ok ? result.data.kind : result.message}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function report(options: TRulesBenchOptions, results: Record<TPhase, TWorkerResult[]>): TBenchRow[] {
  const merged = (phase: TPhase) => {
    const list = results[phase];
    return {
      cpuMs: list.reduce((s, r) => s + r.cpuMs, 0),
      wallMs: list.reduce((s, r) => s + r.wallMs, 0),
      evaluations: summarize(list.flatMap((r) => r.evaluations)),
      queries: summarize(list.flatMap((r) => r.queries)),
      judged: list.reduce((s, r) => s + r.judged, 0),
    };
  };
  const [prom, bare, push] = PHASES.map(merged);
  const expected = (options.runs * options.rules * (prom.wallMs / 1000)) / options.interval;
  console.log(`\nrules judged ${prom.judged} PromQL (expected about ${Math.round(expected)} at one per rule per interval) · ${push.judged} pushed`);
  const figure = (value: number | undefined, unit: "ms" | "% of a core") => (value === undefined ? null : { value, unit });
  const evalRatio = prom.evaluations && bare.evaluations ? prom.evaluations.p99 / bare.evaluations.p99 : Number.POSITIVE_INFINITY;
  const promCpu = cpuPercent(prom);
  return [
    { measure: `CPU, ${options.runs}×${options.rules} PromQL rules every ${options.interval} s`, warroom: figure(promCpu, "% of a core"), baseline: figure(cpuPercent(bare), "% of a core"), baselineLabel: "bare client", relation: "diff", target: "≤ 5% of a core", isMet: promCpu <= 5 },
    { measure: `CPU, ${options.runs}×${options.rules} pushed rules every ${options.interval} s`, warroom: figure(cpuPercent(push), "% of a core"), target: "–" },
    { measure: `evaluation of a run (${options.rules} rules) p50`, warroom: figure(prom.evaluations?.p50, "ms"), baseline: figure(bare.evaluations?.p50, "ms"), baselineLabel: "bare batch", relation: "ratio" },
    { measure: `evaluation of a run (${options.rules} rules) p99`, warroom: figure(prom.evaluations?.p99, "ms"), baseline: figure(bare.evaluations?.p99, "ms"), baselineLabel: "bare batch", relation: "ratio", target: "≤ 1.5× baseline", isMet: evalRatio <= 1.5 },
    { measure: "Prometheus query p50", warroom: figure(prom.queries?.p50, "ms"), baseline: figure(bare.queries?.p50, "ms"), baselineLabel: "bare query", relation: "ratio" },
    { measure: "Prometheus query p99", warroom: figure(prom.queries?.p99, "ms"), baseline: figure(bare.queries?.p99, "ms"), baselineLabel: "bare query", relation: "ratio" },
    { measure: `evaluation of a run (${options.rules} pushed rules) p99`, warroom: figure(push.evaluations?.p99, "ms") },
  ];
}

async function main(): Promise<number> {
  const options = parseRulesBenchArgs(process.argv.slice(2));
  // The bench's Prometheus listens on loopback, which Warroom refuses unless allowed, as an admin would allow it.
  process.env.OUTBOUND_ALLOW = "127.0.0.1/32";
  if (isPrometheusMissing) {
    console.error("bench:rules needs a prometheus binary: apt-get install -y prometheus (or set PROMETHEUS_BINARY)");
    return 1;
  }
  console.log(
    `bench:rules ${options.runs} runs × ${options.rules} rules every ${options.interval} s · ${options.rounds} rounds of ${PHASES.map((p) => PHASE_LABELS[p]).join(" / ")}, ` +
      `${options.seconds} s each (the first ${options.warmup} s left out) · scrapes every ${options.scrape} s`,
  );
  const exporters = await startExporters(options.runs);
  const closers: (() => Promise<unknown>)[] = [exporters.stop];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch((error: Error) => console.error(`[bench] cleanup: ${error.message}`));
    closers.length = 0;
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void close().finally(() => process.exit(130)));
  try {
    const prometheus = await startPrometheus(exporters.addresses, { scrapeIntervalMs: options.scrape * 1000 });
    closers.push(prometheus.stop);
    const info = await fetchBuildInfo({ url: prometheus.url, auth: { kind: "none" }, headers: [], timeoutMs: 5000 });
    console.log(`prometheus   ${info.ok ? info.data.version : "?"} on ${prometheus.url}, scraping ${options.runs} exporters (their own process)`);
    const fixture = await startRulesFixture({ runs: options.runs, rules: options.rules, intervalSeconds: options.interval, prometheusUrl: prometheus.url });
    closers.push(fixture.close);
    console.log(`database     ${fixture.databaseLabel}`);
    await waitForData(prometheus, fixture.promqlRuns[0].queries[0]);
    const results: Record<TPhase, TWorkerResult[]> = { prometheus: [], bare: [], push: [] };
    for (let round = 1; round <= options.rounds; round++) {
      for (const phase of PHASES) {
        const before = load();
        const result = await runPhase(phase, options, fixture, prometheus.url);
        results[phase].push(result);
        console.log(
          `round ${round}  ${PHASE_LABELS[phase].padEnd(22)} cpu ${cpuPercent(result).toFixed(1)}% · ${phase === "bare" ? "batch" : "evaluation"} ${tail(summarize(result.evaluations))} · ` +
            `query ${tail(summarize(result.queries))} · load ${before}`,
        );
      }
    }
    console.log(`\n${formatTable(report(options, results))}`);
    return 0;
  } finally {
    await close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error instanceof UsageError ? error.message : `bench:rules failed: ${error.message}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
