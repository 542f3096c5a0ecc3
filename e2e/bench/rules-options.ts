// Command-line options of `npm run bench:rules`, checked with zod so a bad value stops with one line.
import { z } from "zod";
import { parseCliOptions } from "../../lib/cli/options";

export const ZRulesBenchOptions = z
  .object({
    runs: z.coerce.number().int().min(1).max(100).default(10),
    /** Rules per run, each its own PromQL query (distinct windows), all at the canary. */
    rules: z.coerce.number().int().min(1).max(1000).default(100),
    /** Each rule's evaluation interval, seconds. */
    interval: z.coerce.number().int().min(1).max(300).default(10),
    /** Rounds of the three phases (Warroom on Prometheus, the bare client, Warroom on pushed samples), interleaved. */
    rounds: z.coerce.number().int().min(1).max(20).default(3),
    /** Length of each phase, seconds. */
    seconds: z.coerce.number().positive().max(3600).default(40),
    /** Seconds at the start of each phase left out (the back-fill of a monitor taking the runs over). */
    warmup: z.coerce.number().min(0).default(12),
    /** Prometheus's scrape interval, seconds. */
    scrape: z.coerce.number().positive().max(60).default(5),
  })
  .refine((o) => o.warmup + o.interval <= o.seconds, { message: "a phase must last at least --warmup plus one --interval", path: ["seconds"] });
export type TRulesBenchOptions = z.output<typeof ZRulesBenchOptions>;

export const RULES_BENCH_USAGE =
  "usage: npm run bench:rules -- [--runs N (10)] [--rules N (100)] [--interval S (10)] [--rounds N (3)] [--seconds S (40)] [--warmup W (12)] [--scrape S (5)]";

export function parseRulesBenchArgs(argv: string[]): TRulesBenchOptions {
  const string = { type: "string" } as const;
  return parseCliOptions(argv, {
    flags: { runs: string, rules: string, interval: string, rounds: string, seconds: string, warmup: string, scrape: string },
    usage: RULES_BENCH_USAGE,
    schema: ZRulesBenchOptions,
  });
}
