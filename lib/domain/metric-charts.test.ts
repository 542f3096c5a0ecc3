import { describe, expect, it } from "vitest";
import { chartClock, compactSeries, EMPTY_CHARTS, MAX_RETAINED_POINTS, mergeSamples, RECENT_POINTS_KEPT, retainedPoints, seriesOfMetric, timeDomain, timeTicks, type TMetricCharts } from "./metric-charts";
import type { TPoint } from "./lttb";
import { formatUtcTimeOfDay } from "./time-format";

describe("live samples into the charts", () => {
  it("adds series as they appear, keeps time order and replaces a point resent at the same time", () => {
    let charts = mergeSamples(EMPTY_CHARTS, [
      { metric: "error_rate", stage: "production", at: 2000, value: 0.2 },
      { metric: "error_rate", stage: "canary", at: 3000, value: 1 },
    ]);
    charts = mergeSamples(charts, [
      { metric: "error_rate", stage: "canary", at: 1000, value: 0.5 },
      { metric: "error_rate", stage: "canary", at: 3000, value: 1.5 },
    ]);
    expect(seriesOfMetric(charts, "error_rate").map((s) => [s.stage, s.points])).toEqual([
      ["canary", [[1000, 0.5], [3000, 1.5]]],
      ["production", [[2000, 0.2]]],
    ]);
    expect(timeDomain(charts)).toEqual([1000, 3000]);
    expect(timeDomain(EMPTY_CHARTS)).toBeNull();
  });

  it("downsamples a series that grows past the limit, keeping its spike", () => {
    const samples = Array.from({ length: 2600 }, (_, i) => ({ metric: "cpu", stage: "canary" as const, at: i * 1000, value: i === 1234 ? 99 : 40 + (i % 5) }));
    const charts = mergeSamples(EMPTY_CHARTS, samples, 1000);
    const [series] = seriesOfMetric(charts, "cpu");
    expect(series.points.length).toBeLessThanOrEqual(1000);
    expect(series.points).toContainEqual([1_234_000, 99]);
  });
});

describe("a live series stays bounded however long the screen is open", () => {
  const series = (n: number, spikeAt = -1): TPoint[] => Array.from({ length: n }, (_, i) => [i * 5000, i === spikeAt ? 99 : 40 + (i % 7)] as const);

  it("is left alone up to the slack past the limit, and compacted to the limit one point beyond it", () => {
    const full = series(MAX_RETAINED_POINTS);
    expect(compactSeries(full)).toBe(full);
    expect(compactSeries(series(MAX_RETAINED_POINTS + 1))).toHaveLength(1000);
  });

  it("keeps the live edge point for point and the older part's spike", () => {
    const points = series(3000, 700);
    const compacted = compactSeries(points);
    expect(compacted.slice(-RECENT_POINTS_KEPT)).toEqual(points.slice(-RECENT_POINTS_KEPT));
    expect(compacted).toContainEqual([700 * 5000, 99]);
    expect(compacted[0]).toEqual(points[0]);
    expect(compacted.every((p, i) => i === 0 || p[0] > compacted[i - 1][0])).toBe(true);
  });

  it("a 12-hour day of 14 series, one sample each every 5 s, never holds more than the bound", () => {
    const stages = ["canary", "production"] as const;
    const metrics = ["error_rate", "response_time_avg", "response_time_p95", "db_query_time", "db_connection_failures", "cpu", "memory"];
    let charts: TMetricCharts = EMPTY_CHARTS;
    let most = 0;
    const batches = (12 * 3600) / 5;
    for (let b = 0; b < batches; b++) {
      charts = mergeSamples(charts, metrics.flatMap((metric) => stages.map((stage) => ({ metric, stage, at: b * 5000, value: b % 100 }))));
      most = Math.max(most, retainedPoints(charts));
    }
    expect(most).toBeLessThanOrEqual(14 * MAX_RETAINED_POINTS);
    // Still the whole day, up to the last sample.
    expect(timeDomain(charts)).toEqual([0, (batches - 1) * 5000]);
  });

  it("copies only the series a batch touches", () => {
    const before = mergeSamples(EMPTY_CHARTS, [
      { metric: "cpu", stage: "canary", at: 1000, value: 1 },
      { metric: "memory", stage: "canary", at: 1000, value: 2 },
    ]);
    const after = mergeSamples(before, [{ metric: "cpu", stage: "canary", at: 2000, value: 3 }]);
    expect(after.series[1]).toBe(before.series[1]);
    expect(before.series[0].points).toHaveLength(1);
    expect(after.series[0].points).toHaveLength(2);
  });
});

describe("time-axis ticks", () => {
  const at = (hms: string) => Date.parse(`2026-11-27T${hms}Z`);
  const labels = (domain: [number, number]) => {
    const { ticks, withSeconds } = timeTicks(domain);
    return ticks.map((t) => formatUtcTimeOfDay(t, withSeconds));
  };

  it("over three minutes: every minute, each label different", () => {
    expect(labels([at("08:05:40"), at("08:08:52")])).toEqual(["08:06", "08:07", "08:08"]);
  });

  it("under a minute and a quarter: every 15 s, with seconds", () => {
    expect(labels([at("08:05:40"), at("08:06:20")])).toEqual(["08:05:45", "08:06:00", "08:06:15"]);
  });

  it("over an hour: at most four, on round minutes; a tick exactly at the end counts", () => {
    const { ticks } = timeTicks([at("08:00:00"), at("09:15:00")]);
    expect(ticks.length).toBeLessThanOrEqual(4);
    expect(labels([at("08:00:00"), at("09:15:00")])).toEqual(["08:00", "08:30", "09:00"]);
    expect(labels([at("08:00:00"), at("08:02:00")])).toEqual(["08:00", "08:01", "08:02"]);
  });

  it("an empty span still gets its instant when round, and nothing otherwise", () => {
    expect(timeTicks([at("08:00:00"), at("08:00:00")]).ticks).toEqual([at("08:00:00")]);
    expect(timeTicks([at("08:00:01"), at("08:00:01")]).ticks).toEqual([]);
  });
});

describe("the charts' clock", () => {
  it("moves in 5-second steps: the same for every second of a step, the next at its boundary", () => {
    expect(chartClock(10_000)).toBe(10_000);
    expect(chartClock(14_999)).toBe(10_000);
    expect(chartClock(15_000)).toBe(15_000);
  });
});
