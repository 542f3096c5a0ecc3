import { describe, expect, it } from "vitest";
import { chartUnitWarnings, toDocumentedUnit, unitWarnings, UNIT_SUSPICION_MIN_SAMPLES } from "./metric-units";

const errorRate = { key: "error_rate", kind: "percent" as const };
const p95 = { key: "response_time_p95", kind: "duration" as const };
const memory = { key: "memory", kind: "percent" as const };
const repeat = (values: number[], length = 20) => Array.from({ length }, (_, i) => values[i % values.length]);

describe("toDocumentedUnit", () => {
  it("converts a ratio to percent and seconds to milliseconds; no unit keeps the documented one", () => {
    expect(toDocumentedUnit(0.072, "ratio", errorRate)).toEqual({ ok: true, value: 7.199999999999999 });
    expect(toDocumentedUnit(7.2, "percent", errorRate)).toEqual({ ok: true, value: 7.2 });
    expect(toDocumentedUnit(0.344, "s", p95)).toEqual({ ok: true, value: 344 });
    expect(toDocumentedUnit(344, "ms", p95)).toEqual({ ok: true, value: 344 });
    expect(toDocumentedUnit(0.5, undefined, errorRate)).toEqual({ ok: true, value: 0.5 });
  });

  it("refuses a unit that does not fit the metric", () => {
    expect(toDocumentedUnit(3, "s", errorRate)).toEqual({ ok: false, reason: 'error_rate: unit "s" does not fit a percent metric (expected "percent" or "ratio")' });
    expect(toDocumentedUnit(3, "ratio", { key: "db_connection_failures", kind: "count" })).toMatchObject({ ok: false });
  });
});

describe("unitWarnings", () => {
  it("a percent stage that matches the other stage once ×100", () => {
    const warnings = unitWarnings({
      metric: errorRate,
      stages: [
        { stage: "canary", values: repeat([0.011, 0.012, 0.013]) },
        { stage: "production", values: repeat([1.1, 1.2]) },
      ],
      thresholds: [0.1, 1, 5],
    });
    expect(warnings).toEqual([
      {
        metric: "error_rate",
        stage: "canary",
        message: 'error_rate on canary never exceeds 1 (max 0.013) while production reads 1.15% — is the feed sending a ratio (0–1) instead of a percent? Send unit "ratio", or percent.',
      },
    ]);
  });

  it("a genuinely low error rate is not suspect, nor is one with a threshold below 1", () => {
    const stages = [
      { stage: "canary" as const, values: repeat([0.3]) },
      { stage: "production" as const, values: repeat([1.5]) },
    ];
    expect(unitWarnings({ metric: errorRate, stages, thresholds: [0.1, 1, 5] })).toEqual([]);
    expect(unitWarnings({ metric: errorRate, stages: [stages[0]], thresholds: [0.1, 1, 5] })).toEqual([]);
  });

  it("a healthy production beside a canary that went bad is not suspect (the canary was below 1% before)", () => {
    const stages = [
      { stage: "production" as const, values: repeat([0.15, 0.17, 0.19]) },
      { stage: "canary" as const, values: [...repeat([0.2, 0.3, 0.4], 22), ...repeat([7.5, 7.6, 7.8], 26)] },
    ];
    expect(unitWarnings({ metric: errorRate, stages, thresholds: [0.1, 1, 5] })).toEqual([]);
  });

  it("a percent metric whose every threshold is above 1", () => {
    const warnings = unitWarnings({ metric: memory, stages: [{ stage: "production", values: repeat([0.45, 0.5]) }], thresholds: [80] });
    expect(warnings[0].message).toBe('memory on production never exceeds 1 (max 0.5) while every rule on it is above 1% — is the feed sending a ratio (0–1) instead of a percent? Send unit "ratio", or percent.');
  });

  it("a duration never above 1 ms; too few samples or all zeros say nothing", () => {
    expect(unitWarnings({ metric: p95, stages: [{ stage: "canary", values: repeat([0.21, 0.34]) }], thresholds: [5000] })[0].message).toBe(
      'response_time_p95 on canary never exceeds 1 ms (max 0.34) — is the feed sending seconds? Send unit "s", or milliseconds.',
    );
    expect(unitWarnings({ metric: p95, stages: [{ stage: "canary", values: repeat([0.3], UNIT_SUSPICION_MIN_SAMPLES - 1) }], thresholds: [] })).toEqual([]);
    expect(unitWarnings({ metric: memory, stages: [{ stage: "canary", values: repeat([0]) }], thresholds: [80] })).toEqual([]);
  });
});

describe("chartUnitWarnings", () => {
  const metric = { key: "error_rate", kind: "percent" as const };
  const points = (value: number) => Array.from({ length: 12 }, (_, i) => [i * 10_000, value] as const);
  const rule = (threshold: number, over: Record<string, unknown> = {}) => ({ metric: "error_rate", isEnabled: true, severity: "rollback", threshold, window: { kind: "sustained" }, ...over });

  it("warns on a ratio-looking canary beside a percent production", () => {
    const mixed = chartUnitWarnings(metric, [{ stage: "canary", points: points(0.012) }, { stage: "production", points: points(1.4) }], [rule(5)]);
    expect(mixed).toEqual([expect.objectContaining({ stage: "canary", message: expect.stringContaining("while production reads 1.4%") })]);
  });

  it("reads only gating value thresholds: success criteria, disabled rules and count windows do not count", () => {
    const low = [{ stage: "canary" as const, points: points(0.2) }];
    expect(chartUnitWarnings(metric, low, [rule(5)])).toHaveLength(1);
    expect(chartUnitWarnings(metric, low, [rule(5), rule(0.1, { severity: "success" })])).toHaveLength(1);
    expect(chartUnitWarnings(metric, low, [rule(5), rule(0.5, { isEnabled: false }), rule(0.5, { window: { kind: "count" } })])).toHaveLength(1);
    expect(chartUnitWarnings(metric, low, [rule(5), rule(1)])).toEqual([]);
  });
});
