import { describe, expect, it } from "vitest";
import { aggregate, percentile, type TAggregation } from "./rule-aggregate";

const T0 = Date.UTC(2026, 10, 27, 14, 0, 0);
const SEC = 1000;
const MIN = 60 * SEC;
const at = (seconds: number, value: number) => ({ at: T0 + seconds * SEC, value });

// Out of order on purpose: feeds may deliver late.
const samples = [at(30, 4), at(10, 2), at(50, 9), at(40, 1), at(20, 6)];
const of = (aggregation: TAggregation, now = T0 + 50 * SEC, windowMs = MIN) => aggregate({ aggregation, windowMs, samples }, now);

describe("aggregate over (now − W, now]", () => {
  it.each([
    ["mean", 4.4],
    ["max", 9],
    ["min", 1],
    ["last", 9],
    ["sum", 22],
    ["count", 5],
  ] as const)("%s", (aggregation, expected) => {
    const result = of(aggregation);
    expect(result).toEqual({ kind: "value", value: expected, sampleCount: 5, newestAt: T0 + 50 * SEC });
  });

  it("p95 interpolates between the closest ranks, like numpy's default", () => {
    // sorted 1 2 4 6 9: position 0.95 × 4 = 3.8 → 6 + 0.8 × 3
    const p95 = of("p95");
    expect(p95.kind === "value" && p95.value).toBeCloseTo(8.4, 12);
    expect(percentile([5], 0.95)).toBe(5);
  });

  it("a sample exactly W old has left the window; a sample after now waits", () => {
    expect(of("count", T0 + 70 * SEC)).toMatchObject({ value: 4, newestAt: T0 + 50 * SEC });
    expect(of("count", T0 + 69_999)).toMatchObject({ value: 5 });
    expect(of("last", T0 + 45 * SEC)).toMatchObject({ value: 1, newestAt: T0 + 40 * SEC });
  });

  it("an empty window is no data for every aggregation, count and sum included", () => {
    expect(of("count", T0 + 111 * SEC)).toEqual({ kind: "no_data", reason: "empty_window" });
    expect(of("sum", T0 + 5 * SEC)).toEqual({ kind: "no_data", reason: "empty_window" });
    expect(aggregate({ aggregation: "mean", windowMs: MIN, samples: [] }, T0)).toEqual({ kind: "no_data", reason: "empty_window" });
  });
});

describe("ratio: errors over requests", () => {
  const errors = [at(10, 2), at(20, 3)];
  const requests = [at(10, 40), at(20, 60), at(25, 0)];

  it("sums each side in the window; a percent rule reads ×100", () => {
    expect(aggregate({ aggregation: "ratio", windowMs: MIN, samples: errors, denominator: requests, unit: "%" }, T0 + 30 * SEC)).toEqual({
      kind: "value",
      value: 5,
      sampleCount: 2,
      newestAt: T0 + 20 * SEC,
    });
    expect(aggregate({ aggregation: "ratio", windowMs: MIN, samples: errors, denominator: requests, unit: "" }, T0 + 30 * SEC)).toMatchObject({
      value: 0.05,
    });
  });

  it("is only as fresh as the staler feed", () => {
    const late = aggregate({ aggregation: "ratio", windowMs: MIN, samples: [at(50, 1)], denominator: requests }, T0 + 55 * SEC);
    expect(late).toMatchObject({ newestAt: T0 + 25 * SEC });
  });

  it("no requests, or zero requests, is no data (not a 0% error rate)", () => {
    expect(aggregate({ aggregation: "ratio", windowMs: MIN, samples: errors }, T0 + 30 * SEC)).toEqual({ kind: "no_data", reason: "no_denominator" });
    expect(aggregate({ aggregation: "ratio", windowMs: MIN, samples: errors, denominator: [at(15, 0)] }, T0 + 30 * SEC)).toEqual({
      kind: "no_data",
      reason: "no_denominator",
    });
  });
});
