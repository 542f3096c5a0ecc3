import { describe, expect, it } from "vitest";
import { breaches, describeWindow, formatProgress, lookbackMs, NO_DATA_AFTER_MS } from "./metric-rules";

describe("breaches: the comparison at its edge", () => {
  it("exactly at the threshold: > and < do not breach, >= and <= do", () => {
    expect(breaches(">", 1, 1)).toBe(false);
    expect(breaches(">=", 1, 1)).toBe(true);
    expect(breaches("<", 1, 1)).toBe(false);
    expect(breaches("<=", 1, 1)).toBe(true);
    expect(breaches(">", 1.0000001, 1)).toBe(true);
  });
});

describe("the legacy window in words and in history", () => {
  it("reads as the template says it", () => {
    expect(describeWindow({ kind: "immediate" })).toBe("");
    expect(describeWindow({ kind: "sustained", minutes: 5 })).toBe("sustained for 5 min");
    expect(formatProgress({ heldMs: 3 * 60_000, requiredMs: 5 * 60_000 })).toBe("3:00 of 5:00 breaching");
  });

  it("needs its window plus the staleness limit of history", () => {
    expect(lookbackMs({ kind: "immediate" })).toBe(NO_DATA_AFTER_MS);
    expect(lookbackMs({ kind: "sum", minutes: 5 })).toBe(5 * 60_000 + NO_DATA_AFTER_MS);
  });
});
