import { describe, expect, it } from "vitest";
import { EMPTY_CHARTS, mergeSamples, seriesOfMetric, timeDomain } from "./metric-charts";

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
