// bench:ingest in interleaved rounds (e2e/bench/interleave.ts): each round sends the API and raw `pg`
// the same batches back to back, first open-loop at the offered rate (send → committed reply), then
// closed-loop at saturation (throughput), so both sides meet the same machine within seconds.
import os from "node:os";
import { percentile, summarize, type TSummary } from "./stats";
import type { TIngestFixture } from "./ingest-fixture";
import { closedLoop, openLoop, postBatch, rawInserter, SampleSource, type TOpenLoopResult } from "./ingest-load";
import type { TIngestBenchOptions } from "./ingest-options";

export type TOpenFigures = { latency: TSummary | null; acceptedRate: number; failed: number; failedStatuses: number[]; lagP99: number };
export type TIngestRound = { api: TOpenFigures; raw: TOpenFigures; apiRate: number; rawRate: number; load: number };

/** The sources of every round: the open loops' timestamps follow the clock, the saturation's lie an hour back. */
export function ingestSources(options: TIngestBenchOptions) {
  const past = Date.now() - 3_600_000;
  return {
    live: new SampleSource(options.runs, Date.now(), SampleSource.spacingFor(options.rate, options.runs)),
    rawLive: new SampleSource(1, Date.now(), SampleSource.spacingFor(options.rate, 1)),
    apiSaturation: new SampleSource(options.runs, past, 1),
    rawSaturation: new SampleSource(1, past, 1),
  };
}

export async function measureIngestRound(
  options: TIngestBenchOptions,
  fixture: TIngestFixture,
  sources: ReturnType<typeof ingestSources>,
): Promise<TIngestRound> {
  const seconds = Math.max(3, options.seconds / options.rounds);
  const warmup = Math.min(options.warmup, seconds / 4);
  const saturation = Math.max(2, options.saturation / options.rounds);
  const { runs } = fixture;
  const raw = rawInserter(fixture.databaseUrl, options.concurrency);
  try {
    const apiOpen = await openLoop({
      rate: options.rate,
      batch: options.batch,
      seconds,
      send: (i) => postBatch(fixture.baseUrl, runs[i % runs.length], sources.live.next(i % runs.length, options.batch)),
    });
    const rawOpen = await openLoop({ rate: options.rate, batch: options.batch, seconds, send: () => raw.timed(fixture.baselineRunId, sources.rawLive.next(0, options.batch)) });
    let next = 0;
    const api = await closedLoop(options.concurrency, saturation, async () => {
      const runIndex = next++ % runs.length;
      return (await postBatch(fixture.baseUrl, runs[runIndex], sources.apiSaturation.next(runIndex, options.batch))).accepted;
    });
    const rawSaturated = await closedLoop(options.concurrency, saturation, () => raw.insert(fixture.baselineRunId, sources.rawSaturation.next(0, options.batch)));
    return {
      api: openFigures(apiOpen, warmup),
      raw: openFigures(rawOpen, warmup),
      apiRate: api.items / (api.elapsedMs / 1000),
      rawRate: rawSaturated.items / (rawSaturated.elapsedMs / 1000),
      load: os.loadavg()[0],
    };
  } finally {
    await raw.close();
  }
}

function openFigures(open: TOpenLoopResult, warmupS: number): TOpenFigures {
  const measuredFrom = open.startedAt + warmupS * 1000;
  const measured = open.results.filter((r) => r.sentAt >= measuredFrom);
  const failed = open.results.filter((r) => r.status !== 200);
  const windowS = (open.sendWindowMs - warmupS * 1000) / 1000;
  return {
    latency: summarize(measured.map((r) => r.latencyMs)),
    acceptedRate: measured.reduce((sum, r) => sum + r.accepted, 0) / windowS,
    failed: failed.length,
    failedStatuses: [...new Set(failed.map((f) => f.status))],
    lagP99: open.lagMs.length ? percentile([...open.lagMs].sort((a, b) => a - b), 99) : 0,
  };
}
