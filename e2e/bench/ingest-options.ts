// Command-line options of `npm run bench:ingest`, checked with zod so a bad value stops with one line.
import { z } from "zod";
import { parseCliOptions } from "../../lib/cli/options";

export const ZIngestBenchOptions = z
  .object({
    /** Samples per second offered in the open-loop phase. */
    rate: z.coerce.number().positive().max(200_000).default(6000),
    /** Samples per request (the API takes at most 1000). */
    batch: z.coerce.number().int().min(1).max(1000).default(500),
    /** Runs the load is spread over, each with its own token (and rules evaluated live). */
    runs: z.coerce.number().int().min(1).max(500).default(10),
    seconds: z.coerce.number().positive().max(3600).default(20),
    /** Seconds at the start left out of the latency figures. */
    warmup: z.coerce.number().min(0).default(2),
    /** Requests in flight in the saturation phases (API and raw pg alike). */
    concurrency: z.coerce.number().int().min(1).max(256).default(8),
    /** Seconds of each saturation phase. */
    saturation: z.coerce.number().positive().max(600).default(8),
    /** API and raw pg measured in this many interleaved rounds (A B A B …); --seconds and --saturation split over them. */
    rounds: z.coerce.number().int().min(1).max(50).default(4),
    /** Busy loops run alongside, each pinned to a core: a controlled noisy neighbour (e2e/bench/noise.ts). */
    noise: z.coerce.number().int().min(0).max(64).default(0),
    /** Samples stored in one run before timing its chart query. */
    chartSamples: z.coerce.number().int().min(1000).max(5_000_000).default(100_000),
    port: z.coerce.number().int().min(1).max(65535).optional(),
  })
  .refine((o) => o.warmup < o.seconds, { message: "must be shorter than --seconds", path: ["warmup"] });
export type TIngestBenchOptions = z.output<typeof ZIngestBenchOptions>;

export const INGEST_BENCH_USAGE =
  "usage: npm run bench:ingest -- [--rate samples/s (6000)] [--batch N (500)] [--runs N (10)] [--seconds S (20)] [--warmup W (2)] " +
  "[--concurrency C (8)] [--saturation S (8)] [--rounds N (4)] [--noise N (0)] [--chart-samples N (100000)] [--port P]";

export function parseIngestBenchArgs(argv: string[]): TIngestBenchOptions {
  const string = { type: "string" } as const;
  return parseCliOptions(argv, {
    flags: {
      rate: string,
      batch: string,
      runs: string,
      seconds: string,
      warmup: string,
      concurrency: string,
      saturation: string,
      rounds: string,
      noise: string,
      "chart-samples": string,
      port: string,
    },
    usage: INGEST_BENCH_USAGE,
    schema: ZIngestBenchOptions,
  });
}
