import { describe, expect, it } from "vitest";
import { apiAvailability, compareWithBaseline, computeBaseline, databaseHealth, formatBaselineValue, formatDelta, latestValues, type TMetricPoint } from "./baseline";

const END = Date.parse("2025-11-03T18:00:00.000Z");
const min = (m: number) => END + m * 60_000;
const p = (metric: string, stage: TMetricPoint["stage"], minutes: number, value: number): TMetricPoint => ({ metric, stage, at: min(minutes), value });

describe("computeBaseline", () => {
  it("averages the window (capturedAt − 15 min, capturedAt] from production samples first", () => {
    const points = [
      p("error_rate", "production", -20, 9), // before the window
      p("error_rate", "production", -15, 8), // exactly at the window's start: outside
      p("error_rate", "production", -10, 0.1),
      p("error_rate", "production", 0, 0.3), // exactly at capture: inside
      p("error_rate", "canary", -5, 50),
      p("error_rate", "production", 1, 99), // after capture
    ];
    const baseline = computeBaseline(points, new Date(END), 15);
    expect(baseline.error_rate).toEqual({ value: 0.2, max: 0.3, sum: 0.4, samples: 2, stage: "production" });
  });

  it("falls back to the latest sample before the window, and leaves out metrics never measured", () => {
    const baseline = computeBaseline([p("response_time_p95", "overall", -40, 300), p("response_time_p95", "overall", -30, 320)], new Date(END), 15);
    expect(baseline.response_time_p95).toEqual({ value: 320, max: 320, sum: 320, samples: 1, stage: "overall" });
    expect(baseline.error_rate).toBeUndefined();
    expect(computeBaseline([], new Date(END))).toEqual({});
  });

  it("judges the database by failures summed over the window and the query time", () => {
    const good = computeBaseline([p("db_connection_failures", "production", -1, 0), p("db_query_time", "production", -1, 40)], new Date(END));
    expect(databaseHealth(good)).toEqual({ isGood: true, reason: "no connection failures, queries fast" });
    const bad = computeBaseline([p("db_connection_failures", "production", -2, 2), p("db_connection_failures", "production", -1, 1), p("db_query_time", "production", -1, 2500)], new Date(END));
    expect(databaseHealth(bad)).toEqual({ isGood: false, reason: "3 connection failures, queries 2500 ms" });
    expect(databaseHealth({})).toBeNull();
  });

  it("derives availability from the error rate", () => {
    expect(apiAvailability(computeBaseline([p("error_rate", "production", -1, 0.04)], new Date(END)))).toBeCloseTo(99.96);
    expect(apiAvailability({})).toBeNull();
  });
});

describe("latestValues", () => {
  it("takes the preferred stage among fresh samples, else the newest of any stage", () => {
    const now = new Date(END);
    expect(latestValues([p("error_rate", "canary", -1, 7), p("error_rate", "production", -2, 0.1), p("error_rate", "production", -3, 5)], now)).toEqual({ error_rate: 0.1 });
    expect(latestValues([p("cpu", "staging", -30, 40), p("cpu", "canary", -20, 55)], now)).toEqual({ cpu: 55 });
  });
});

describe("compareWithBaseline", () => {
  const baseline = computeBaseline([p("error_rate", "production", -1, 0.1), p("response_time_p95", "production", -1, 300), p("cpu", "production", -1, 40)], new Date(END));

  it("gives the delta, its direction and a verdict where lower is better; within 5% reads as the same", () => {
    const rows = compareWithBaseline({ error_rate: 0.05, response_time_p95: 360, cpu: 41 }, baseline);
    expect(rows.map((r) => [r.key, r.direction, r.verdict])).toEqual([
      ["error_rate", "down", "better"],
      ["response_time_p95", "up", "worse"],
      ["cpu", "flat", "same"],
    ]);
    expect(rows[1]).toMatchObject({ current: 360, baseline: 300, delta: 60, deltaPercent: 20 });
    expect(formatDelta(rows[1])).toBe("+60ms (+20%)");
    expect(formatDelta(rows[0])).toBe("−0.05% (−50%)");
  });

  it("keeps a metric only one side has, without a delta", () => {
    const rows = compareWithBaseline({ memory: 70 }, baseline);
    expect(rows.find((r) => r.key === "memory")).toMatchObject({ current: 70, baseline: null, delta: null, direction: null, verdict: null });
    expect(rows.find((r) => r.key === "error_rate")).toMatchObject({ current: null, baseline: 0.1 });
    expect(formatDelta(rows[0])).toBe("—");
  });

  it("formats values as the runbook writes them", () => {
    expect(formatBaselineValue(312.4, "ms")).toBe("312ms");
    expect(formatBaselineValue(0.0412, "%")).toBe("0.04%");
    expect(formatBaselineValue(null, "%")).toBe("—");
  });
});
