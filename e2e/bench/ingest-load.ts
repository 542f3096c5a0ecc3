// The load of bench:ingest: realistic sample batches for N runs, sent open-loop (request i at
// start + i × interval, whatever earlier ones are doing) or closed-loop at saturation, through the
// HTTP API; and the same batches inserted straight into PostgreSQL with `pg` as the baseline.
import { setTimeout as delay } from "node:timers/promises";
import pg from "pg";

export type TBenchRun = { runId: string; token: string };
export type TSampleRow = { metric: string; stage: "canary" | "production"; at: number; value: number };

const METRICS = ["error_rate", "response_time_avg", "response_time_p95", "db_query_time", "db_connection_failures", "cpu", "memory"] as const;
const STAGES = ["canary", "production"] as const;
const PER_SCRAPE = METRICS.length * STAGES.length;

function valueOf(metric: (typeof METRICS)[number], stage: string, k: number, isBreaching: boolean): number {
  const wobble = ((k * 7919 + metric.length * 31 + stage.length) % 100) / 100;
  switch (metric) {
    case "error_rate":
      return isBreaching && stage === "canary" ? 1.5 + wobble : 0.1 + wobble * 0.3;
    case "response_time_avg":
      return 150 + wobble * 60;
    case "response_time_p95":
      return 380 + wobble * 120;
    case "db_query_time":
      return 40 + wobble * 25;
    case "db_connection_failures":
      return wobble > 0.97 ? 1 : 0;
    case "cpu":
      return 30 + wobble * 30;
    case "memory":
      return 55 + wobble * 10;
  }
}

/**
 * Per run, an endless scrape sequence: every metric for both stages at one timestamp, then the next
 * timestamp `spacingMs` later. Run 0's canary error rate breaches 1% for 2 s in every 10 (its
 * escalation rule fires and resolves, so the evaluator records state changes during the load).
 */
export class SampleSource {
  private readonly position: number[];

  constructor(
    runCount: number,
    private readonly startMs: number,
    private readonly spacingMs: number,
  ) {
    this.position = new Array(runCount).fill(0);
  }

  /** Samples per second this source keeps up with, per run, when its timestamps track the clock. */
  static spacingFor(samplesPerSecond: number, runCount: number): number {
    return Math.max(1, Math.floor((1000 * PER_SCRAPE * runCount) / samplesPerSecond));
  }

  next(runIndex: number, count: number): TSampleRow[] {
    const out: TSampleRow[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const n = this.position[runIndex]++;
      const k = Math.floor(n / PER_SCRAPE);
      const slot = n % PER_SCRAPE;
      const metric = METRICS[Math.floor(slot / STAGES.length)];
      const stage = STAGES[slot % STAGES.length];
      const at = this.startMs + k * this.spacingMs;
      const isBreaching = runIndex === 0 && Math.floor((at - this.startMs) / 1000) % 10 >= 8;
      out[i] = { metric, stage, at, value: valueOf(metric, stage, k, isBreaching) };
    }
    return out;
  }
}

export type TRequestResult = { sentAt: number; latencyMs: number; accepted: number; status: number };

export async function postBatch(baseUrl: string, run: TBenchRun, samples: TSampleRow[]): Promise<TRequestResult> {
  const body = JSON.stringify({ samples: samples.map((s) => ({ metric: s.metric, stage: s.stage, timestamp: s.at, value: s.value })) });
  const sentAt = performance.now();
  try {
    const response = await fetch(`${baseUrl}/api/runs/${run.runId}/metrics`, {
      method: "POST",
      headers: { authorization: `Bearer ${run.token}`, "content-type": "application/json" },
      body,
    });
    const reply = (await response.json()) as { accepted?: number };
    return { sentAt, latencyMs: performance.now() - sentAt, accepted: reply.accepted ?? 0, status: response.status };
  } catch {
    return { sentAt, latencyMs: performance.now() - sentAt, accepted: 0, status: 0 };
  }
}

export type TOpenLoopResult = { results: TRequestResult[]; lagMs: number[]; startedAt: number; sendWindowMs: number };

/**
 * Request i leaves at start + i × batch / rate seconds, in flight or not: latency is never hidden by
 * waiting. `send` gets the request's index (the API spreads them over the runs; raw pg inserts them).
 */
export async function openLoop(options: { rate: number; batch: number; seconds: number; send: (i: number) => Promise<TRequestResult> }): Promise<TOpenLoopResult> {
  const { rate, batch, seconds, send } = options;
  const intervalMs = (batch / rate) * 1000;
  const total = Math.max(1, Math.floor((seconds * 1000) / intervalMs));
  const pending: Promise<TRequestResult>[] = [];
  const lagMs: number[] = [];
  const startedAt = performance.now();
  for (let i = 0; i < total; i++) {
    const due = startedAt + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await delay(wait);
    lagMs.push(Math.max(0, performance.now() - due));
    pending.push(send(i));
  }
  const sendWindowMs = performance.now() - startedAt + intervalMs;
  return { results: await Promise.all(pending), lagMs, startedAt, sendWindowMs };
}

/** `concurrency` workers, each sending its next batch as soon as the last is answered, for `seconds`. */
export async function closedLoop(concurrency: number, seconds: number, send: (worker: number) => Promise<number>): Promise<{ items: number; elapsedMs: number }> {
  const startedAt = performance.now();
  const deadline = startedAt + seconds * 1000;
  let items = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < deadline) {
        // Not `items += await …`: that reads `items` before awaiting and loses the other workers' counts.
        const done = await send(worker);
        items += done;
      }
    }),
  );
  return { items, elapsedMs: performance.now() - startedAt };
}

/** The baseline: the same batches as one multi-row INSERT … ON CONFLICT DO NOTHING each, straight over `pg`. */
export function rawInserter(databaseUrl: string, poolSize: number) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  return {
    async insert(runId: string, rows: TSampleRow[]): Promise<number> {
      const params: unknown[] = [];
      const values = rows.map((r, i) => {
        params.push(runId, r.metric, r.stage, new Date(r.at).toISOString(), r.value);
        const p = i * 5;
        return `($${p + 1}, $${p + 2}, $${p + 3}::"MetricStage", $${p + 4}::timestamptz, $${p + 5})`;
      });
      const result = await pool.query(`INSERT INTO "MetricSample" ("runId", metric, stage, at, value) VALUES ${values.join(", ")} ON CONFLICT DO NOTHING`, params);
      return result.rowCount ?? 0;
    },
    /** The same insert as one open-loop request: sent → committed reply, like postBatch. */
    async timed(runId: string, rows: TSampleRow[]): Promise<TRequestResult> {
      const sentAt = performance.now();
      try {
        const accepted = await this.insert(runId, rows);
        return { sentAt, latencyMs: performance.now() - sentAt, accepted, status: 200 };
      } catch {
        return { sentAt, latencyMs: performance.now() - sentAt, accepted: 0, status: 0 };
      }
    },
    close: () => pool.end(),
  };
}
