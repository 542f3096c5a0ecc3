// Command-line options of `npm run bench`, through the one parser (lib/cli/options.ts).
import { z } from "zod";
import { parseCliOptions } from "../../lib/cli/options";

export const BENCH_PARTS = ["fanout", "cross", "click", "weight", "cold", "viewers2k"] as const;
export type TBenchPart = (typeof BENCH_PARTS)[number];

const commaList = (text: string) => text.split(",").map((part) => part.trim()).filter(Boolean);

export const ZBenchOptions = z
  .object({
    /** Which parts to run, in the order of BENCH_PARTS whatever the order given. */
    only: z
      .string()
      .default(BENCH_PARTS.join(","))
      .transform(commaList)
      // Checked as a whole, so the message names --only rather than an element of it.
      .refine((parts) => parts.length > 0 && parts.every((part) => (BENCH_PARTS as readonly string[]).includes(part)), {
        message: `must be a comma list of ${BENCH_PARTS.join(", ")}`,
      })
      .transform((parts) => BENCH_PARTS.filter((part) => parts.includes(part))),
    /** Socket clients in the run room (fan-out and cross-instance). */
    clients: z.coerce.number().int().min(1).max(5000).default(500),
    /** Socket viewers of the viewers2k part (two instances behind nginx). */
    viewers: z.coerce.number().int().min(1).max(10000).default(2000),
    /** Changes per second of the fan-out and cross-instance measurements. */
    rate: z.coerce.number().positive().max(1000).default(10),
    seconds: z.coerce.number().positive().max(3600).default(20),
    /** Seconds at the start of each measurement left out of its figures. */
    warmup: z.coerce.number().min(0).default(2),
    /** Fan-out: Warroom and the bare server measured in this many interleaved rounds (A B A B …), --seconds split over them. */
    rounds: z.coerce.number().int().min(1).max(50).default(4),
    /** Busy loops run alongside for the whole bench, each pinned to a core: a controlled noisy neighbour. */
    noise: z.coerce.number().int().min(0).max(64).default(0),
    /** Rates (changes/s) stepped through above --rate until p99 passes --knee-limit. */
    kneeRates: z
      .string()
      .default("20,50,100,200,400")
      .transform(commaList)
      .transform((rates) => rates.map(Number))
      .refine((rates) => rates.length > 0 && rates.every((rate) => rate > 0 && rate <= 5000), { message: "must be a comma list of rates in 0–5000" }),
    kneeSeconds: z.coerce.number().positive().max(600).default(8),
    kneeLimit: z.coerce.number().positive().default(250),
    /** Ticks measured from one browser page to the other (after 3 unmeasured). */
    clicks: z.coerce.number().int().min(1).max(1000).default(50),
    /** First port of the servers the bench starts (consecutive from here); unset picks free ones. */
    port: z.coerce.number().int().min(1).max(65535).optional(),
  })
  .refine((o) => o.warmup < o.seconds, { message: "must be shorter than --seconds", path: ["warmup"] });
export type TBenchOptions = z.output<typeof ZBenchOptions>;

export const BENCH_USAGE =
  `usage: npm run bench -- [--only ${BENCH_PARTS.join(",")}] [--clients N (500)] [--viewers N (2000)] [--rate R (10)] [--seconds S (20)] [--warmup W (2)] ` +
  "[--rounds N (4)] [--noise N (0)] [--knee-rates 20,50,100,200,400] [--knee-seconds S (8)] [--knee-limit ms (250)] [--clicks N (50)] [--port first-port]";

export function parseBenchArgs(argv: string[]): TBenchOptions {
  const string = { type: "string" } as const;
  return parseCliOptions(argv, {
    flags: {
      only: string,
      clients: string,
      viewers: string,
      rate: string,
      seconds: string,
      warmup: string,
      rounds: string,
      noise: string,
      "knee-rates": string,
      "knee-seconds": string,
      "knee-limit": string,
      clicks: string,
      port: string,
    },
    usage: BENCH_USAGE,
    schema: ZBenchOptions,
  });
}
