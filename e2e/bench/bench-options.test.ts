import { describe, expect, it } from "vitest";
import { UsageError } from "../../lib/cli/options";
import { BENCH_PARTS, parseBenchArgs } from "./bench-options";

describe("parseBenchArgs", () => {
  it("runs every part at the issue's load by default", () => {
    const options = parseBenchArgs([]);
    expect(options.only).toEqual([...BENCH_PARTS]);
    expect(options).toMatchObject({ clients: 500, rate: 10, kneeRates: [20, 50, 100, 200, 400], kneeLimit: 250, clicks: 50, rounds: 4, noise: 0 });
    expect(options.port).toBeUndefined();
  });

  it("takes --only as a comma list and keeps the parts in their usual order", () => {
    expect(parseBenchArgs(["--only", "cold, fanout"]).only).toEqual(["fanout", "cold"]);
  });

  it("refuses an unknown part, an empty list and a bad rate, naming the flag", () => {
    expect(() => parseBenchArgs(["--only", "fanout,speed"])).toThrow(/--only/);
    expect(() => parseBenchArgs(["--only", ","])).toThrow(UsageError);
    expect(() => parseBenchArgs(["--knee-rates", "20,fast"])).toThrow(/--knee-rates/);
    expect(() => parseBenchArgs(["--warmup", "30", "--seconds", "20"])).toThrow(/--warmup/);
  });

  it("takes the interleaved rounds and the noisy neighbour, and refuses nonsense", () => {
    expect(parseBenchArgs(["--rounds", "6", "--noise", "1"])).toMatchObject({ rounds: 6, noise: 1 });
    expect(() => parseBenchArgs(["--rounds", "0"])).toThrow(/--rounds/);
    expect(() => parseBenchArgs(["--noise", "-1"])).toThrow(/--noise/);
  });

  it("parses the scale flags as numbers", () => {
    expect(parseBenchArgs(["--clients", "20", "--seconds", "5", "--knee-rates", "50,20", "--port", "3500"])).toMatchObject({
      clients: 20,
      seconds: 5,
      kneeRates: [50, 20],
      port: 3500,
    });
  });
});
