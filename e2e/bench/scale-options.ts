// Command-line options of `npm run bench:scale`, checked with zod so a bad value stops with one line.
import { z } from "zod";
import { parseCliOptions } from "../../lib/cli/options";

export const ZScaleBenchOptions = z.object({
  /** Interleaved rounds: each round loads every size once, in a rotating order. */
  rounds: z.coerce.number().int().min(1).max(50).default(5),
  /** Loads of each page per size per round; the round's figure is their median. */
  loads: z.coerce.number().int().min(1).max(50).default(3),
  /** The largest run's timeline; the others have a tenth and a hundredth of it. */
  events: z.coerce.number().int().min(100).max(1_000_000).default(100_000),
  /** Runs in the largest database; the others have a tenth and a hundredth. */
  runs: z.coerce.number().int().min(10).max(100_000).default(10_000),
  port: z.coerce.number().int().min(1).max(65535).optional(),
});
export type TScaleBenchOptions = z.output<typeof ZScaleBenchOptions>;

export const SCALE_BENCH_USAGE = "usage: npm run bench:scale -- [--rounds N (5)] [--loads N (3)] [--events N (100000)] [--runs N (10000)] [--port P]";

export function parseScaleBenchArgs(argv: string[]): TScaleBenchOptions {
  const string = { type: "string" } as const;
  return parseCliOptions(argv, { flags: { rounds: string, loads: string, events: string, runs: string, port: string }, usage: SCALE_BENCH_USAGE, schema: ZScaleBenchOptions });
}

/** The three sizes of a history: a hundredth, a tenth and all of the largest. */
export const sizesOf = (largest: number) => [Math.round(largest / 100), Math.round(largest / 10), largest];
