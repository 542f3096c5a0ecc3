import { describe, expect, it } from "vitest";
import reference from "./fixtures/mann-whitney/cases.json";
import { inconclusiveReason, isGatingNow, liveValueText, type TJudgedRule } from "./checkpoint-gate";
import type { TCompareSpec } from "./compare-rule";
import { evaluateComparison, judgeComparison } from "./compare-verdict";
import type { TMetricStage } from "./metric-catalog";
import type { TStageSeries } from "./metric-rules";
import { withVerdictDefaults, type TRuleVerdictState } from "./rule-verdict";

const SEC = 1000;
const MIN = 60 * SEC;
const T0 = Date.UTC(2026, 11, 5, 14, 0, 0);
const now = T0 + 10 * MIN;
const rule = withVerdictDefaults({ comparator: ">", threshold: 10, unit: "ms", windowMinutes: 5 });
const spec: TCompareSpec = { direction: "increase", allowedDifferencePercent: 10, minSamplesPerSide: 20 };
const scenario = (name: string) => reference.cases.find((c) => c.name === name)!;

/** Values every 5 s, the newest `endAgo` before `at`. */
const series = (stage: TMetricStage, values: readonly number[], at = now, endAgo = 0) => ({
  stage,
  samples: values.map((value, i) => ({ at: at - endAgo - (values.length - 1 - i) * 5 * SEC, value })),
});
const both = (name: string, at = now): TStageSeries[] => [series("canary", scenario(name).x, at), series("production", scenario(name).y, at)];
const judge = (s: readonly TStageSeries[], overrides: { verifiedStage?: TMetricStage | null; compare?: TCompareSpec } = {}) =>
  judgeComparison({ rule, compare: overrides.compare ?? spec, series: s, verifiedStage: overrides.verifiedStage ?? "canary", now });

describe("judgeComparison: one evaluation's finding", () => {
  it("the reference canary clearly worse is breaching, with the figures; equal with noise is ok", () => {
    const fail = judge(both("canary clearly worse"));
    expect(fail).toMatchObject({ outcome: "breaching", inconclusive: null, compare: { outcome: "fail", canaryCount: 60, productionCount: 60, u: 3600 } });
    expect(fail.live).toMatchObject({ sampleCount: 60, at: now });
    expect(fail.live!.value).toBeCloseTo(8.0045, 10);
    expect(judge(both("canary equal with noise"))).toMatchObject({ outcome: "ok", compare: { outcome: "pass", u: 1761 } });
  });

  it("too few samples on a side is inconclusive and names the side", () => {
    const canaryShort = [series("canary", [1, 2, 3]), series("production", scenario("canary clearly worse").y)];
    expect(judge(canaryShort)).toMatchObject({ outcome: "inconclusive", inconclusive: { kind: "too_few_samples", count: 3, required: 20, side: "canary" } });
    const productionShort = [series("canary", scenario("canary clearly worse").x), series("production", [1, 2])];
    expect(judge(productionShort).inconclusive).toEqual({ kind: "too_few_samples", count: 2, required: 20, side: "production" });
  });

  it("nothing on either side is no data; a side gone quiet past its staleness is stale, not compared on old samples", () => {
    expect(judge([]).inconclusive).toEqual({ kind: "no_data" });
    const quietCanary = [series("canary", scenario("canary clearly worse").x, now, 2 * MIN), series("production", scenario("canary clearly worse").y)];
    expect(judge(quietCanary)).toMatchObject({ outcome: "inconclusive", inconclusive: { kind: "stale" } });
    // One second inside the default 120 s: still judged.
    const almost = [series("canary", scenario("canary clearly worse").x, now, 119 * SEC), series("production", scenario("canary clearly worse").y)];
    expect(judge(almost).outcome).toBe("breaching");
  });

  it("samples outside (now − window, now] are not compared", () => {
    const old = [series("canary", scenario("canary clearly worse").x, now - 5 * MIN), series("production", scenario("canary clearly worse").y)];
    expect(judge(old).compare).toMatchObject({ canaryCount: 0 });
  });

  it("once all traffic is on the new version there is nothing to compare", () => {
    expect(judge(both("canary clearly worse"), { verifiedStage: "production" })).toMatchObject({ outcome: "inconclusive", inconclusive: { kind: "no_canary" } });
  });
});

describe("evaluateComparison: the rule's status, as any rule's", () => {
  const step = (s: readonly TStageSeries[], previous: TRuleVerdictState | null, at: number, extra: { verifiedStage?: TMetricStage | null; isResolvedByLead?: boolean } = {}) =>
    evaluateComparison({ rule, compare: spec, series: s, verifiedStage: extra.verifiedStage ?? "canary", previous, isResolvedByLead: extra.isResolvedByLead, now: at });

  it("fail fires an immediate rule at once and is judged on the canary; pass is ok", () => {
    const fired = step(both("canary clearly worse"), null, now);
    expect(fired).toMatchObject({ stage: "canary", changed: true, state: { status: "firing", lastSampleAt: now } });
    expect(step(both("canary equal with noise"), null, now).state.status).toBe("ok");
  });

  it("a firing comparison that passes again waits for its recovery period, unless a lead decides", () => {
    const fired = step(both("canary clearly worse"), null, now).state;
    const later = now + 10 * SEC;
    const passing = step(both("canary equal with noise", later), fired, later);
    expect(passing.state).toMatchObject({ status: "firing", clearSince: later, compare: { outcome: "pass" } });
    expect(step(both("canary equal with noise", later), fired, later, { isResolvedByLead: true }).state.status).toBe("ok");
  });

  it("at 100% it rests: the status it had stays, and it stops gating", () => {
    const ok = step(both("canary equal with noise"), null, now).state;
    const resting = step([series("production", scenario("canary equal with noise").y, now + 10 * SEC)], ok, now + 10 * SEC, { verifiedStage: "production" });
    expect(resting.state).toMatchObject({ status: "ok", inconclusive: { kind: "no_canary" } });
    const judged: TJudgedRule = { label: "p95 vs production", metric: "checkout_latency", metricLabel: "Checkout latency", stage: "canary", severity: "rollback", isEnabled: true, unit: "ms", rule, state: resting.state };
    expect(isGatingNow(judged)).toBe(false);
    expect(isGatingNow({ ...judged, state: ok })).toBe(true);
    expect(inconclusiveReason(judged, now)).toBe("checkout_latency (canary vs production): nothing to compare — all traffic is on the new version");
  });

  it("says the comparison and its age wherever a rule's value is shown", () => {
    const fired = step(both("canary clearly worse"), null, now).state;
    const judged: TJudgedRule = { label: "x", metric: "checkout_latency", metricLabel: "Checkout latency", stage: "canary", severity: "rollback", isEnabled: true, unit: "ms", rule, state: fired };
    expect(liveValueText(judged, now + 4 * SEC)).toBe("canary median 8 ms vs production 1.05 ms (+666%, allowed 10%) · U=3600 p=1.8e-21 → FAIL, 0:04 ago");
    const short = step([series("canary", [1, 2, 3]), series("production", scenario("canary clearly worse").y)], null, now).state;
    expect(inconclusiveReason({ ...judged, state: short }, now)).toBe("checkout_latency (canary vs production): canary: 3 samples, needs 20 in the last 5 min");
  });
});
