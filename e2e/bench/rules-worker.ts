// One phase of `npm run bench:rules`, in a fresh process so its CPU time is its own:
// - "prometheus": Warroom's metrics monitor (the code server.ts runs: ticker, ownership, the
//   Prometheus feed, the verdicts) judging runs whose rules query Prometheus;
// - "push": the same monitor judging the same rules on samples this process pushes every interval
//   (stored and handed to the monitor as the ingestion API does, without HTTP);
// - "bare": a bare HTTP client (node:http, kept-alive connections) sending the same PromQL on the
//   same schedule, nothing else.
// Prints one line, `RESULT {json}`: CPU time and wall time after the warm-up, evaluation and query times.
import "../../lib/server-only-in-node";
import { readFile, writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { Agent, request } from "node:http";
import { setEvaluationObserver } from "../../lib/metrics/evaluation-observer";
import { insertSamples } from "../../lib/metrics/ingest";
import { recordSamples, startMetricsMonitor, stopMetricsMonitor } from "../../lib/metrics/monitor";
import { disconnectDb } from "../../lib/db/client";
import { setRuntime } from "../../lib/runtime";
import type { TRulesRun } from "./rules-fixture";

export type TWorkerInput = {
  mode: "prometheus" | "push" | "bare";
  databaseUrl: string;
  prometheusUrl: string;
  runs: TRulesRun[];
  intervalSeconds: number;
  seconds: number;
  warmup: number;
};
export type TWorkerResult = { cpuMs: number; wallMs: number; evaluations: number[]; judged: number; queries: number[] };

/** The feed's own limit on queries in flight per run (prometheus-feed.ts). */
const QUERY_CONCURRENCY = 8;
const HEALTHY: [string, number][] = [["error_rate", 0.1], ["response_time_avg", 50], ["response_time_p95", 90], ["db_query_time", 40], ["db_connection_failures", 0], ["memory", 55]];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Node's own HTTP client with kept-alive connections, the same form POST Warroom sends, JSON.parse: nothing else. */
const bareAgent = new Agent({ keepAlive: true, maxSockets: 16 });

function bareQuery(url: string, query: string): Promise<void> {
  const body = new URLSearchParams({ query, time: String(Date.now() / 1000), timeout: "10s" }).toString();
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/v1/query`, { method: "POST", agent: bareAgent, headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded" } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const json = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { status?: string };
        if (json.status === "success") resolve();
        else reject(new Error(`Prometheus answered ${response.statusCode}`));
      });
      response.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Every interval, each run's queries, QUERY_CONCURRENCY at a time, as the monitor sends them. */
function startBareClient(input: TWorkerInput, record: (kind: "query" | "batch", ms: number) => void): () => void {
  let isStopped = false;
  const runBatch = async (run: TRulesRun) => {
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < run.queries.length) {
        const query = run.queries[next++];
        const t = performance.now();
        await bareQuery(input.prometheusUrl, query);
        record("query", performance.now() - t);
      }
    };
    await Promise.all(Array.from({ length: QUERY_CONCURRENCY }, worker));
    record("batch", performance.now() - started);
  };
  void (async () => {
    while (!isStopped) {
      const due = Date.now() + input.intervalSeconds * 1000;
      await Promise.all(input.runs.map(runBatch));
      await sleep(Math.max(0, due - Date.now()));
    }
  })();
  return () => {
    isStopped = true;
  };
}

/** Every interval, one sample per metric for each run's canary, spread over the interval. */
function startPusher(input: TWorkerInput): () => void {
  const timers = input.runs.map((run, i) => {
    const push = () => {
      const at = Date.now();
      void insertSamples(run.id, HEALTHY.map(([metric, value]) => ({ metric, stage: "canary" as const, at, value }))).then((stored) => recordSamples(run.id, stored));
    };
    push();
    const offset = (i * input.intervalSeconds * 1000) / input.runs.length;
    return setTimeout(() => {
      push();
      timers[i] = setInterval(push, input.intervalSeconds * 1000);
    }, offset);
  });
  return () => timers.forEach((t) => clearInterval(t));
}

/** BENCH_CPU_PROF=<dir>: a V8 CPU profile of the measured part only (after the warm-up), per phase. */
async function startProfiler(): Promise<{ stop: (mode: string) => Promise<void> } | null> {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return null;
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return {
    stop: async (mode) => {
      const { profile } = await session.post("Profiler.stop");
      await writeFile(path.join(dir, `${mode}-${process.pid}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
    },
  };
}

async function main(): Promise<void> {
  const input = JSON.parse(await readFile(process.argv[2], "utf8")) as TWorkerInput;
  setRuntime({ databaseUrl: input.databaseUrl, authSecret: "bench-secret-bench-secret-bench-secret-01", appUrl: "http://127.0.0.1:1", signInRateLimit: 1000, startedAt: new Date(), version: "bench" });
  const startedAt = performance.now();
  const measureFrom = startedAt + input.warmup * 1000;
  const result: TWorkerResult = { cpuMs: 0, wallMs: 0, evaluations: [], judged: 0, queries: [] };
  // Only what started after the warm-up: a monitor taking the runs over back-fills them first.
  const isMeasured = (ms = 0) => performance.now() - ms >= measureFrom;
  let stop = () => undefined as void;
  if (input.mode === "bare") {
    stop = startBareClient(input, (kind, ms) => {
      if (!isMeasured(ms)) return;
      if (kind === "query") result.queries.push(ms);
      else result.evaluations.push(ms);
    });
  } else {
    setEvaluationObserver({
      onEvaluation: (_runId, ms, judged) => {
        if (!isMeasured(ms)) return;
        result.evaluations.push(ms);
        result.judged += judged;
      },
      onQuery: (ms) => {
        if (isMeasured(ms)) result.queries.push(ms);
      },
    });
    await startMetricsMonitor();
    if (input.mode === "push") stop = startPusher(input);
  }
  await sleep(Math.max(0, measureFrom - performance.now()));
  const profiler = await startProfiler();
  const cpu = process.cpuUsage();
  const wall = performance.now();
  await sleep(input.seconds * 1000 - (wall - startedAt));
  const used = process.cpuUsage(cpu);
  await profiler?.stop(input.mode);
  result.cpuMs = (used.user + used.system) / 1000;
  result.wallMs = performance.now() - wall;
  stop();
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  if (input.mode !== "bare") await stopMetricsMonitor();
  await disconnectDb();
  process.exit(0);
}

main().catch((error: Error) => {
  console.error(`rules worker failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
