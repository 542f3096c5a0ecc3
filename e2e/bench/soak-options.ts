// Command-line options of `npm run bench:soak`, checked with zod so a bad value stops with one line.
import { z } from "zod";
import { parseCliOptions } from "../../lib/cli/options";

/** The day being replayed: its length and what happens in it (the figures). */
export const DAY = { hours: 12, events: 50_000, samples: 2_000_000 } as const;

export const ZSoakBenchOptions = z.object({
  /** Simulated hours replayed (each carries a twelfth of the day's events and samples). */
  hours: z.coerce.number().int().min(2).max(DAY.hours).default(DAY.hours),
  /** Simulated seconds per real second: 72 plays the 12-hour day in 10 minutes. */
  speed: z.coerce.number().positive().max(10_000).default(72),
  /** Timeline events over the whole day (leads' item changes through the command path). */
  events: z.coerce.number().int().min(DAY.hours).max(1_000_000).default(DAY.events),
  /** Metric samples over the whole day. */
  samples: z.coerce.number().int().min(DAY.hours).max(50_000_000).default(DAY.samples),
  /** Viewer sockets: war rooms, bridges and status links in equal thirds. */
  viewers: z.coerce.number().int().min(3).max(2000).default(200),
  /** Leads issuing commands, each on their own items. */
  leads: z.coerce.number().int().min(1).max(20).default(4),
  /** Viewers dropped and reconnected (with replay) every simulated hour, in percent. */
  churn: z.coerce.number().min(0).max(100).default(10),
  /** Samples per ingest request (the API takes at most 1000). */
  batch: z.coerce.number().int().min(1).max(1000).default(500),
  port: z.coerce.number().int().min(1).max(65535).optional(),
});
export type TSoakBenchOptions = z.output<typeof ZSoakBenchOptions>;

export const SOAK_BENCH_USAGE =
  "usage: npm run bench:soak -- [--hours H (12)] [--speed ×N (72: the day in 10 min)] [--events N in the day (50000)] [--samples N in the day (2000000)] " +
  "[--viewers N (200)] [--leads N (4)] " +
  "[--churn % of viewers reconnected each hour (10)] [--batch samples per request (500)] [--port P]";

export function parseSoakBenchArgs(argv: string[]): TSoakBenchOptions {
  const string = { type: "string" } as const;
  return parseCliOptions(argv, {
    flags: { hours: string, speed: string, events: string, samples: string, viewers: string, leads: string, churn: string, batch: string, port: string },
    usage: SOAK_BENCH_USAGE,
    schema: ZSoakBenchOptions,
  });
}
