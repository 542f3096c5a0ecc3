// Command-line options of `npm run demo`, checked with zod so a bad value stops with one line.
import { parseArgs } from "node:util";
import { z } from "zod";
import { describeZodError } from "../errors";

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

export class DemoUsageError extends Error {}

export const FAST_SPEED = 10;

export function parseDemoArgs(argv: string[]): TDemoOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        fast: { type: "boolean" },
        speed: { type: "string" },
        hold: { type: "string" },
        url: { type: "string" },
        run: { type: "string" },
        token: { type: "string" },
      },
    }) as { values: Record<string, string | boolean | undefined> });
  } catch (error) {
    throw new DemoUsageError(`${(error as Error).message.split("\n")[0]} — ${DEMO_USAGE}`);
  }
  if (values.fast && values.speed !== undefined) throw new DemoUsageError(`--fast is --speed ${FAST_SPEED}: give one of them — ${DEMO_USAGE}`);
  const { fast, ...rest } = values;
  const result = ZDemoOptions.safeParse({ ...rest, speed: fast ? FAST_SPEED : rest.speed });
  if (!result.success) throw new DemoUsageError(`bad option: ${describeZodError(result.error).replace(/(^|; )(\w+):/g, "$1--$2:")}`);
  return result.data;
}
