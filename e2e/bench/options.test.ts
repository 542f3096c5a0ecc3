import { describe, expect, it } from "vitest";
import { parseTickBenchArgs } from "./options";

describe("parseTickBenchArgs", () => {
  it("defaults to 200 clients, 10 changes/s for 30 s with 2 s of warm-up", () => {
    expect(parseTickBenchArgs([])).toEqual({ clients: 200, rate: 10, seconds: 30, warmup: 2 });
  });

  it("reads both --name value and --name=value", () => {
    expect(parseTickBenchArgs(["--clients", "500", "--rate=2.5", "--seconds", "5", "--port=4100"])).toEqual({
      clients: 500,
      rate: 2.5,
      seconds: 5,
      warmup: 2,
      port: 4100,
    });
  });

  it("names the bad option in one line", () => {
    expect(() => parseTickBenchArgs(["--clients", "lots"])).toThrow(/^bad option: --clients: /);
    expect(() => parseTickBenchArgs(["--clients", "0"])).toThrow(/--clients/);
    expect(() => parseTickBenchArgs(["--rate", "0"])).toThrow(/--rate/);
    expect(() => parseTickBenchArgs(["--seconds", "5", "--warmup", "5"])).toThrow(/--warmup: must be shorter than --seconds/);
  });

  it("refuses unknown options and stray arguments, showing the usage", () => {
    expect(() => parseTickBenchArgs(["--client", "5"])).toThrow(/usage: npm run bench:tick/);
    expect(() => parseTickBenchArgs(["500"])).toThrow(/usage: npm run bench:tick/);
  });
});
