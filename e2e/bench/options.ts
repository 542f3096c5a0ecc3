// Command-line options of `npm run bench:tick`, checked with zod so a bad value stops with one line.
import { z } from "zod";
import { parseCliOptions, UsageError } from "../../lib/cli/options";

export const ZTickBenchOptions = z
  .object({
    clients: z.coerce.number().int().min(1).max(5000).default(200),
    /** Changes per second the driver sends. */
    rate: z.coerce.number().positive().max(1000).default(10),
    seconds: z.coerce.number().positive().max(3600).default(30),
    /** Seconds at the start whose events are left out of the latency figures. */
    warmup: z.coerce.number().min(0).default(2),
    /** Server port; unset picks a free one. */
    port: z.coerce.number().int().min(1).max(65535).optional(),
  })
  .refine((o) => o.warmup < o.seconds, { message: "must be shorter than --seconds", path: ["warmup"] });
export type TTickBenchOptions = z.output<typeof ZTickBenchOptions>;

export const TICK_BENCH_USAGE =
  "usage: npm run bench:tick -- [--clients N (200)] [--rate R changes/s (10)] [--seconds S (30)] [--warmup W (2)] [--port P]";

export { UsageError };

/** Parses argv (without node and the script); throws UsageError with a one-line message. */
export function parseTickBenchArgs(argv: string[]): TTickBenchOptions {
  const string = { type: "string" } as const;
  return parseCliOptions(argv, {
    flags: { clients: string, rate: string, seconds: string, warmup: string, port: string },
    usage: TICK_BENCH_USAGE,
    schema: ZTickBenchOptions,
  });
}
