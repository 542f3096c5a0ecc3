import { describe, expect, it } from "vitest";
import { formatPerWeek, formatRate, formatSpan } from "./dora-format";

describe("dora figures in words", () => {
  it("spans read in minutes under an hour, hours under two days, then days", () => {
    expect([0.4, 59.4, 60, 90, 47 * 60, 48 * 60, 36 * 24 * 60].map(formatSpan)).toEqual(["0 min", "59 min", "1 h", "1.5 h", "47 h", "2 days", "36 days"]);
  });
  it("rates keep one decimal under 10%", () => {
    expect([0, 0.045, 0.125, 1].map(formatRate)).toEqual(["0%", "4.5%", "13%", "100%"]);
  });
  it("frequency is per week, one decimal", () => {
    expect(formatPerWeek(25 / 8)).toBe("3.1 a week");
  });
});
