// Command-line options of `npm run test:chaos`; the defaults are issue 8's numbers (100 clients,
// 1,000 conflicting changes, one SIGKILL), checked with zod so a bad value stops with one line.
import { z } from "zod";
import { parseCliOptions, UsageError } from "../../lib/cli/options";

export const ZChaosOptions = z.object({
  /** Sockets in all, split across the two instances; two of them are the leads. */
  clients: z.coerce.number().int().min(4).max(2000).default(100),
  /** Item changes the two leads send between them. */
  changes: z.coerce.number().int().min(1).max(100_000).default(1000),
  /** Client sockets dropped (engine closed) at random moments; they reconnect and replay. */
  drops: z.coerce.number().int().min(0).max(10_000).default(30),
  /** Instances killed with SIGKILL mid-run and restarted (B first, then they alternate). */
  kills: z.coerce.number().int().min(0).max(10).default(1),
  /** How many items the leads fight over. */
  items: z.coerce.number().int().min(1).max(50).default(6),
  /** Commands each lead keeps in flight at once. */
  inFlight: z.coerce.number().int().min(1).max(32).default(4),
  adapter: z.enum(["postgres", "redis"]).default("postgres"),
  /** nginx: every client, sign-in and snapshot goes through nginx with the README's config (APP_URL is the proxy's). */
  proxy: z.enum(["none", "nginx"]).default("none"),
  /** Instance A's port (B takes the next one); unset picks free ports. */
  port: z.coerce.number().int().min(1).max(65534).optional(),
  /** Seed of every random choice, to replay a run. */
  seed: z.coerce.number().int().min(0).max(2 ** 31 - 1).optional(),
});
export type TChaosOptions = z.output<typeof ZChaosOptions>;

export const CHAOS_USAGE =
  "usage: npm run test:chaos -- [--clients N (100)] [--changes N (1000)] [--drops N (30)] [--kills N (1)] " +
  "[--items N (6)] [--in-flight N (4)] [--adapter postgres|redis] [--proxy none|nginx] [--port P] [--seed S]";

export { UsageError };

/** Parses argv (without node and the script); throws UsageError with a one-line message. */
export function parseChaosArgs(argv: string[]): TChaosOptions {
  const string = { type: "string" } as const;
  return parseCliOptions(argv, {
    flags: { clients: string, changes: string, drops: string, kills: string, items: string, "in-flight": string, adapter: string, proxy: string, port: string, seed: string },
    usage: CHAOS_USAGE,
    schema: ZChaosOptions,
  });
}
