import { describe, expect, it } from "vitest";
import { chartClock, EMPTY_CHARTS, mergeSamples, seriesOfMetric, timeDomain, timeTicks } from "./metric-charts";
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
