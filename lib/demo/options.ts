// Command-line options of `npm run demo`, checked with zod so a bad value stops with one line.
import { z } from "zod";
import { parseCliOptions, UsageError } from "../cli/options";

export const DEMO_USAGE =
  "usage: npm run demo -- [--fast | --speed N] [--hold S] [--url URL] [--run ID --token TOKEN]";

export const ZDemoOptions = z
  .object({
    /** How many times faster than real time the scenario runs (and the demo run's windows shrink). */
    speed: z.coerce.number().int().min(1).max(60).default(1),
    /** Stop this many seconds after the rollback rule fires; unset: run until Ctrl-C. */
    hold: z.coerce.number().min(0).max(86_400).optional(),
    /** Where Warroom answers; default APP_URL, else http://localhost:$PORT. */
    url: z.url().optional(),
    /** Feed an existing run with a token made in its war room (public API only, no database access). */
    run: z.string().trim().min(1).max(64).optional(),
    token: z.string().trim().min(1).max(200).optional(),
  })
  .refine((o) => (o.run === undefined) === (o.token === undefined), { message: "--run and --token go together", path: ["token"] });
export type TDemoOptions = z.output<typeof ZDemoOptions>;

/** The demo's usage mistakes are the shared UsageError (exit 2). */
export const DemoUsageError = UsageError;

export const FAST_SPEED = 10;

export function parseDemoArgs(argv: string[]): TDemoOptions {
  const string = { type: "string" } as const;
  return parseCliOptions(argv, {
    flags: { fast: { type: "boolean" }, speed: string, hold: string, url: string, run: string, token: string },
    usage: DEMO_USAGE,
    schema: ZDemoOptions,
    toInput: ({ fast, ...rest }) => {
      if (fast && rest.speed !== undefined) throw new DemoUsageError(`--fast is --speed ${FAST_SPEED}: give one of them — ${DEMO_USAGE}`);
      return { ...rest, speed: fast ? FAST_SPEED : rest.speed };
    },
  });
}
