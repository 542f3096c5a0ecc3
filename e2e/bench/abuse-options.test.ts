import { describe, expect, it } from "vitest";
import { parseAbuseBenchArgs, roundOrder } from "./abuse-options";

describe("parseAbuseBenchArgs", () => {
  it("defaults to 10,000 flooded commands over 3 flood rounds of 20 s, the lead changing an item every second", () => {
    expect(parseAbuseBenchArgs([])).toEqual({ flood: 10_000, rounds: 3, seconds: 20, every: 1000 });
  });

  it("reads every option and names a bad one in one line", () => {
    expect(parseAbuseBenchArgs(["--flood=500", "--rounds", "2", "--seconds", "5", "--every", "250", "--port", "4300"])).toEqual({ flood: 500, rounds: 2, seconds: 5, every: 250, port: 4300 });
    expect(() => parseAbuseBenchArgs(["--every", "10"])).toThrow(/^bad option: --every: /);
    expect(() => parseAbuseBenchArgs(["--floods", "5"])).toThrow(/usage: npm run bench:abuse/);
  });
});

describe("roundOrder", () => {
  it("interleaves baseline and flood rounds in ABBA pairs", () => {
    expect(roundOrder(3)).toEqual(["baseline", "flood", "flood", "baseline", "baseline", "flood"]);
  });
});
