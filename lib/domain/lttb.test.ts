import { describe, expect, it } from "vitest";
import { lttb, type TPoint } from "./lttb";

/** A noisy wave with a few sharp spikes, deterministic. */
function wave(n: number): TPoint[] {
  return Array.from({ length: n }, (_, i) => [1_700_000_000_000 + i * 1000, 2 + Math.sin(i / 50) + ((i * 7919) % 13) / 20] as const);
}

describe("lttb", () => {
  it("returns short series unchanged", () => {
    const points = wave(10);
    expect(lttb(points, 1000)).toEqual(points);
  });

  it("reduces 100k points to at most the threshold, keeping the first and last, in time order", () => {
    const points = wave(100_000);
    const out = lttb(points, 1000);
    expect(out.length).toBeLessThanOrEqual(1000);
    expect(out.length).toBeGreaterThan(990);
    expect(out[0]).toEqual(points[0]);
    expect(out.at(-1)).toEqual(points.at(-1));
    for (let i = 1; i < out.length; i++) expect(out[i][0]).toBeGreaterThan(out[i - 1][0]);
  });

  it("keeps the global maximum and minimum, even a single-sample spike", () => {
    const points = wave(50_000).map((p, i): TPoint => (i === 31_337 ? [p[0], 99] : i === 7 ? [p[0], -5] : p));
    const out = lttb(points, 500);
    expect(out).toContainEqual(points[31_337]);
    expect(out).toContainEqual(points[7]);
    expect(out.length).toBeLessThanOrEqual(500);
  });

  it("keeps both extremes when they sit side by side in one bucket", () => {
    const points = wave(10_000).map((p, i): TPoint => (i === 5000 ? [p[0], 50] : i === 5001 ? [p[0], -50] : p));
    const out = lttb(points, 100);
    expect(out).toContainEqual(points[5000]);
    expect(out).toContainEqual(points[5001]);
    expect(out.length).toBeLessThanOrEqual(100);
  });

  it("a flat series stays flat", () => {
    const points: TPoint[] = Array.from({ length: 5000 }, (_, i) => [i, 3]);
    const out = lttb(points, 200);
    expect(out.every(([, v]) => v === 3)).toBe(true);
    expect(out.length).toBeLessThanOrEqual(200);
  });
});
