// Command-line options for the npm scripts (bench:tick, bench:ingest, demo): node's parseArgs for the
// flags, zod for the values, and one-line errors that name the flag as it is typed (--chart-samples).
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { z } from "zod";
import { describeZodError } from "../errors";

/** A usage mistake: the script prints its message and exits 2. */
export class UsageError extends Error {}

type TFlagValues = Record<string, string | boolean | undefined>;

const camelCase = (flag: string) => flag.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
const kebabCase = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function parseCliOptions<T extends z.ZodType>(
  argv: string[],
  spec: {
    flags: NonNullable<ParseArgsConfig["options"]>;
    usage: string;
    schema: T;
    /** Turns the flags (keys camelCased) into the schema's input; may throw UsageError. */
    toInput?: (values: TFlagValues) => unknown;
  },
): z.output<T> {
  let values: TFlagValues;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: spec.flags }) as { values: TFlagValues });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split("\n")[0]} — ${spec.usage}`);
  }
  const flags = Object.fromEntries(Object.entries(values).map(([key, value]) => [camelCase(key), value]));
  const result = spec.schema.safeParse(spec.toInput ? spec.toInput(flags) : flags);
  if (!result.success) {
    throw new UsageError(`bad option: ${describeZodError(result.error).replace(/(^|; )(\w+):/g, (_, sep: string, key: string) => `${sep}--${kebabCase(key)}:`)}`);
  }
  return result.data;
}
