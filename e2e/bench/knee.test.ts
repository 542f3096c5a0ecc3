import { describe, expect, it } from "vitest";
import { findKnee, isPastKnee, kneeReason, kneeRates } from "./knee";

const step = (rate: number, p99: number | null) => ({ rate, p99, achievedRate: rate });

describe("kneeRates", () => {
  it("keeps the rungs above the base rate, ascending and once each", () => {
    expect(kneeRates(10, [50, 10, 20, 5, 20, 100])).toEqual([20, 50, 100]);
    expect(kneeRates(500, [20, 50])).toEqual([]);
  });
});

describe("isPastKnee", () => {
  it("passes at the limit and fails just above it", () => {
    expect(isPastKnee(step(10, 250), 250)).toBe(false);
    expect(isPastKnee(step(10, 250.1), 250)).toBe(true);
  });

  it("counts a step where nothing was measured as past the knee", () => {
    expect(isPastKnee(step(10, null), 250)).toBe(true);
  });
});

describe("kneeReason", () => {
  it("names p99 first, then a server that accepted under 90% of the rate", () => {
    expect(kneeReason(step(10, 300), 250)).toBe("p99");
    expect(kneeReason({ rate: 50, p99: 120, achievedRate: 44.9 }, 250)).toBe("throughput");
    expect(kneeReason({ rate: 50, p99: 120, achievedRate: 45 }, 250)).toBeNull();
  });
});

describe("findKnee", () => {
  it("reports the last rate under the limit and the first above it", () => {
    const knee = findKnee([step(20, 40), step(50, 90), step(100, 300), step(200, 900)], 250);
    expect(knee).toEqual({ lastBelow: step(50, 90), firstAbove: step(100, 300) });
  });

  it("stops at a step that kept p99 low only by refusing changes", () => {
    const refusing = { rate: 100, p99: 90, achievedRate: 30 };
    expect(findKnee([step(50, 80), refusing, step(200, 400)], 250)).toEqual({ lastBelow: step(50, 80), firstAbove: refusing });
  });

  it("has no last-below when the first step is already past, and no first-above when none is", () => {
    expect(findKnee([step(20, 400)], 250)).toEqual({ lastBelow: null, firstAbove: step(20, 400) });
    expect(findKnee([step(20, 40), step(50, 60)], 250)).toEqual({ lastBelow: step(50, 60), firstAbove: null });
    expect(findKnee([], 250)).toEqual({ lastBelow: null, firstAbove: null });
  });
});
