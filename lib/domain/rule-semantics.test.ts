import { describe, expect, it } from "vitest";
import { EMPTY_METRICS, type TRuleView } from "./metric-events";
import type { TSample } from "./metric-rules";
import { ruleSemantics, verdictRuleOf, verifiedStage } from "./rule-semantics";
import { catchUpTimes, evaluateAcrossStages, replayStart } from "./rule-stages";
import { initialVerdictState } from "./rule-verdict";
import { statusLight } from "./status-light";

const T0 = Date.UTC(2026, 10, 27, 14, 0, 0);
const SEC = 1000;
const MIN = 60 * SEC;
const every10s = (from: number, to: number, value: number): TSample[] => {
  const out: TSample[] = [];
  for (let at = from; at <= to; at += 10 * SEC) out.push({ at, value });
  return out;
};

describe("ruleSemantics: what a stored rule means", () => {
  it("a template's legacy window keeps the runbook's meaning", () => {
    expect(ruleSemantics({ kind: "sustained", minutes: 5 }, {})).toEqual({
      aggregation: "mean",
      windowMinutes: 1,
      mode: { kind: "sustained", minutes: 5 },
      denominatorMetric: null,
      intervalSeconds: 10,
      minSamples: 1,
      onNoData: "hold",
      recoveryMinutes: 5,
      staleAfterSeconds: 120,
    });
    expect(ruleSemantics({ kind: "sum", minutes: 5 }, {})).toMatchObject({ aggregation: "sum", windowMinutes: 5, mode: { kind: "immediate" }, recoveryMinutes: 5 });
  });

  it("explicit fields win, recovery follows the explicit window, and a denominator only counts for ratio", () => {
    const s = ruleSemantics({ kind: "immediate" }, { aggregation: "p95", windowMinutes: 3, mode: { kind: "k_of_n", k: 3, n: 5 }, denominatorMetric: "requests" });
    expect(s).toMatchObject({ aggregation: "p95", windowMinutes: 3, mode: { kind: "k_of_n", k: 3, n: 5 }, denominatorMetric: null, recoveryMinutes: 3 });
    expect(ruleSemantics({ kind: "immediate" }, { aggregation: "ratio", denominatorMetric: "requests" }).denominatorMetric).toBe("requests");
    expect(verdictRuleOf({ comparator: ">", threshold: 5, unit: "%", semantics: s })).not.toHaveProperty("denominatorMetric");
  });

  it("the stage that verifies the rollout: canary while part of the traffic moved, production at 100%", () => {
    expect(verifiedStage({ status: "production", rolloutPercent: 0 })).toBeNull();
    expect(verifiedStage({ status: "production", rolloutPercent: 10 })).toBe("canary");
    expect(verifiedStage({ status: "production", rolloutPercent: 100 })).toBe("production");
    expect(verifiedStage({ status: "validation", rolloutPercent: 100 })).toBeNull();
  });
});

describe("evaluateAcrossStages: a rule for every stage", () => {
  const rule = verdictRuleOf({ comparator: ">", threshold: 1, unit: "%", semantics: ruleSemantics({ kind: "immediate" }, {}) });
  const now = T0 + 5 * MIN;
  const healthy = { stage: "production" as const, samples: every10s(T0, now, 0.2) };

  it("a dead canary feed beside a healthy production feed is inconclusive, not ok", () => {
    const step = evaluateAcrossStages({ rule, stage: null, series: [healthy], verifiedStage: "canary", previous: null, now });
    expect(step).toMatchObject({ stage: "canary", outcome: "inconclusive" });
  });

  it("the worst stage counts: a breaching canary beats a healthy production; samples without a stage speak for it", () => {
    const canary = { stage: "canary" as const, samples: every10s(T0, now, 4) };
    expect(evaluateAcrossStages({ rule, stage: null, series: [healthy, canary], verifiedStage: "canary", previous: null, now })).toMatchObject({ stage: "canary", outcome: "breaching" });
    const overall = { stage: "overall" as const, samples: every10s(T0, now, 0.3) };
    expect(evaluateAcrossStages({ rule, stage: null, series: [overall], verifiedStage: "canary", previous: null, now })).toMatchObject({ stage: "overall", outcome: "ok" });
  });

  it("a stale stage from earlier (staging) does not hold a rule whose current stage is fine", () => {
    const staging = { stage: "staging" as const, samples: every10s(T0 - 60 * MIN, T0 - 30 * MIN, 0.1) };
    const canary = { stage: "canary" as const, samples: every10s(T0, now, 0.3) };
    expect(evaluateAcrossStages({ rule, stage: null, series: [staging, canary], verifiedStage: "canary", previous: null, now })).toMatchObject({ outcome: "ok" });
  });
});

describe("statusLight with verdicts: never ON TRACK without evidence", () => {
  const view: TRuleView = {
    id: "r1", position: 0, source: { kind: "push" }, consecutiveErrorLimit: 4, label: "Error rate > 5% sustained (5 minutes)", metric: "error_rate", severity: "rollback", comparator: ">", threshold: 5, unit: "%",
    window: { kind: "sustained", minutes: 5 }, stage: null, semantics: ruleSemantics({ kind: "sustained", minutes: 5 }, {}), compare: null, isEnabled: true, version: 0,
    state: "inconclusive", since: null, value: null, valueStage: null, verdict: initialVerdictState(T0),
  };
  const run = (rolloutPercent: number, rules: TRuleView[]) => ({ status: "production" as const, phases: [], rolloutPercent, metrics: { ...EMPTY_METRICS, rules } });

  it("at canary with a silent feed: UNVERIFIED with the reason and its age", () => {
    expect(statusLight(run(10, [view]), new Date(T0 + 3 * MIN + 12 * SEC))).toEqual({
      state: "attention",
      word: "UNVERIFIED",
      reason: "error_rate: no sample for 3:12 — is the monitoring feed running?",
    });
  });

  it("at canary with no rule at all: UNVERIFIED; before the rollout the verdicts have no say", () => {
    expect(statusLight(run(50, []), new Date(T0))).toMatchObject({ word: "UNVERIFIED", reason: "No metric rule verifies this stage" });
    expect(statusLight(run(0, [view]), new Date(T0)).state).toBe("on_track");
  });

  it("ON TRACK once the rule judged fresh data ok", () => {
    const ok = { ...view, state: "ok" as const, verdict: { ...initialVerdictState(T0), status: "ok" as const, inconclusive: null, lastSampleAt: T0, live: { value: 0.2, sampleCount: 6, at: T0 } } };
    expect(statusLight(run(10, [ok]), new Date(T0 + 5 * SEC))).toMatchObject({ state: "on_track" });
  });
});

describe("catchUpTimes: evaluations a rule missed", () => {
  const base = { intervalMs: 10 * SEC, lookbackMs: 5 * MIN, now: T0 };

  it("judged for the first time: from its oldest sample within the lookback; without samples, none", () => {
    expect(catchUpTimes({ ...base, previous: null, oldestSampleAt: T0 - 30 * SEC })).toEqual([T0 - 30 * SEC, T0 - 20 * SEC, T0 - 10 * SEC]);
    expect(catchUpTimes({ ...base, previous: null, oldestSampleAt: T0 - 60 * MIN })).toHaveLength(30);
    expect(catchUpTimes({ ...base, previous: null, oldestSampleAt: null })).toEqual([]);
  });

  it("after a gap: from one interval after its last evaluation; on time, none", () => {
    const previous = { ...initialVerdictState(T0 - 2 * MIN), lastEvaluatedAt: T0 - 30 * SEC };
    expect(catchUpTimes({ ...base, previous, oldestSampleAt: null })).toEqual([T0 - 20 * SEC, T0 - 10 * SEC]);
    expect(catchUpTimes({ ...base, previous: { ...previous, lastEvaluatedAt: T0 - 10 * SEC }, oldestSampleAt: null })).toEqual([]);
  });
});

describe("replayStart: where a rule's replay begins", () => {
  const evaluated = (status: "ok" | "pending" | "firing" | "inconclusive") => ({ ...initialVerdictState(T0 - 5 * MIN), status, lastEvaluatedAt: T0 });

  it("a back-fill re-judges a rule that had no verdict from its samples", () => {
    expect(replayStart(evaluated("inconclusive"), T0 - 6 * MIN)).toBeNull();
  });

  it("a rule with a verdict keeps it; samples newer than its last evaluation are no back-fill", () => {
    for (const status of ["ok", "pending", "firing"] as const) expect(replayStart(evaluated(status), T0 - 6 * MIN)).toEqual(evaluated(status));
    expect(replayStart(evaluated("inconclusive"), T0 + 5 * SEC)).toEqual(evaluated("inconclusive"));
    expect(replayStart(evaluated("inconclusive"), null)).toEqual(evaluated("inconclusive"));
    expect(replayStart(null, T0 - 6 * MIN)).toBeNull();
  });
});
