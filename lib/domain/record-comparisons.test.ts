import { describe, expect, it } from "vitest";
import type { TCompareFigures } from "./compare-rule";
import type { TRuleView } from "./metric-events";
import { comparisonResults } from "./record-comparisons";
import { initialVerdictState } from "./rule-verdict";
import { ruleSemantics } from "./rule-semantics";

const T = Date.UTC(2026, 11, 5, 14, 0, 0);
const fail: TCompareFigures = {
  outcome: "fail", direction: "increase", allowedDifferencePercent: 10, minSamplesPerSide: 10, windowMinutes: 5,
  canaryCount: 60, productionCount: 60, canaryMedian: 212, productionMedian: 180, differencePercent: 17.78, u: 2410, p: 0.003,
};
const rule = (over: Partial<TRuleView>): TRuleView => ({
  id: "c1", position: 9, label: "P95 slower on canary", metric: "response_time_p95", severity: "rollback", comparator: ">", threshold: 10, unit: "ms",
  window: { kind: "immediate" }, stage: null, semantics: ruleSemantics({ kind: "immediate" }, { windowMinutes: 5 }),
  compare: { direction: "increase", allowedDifferencePercent: 10, minSamplesPerSide: 10 }, source: { kind: "push" }, consecutiveErrorLimit: 4, isEnabled: true, version: 0,
  state: "firing", since: null, value: 212, valueStage: "canary", verdict: { ...initialVerdictState(T), status: "firing", lastEvaluatedAt: T + 60_000, compare: fail },
  ...over,
});

describe("the record's canary vs production", () => {
  it("lists compare rules only, with the latest comparison and the one behind each recorded change", () => {
    const threshold = rule({ id: "t1", compare: null, label: "Error rate > 5%" });
    const results = comparisonResults([threshold, rule({})], [
      { at: "2026-12-05T14:00:30.000Z", change: { ruleId: "c1", to: "firing", unit: "ms", verdict: { ...initialVerdictState(T), status: "firing", compare: fail } } },
      { at: "2026-12-05T14:00:30.000Z", change: { ruleId: "t1", to: "firing", unit: "%" } },
    ]);
    expect(results).toEqual([
      {
        ruleId: "c1",
        label: "P95 slower on canary",
        metric: "response_time_p95",
        severity: "rollback",
        isEnabled: true,
        status: "Firing",
        latest: "canary median 212 ms vs production 180 ms (+17.8%, allowed 10%) · U=2410 p=0.003 → FAIL",
        latestAt: "2026-12-05T14:01:00.000Z",
        changes: [{ at: "2026-12-05T14:00:30.000Z", status: "Firing", comparison: "canary median 212 ms vs production 180 ms (+17.8%, allowed 10%) · U=2410 p=0.003 → FAIL" }],
      },
    ]);
  });

  it("a rule never judged says so", () => {
    expect(comparisonResults([rule({ verdict: null, state: "inconclusive" })], [])[0]).toMatchObject({ status: "Unverified", latest: null, latestAt: null, changes: [] });
  });
});
