import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseCliOptions, UsageError } from "./options";

const spec = {
  flags: { "chart-samples": { type: "string" }, fast: { type: "boolean" } } as const,
  usage: "usage: test",
  schema: z.object({ chartSamples: z.coerce.number().min(10).default(100), fast: z.boolean().optional() }),
};

describe("parseCliOptions", () => {
  it("camelCases flags into the schema and applies defaults", () => {
    expect(parseCliOptions([], spec)).toEqual({ chartSamples: 100 });
    expect(parseCliOptions(["--chart-samples=20", "--fast"], spec)).toEqual({ chartSamples: 20, fast: true });
  });

  it("names a bad value by the flag as typed", () => {
    expect(() => parseCliOptions(["--chart-samples", "5"], spec)).toThrow(/^bad option: --chart-samples: /);
  });

  it("refuses unknown flags and positionals with the usage line, as a UsageError", () => {
    expect(() => parseCliOptions(["--nope"], spec)).toThrow(UsageError);
    expect(() => parseCliOptions(["5"], spec)).toThrow(/— usage: test$/);
  });

  it("lets toInput reshape the flags or refuse them", () => {
    const reshaped = { ...spec, toInput: ({ fast, ...rest }: Record<string, unknown>) => ({ ...rest, chartSamples: fast ? 50 : rest.chartSamples }) };
    expect(parseCliOptions(["--fast"], reshaped)).toEqual({ chartSamples: 50 });
  });
});
