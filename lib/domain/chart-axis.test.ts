import { describe, expect, it } from "vitest";
import { chartAxis, NEAR_FACTOR } from "./chart-axis";

const investigate = { id: "esc", value: 1 };
const rollback = { id: "rb", value: 5 };

describe("chartAxis", () => {
  it("an error rate around 0.05% with 1% and 5% thresholds: the axis fits the data, both thresholds are edge markers", () => {
    const axis = chartAxis([0.041, 0.05, 0.062, 0.048], [investigate, rollback]);
    expect(axis.domain).toEqual([0, 0.08]);
    expect(axis.ticks).toEqual([0, 0.02, 0.04, 0.06, 0.08]);
    expect(axis.inside).toEqual([]);
    expect(axis.above).toEqual([investigate, rollback]);
    expect(axis.below).toEqual([]);
  });

  it("a threshold near the data stretches the axis and is drawn as a line", () => {
    const axis = chartAxis([2.1, 3.4, 4.2], [investigate, rollback]);
    expect(axis.inside).toEqual([investigate, rollback]);
    expect(axis.domain).toEqual([0, 6]);
    expect(axis.above).toEqual([]);
  });

  it("at the boundary: exactly NEAR_FACTOR × the data's top is inside, a hair above is an edge marker", () => {
    expect(chartAxis([0, 2], [{ id: "t", value: 2 * NEAR_FACTOR }]).inside).toHaveLength(1);
    expect(chartAxis([0, 2], [{ id: "t", value: 2 * NEAR_FACTOR + 1e-9 }]).above).toHaveLength(1);
  });

  it("without data, or with only zeros, the thresholds set the scale", () => {
    expect(chartAxis([], [investigate, rollback])).toMatchObject({ domain: [0, 6], inside: [investigate, rollback], above: [] });
    expect(chartAxis([0, 0, 0], [rollback])).toMatchObject({ domain: [0, 6], inside: [rollback] });
    expect(chartAxis([], [])).toMatchObject({ domain: [0, 1], ticks: [0, 0.25, 0.5, 0.75, 1] });
  });

  it("a flat non-zero series still gets an axis that starts at 0", () => {
    const axis = chartAxis([350, 350, 350], [{ id: "slow", value: 1000 }]);
    expect(axis.domain).toEqual([0, 1000]);
    expect(axis.inside).toHaveLength(1);
  });

  it("ticks are clean numbers (no floating-point noise)", () => {
    const axis = chartAxis([0.3], []);
    expect(axis.ticks).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it("data below zero (a custom metric) reaches under 0; a threshold far below is a bottom marker", () => {
    const axis = chartAxis([-1, 2], [{ id: "low", value: -50 }]);
    expect(axis.domain[0]).toBeLessThanOrEqual(-1);
    expect(axis.below).toEqual([{ id: "low", value: -50 }]);
  });
});
