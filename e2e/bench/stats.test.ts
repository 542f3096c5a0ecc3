import { describe, expect, it } from "vitest";
import { percentile, summarize } from "./stats";

describe("percentile (nearest rank)", () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100

  it("picks the sample at the rank, not an interpolation", () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 51)).toBe(30);
  });

  it("handles the edges: p0, p100 and a single sample", () => {
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
  });

  it("refuses no samples and a percentile outside 0–100", () => {
    expect(() => percentile([], 50)).toThrow(/no samples/);
    expect(() => percentile(hundred, 101)).toThrow(/0–100/);
    expect(() => percentile(hundred, -1)).toThrow(/0–100/);
  });

  it("with 199 fast samples and 1 slow one, p99 stays fast and max shows the outlier", () => {
    const samples = [...Array.from({ length: 199 }, () => 3), 900];
    expect(percentile(samples, 99)).toBe(3);
    expect(percentile(samples, 100)).toBe(900);
  });
});

describe("summarize", () => {
  it("sorts numerically (not as strings) and reports every figure", () => {
    expect(summarize([100, 9, 20, 3])).toEqual({ count: 4, mean: 33, p50: 9, p95: 100, p99: 100, max: 100 });
  });

  it("returns null when nothing was measured", () => {
    expect(summarize([])).toBeNull();
  });

  it("does not reorder the caller's array", () => {
    const samples = [3, 1, 2];
    summarize(samples);
    expect(samples).toEqual([3, 1, 2]);
  });
});
