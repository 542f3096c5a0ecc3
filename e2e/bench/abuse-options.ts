// Command-line options of `npm run bench:abuse`, checked with zod so a bad value stops with one line.
import { z } from "zod";
import { parseCliOptions } from "../../lib/cli/options";

export const ZAbuseBenchOptions = z.object({
  /** Commands the member floods in all, spread evenly over the flood rounds. */
  flood: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  /** Rounds of each kind (flood, baseline), interleaved: baseline, flood, flood, baseline, … */
  rounds: z.coerce.number().int().min(1).max(50).default(3),
  /** Seconds per round. */
  seconds: z.coerce.number().positive().max(600).default(20),
  /** How often the lead changes an item (ms). */
  every: z.coerce.number().int().min(50).max(60_000).default(1000),
  port: z.coerce.number().int().min(1).max(65535).optional(),
});
export type TAbuseBenchOptions = z.output<typeof ZAbuseBenchOptions>;

export const ABUSE_BENCH_USAGE = "usage: npm run bench:abuse -- [--flood N (10000)] [--rounds N (3)] [--seconds S (20)] [--every MS (1000)] [--port P]";

export function parseAbuseBenchArgs(argv: string[]): TAbuseBenchOptions {
  const string = { type: "string" } as const;
  return parseCliOptions(argv, {
    flags: { flood: string, rounds: string, seconds: string, every: string, port: string },
    usage: ABUSE_BENCH_USAGE,
    schema: ZAbuseBenchOptions,
  });
}

/** Round kinds in the order they run: ABBA pairs, so neither kind always runs first on a warming machine. */
export function roundOrder(rounds: number): ("baseline" | "flood")[] {
  return Array.from({ length: rounds }, (_, i) => (i % 2 === 0 ? (["baseline", "flood"] as const) : (["flood", "baseline"] as const))).flat();
}
