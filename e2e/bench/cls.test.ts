import { describe, expect, it } from "vitest";
import { cumulativeLayoutShift, type TLayoutShift } from "./cls";

const shift = (startTime: number, value: number, hadRecentInput = false): TLayoutShift => ({ startTime, value, hadRecentInput });

describe("cumulativeLayoutShift", () => {
  it("is zero without shifts", () => {
    expect(cumulativeLayoutShift([])).toBe(0);
  });

  it("adds shifts less than 1 s apart into one window", () => {
    expect(cumulativeLayoutShift([shift(100, 0.1), shift(1099, 0.2)])).toBeCloseTo(0.3);
  });

  it("starts a new window after a gap of exactly 1 s and keeps the largest", () => {
    expect(cumulativeLayoutShift([shift(100, 0.1), shift(1100, 0.05), shift(1500, 0.02)])).toBeCloseTo(0.1);
  });

  it("caps a window at 5 s even when shifts keep coming", () => {
    const steady = Array.from({ length: 11 }, (_, i) => shift(i * 600, 0.01)); // 0 … 6000 ms
    // 0–4800 ms is one window (9 shifts); 5400 ms opens the next.
    expect(cumulativeLayoutShift(steady)).toBeCloseTo(0.09);
  });

  it("leaves out shifts right after input, and takes entries in time order", () => {
    expect(cumulativeLayoutShift([shift(900, 0.2), shift(100, 0.1), shift(500, 0.5, true)])).toBeCloseTo(0.3);
  });
});
