import { describe, expect, it } from "vitest";
import { evidenceNote, linkStatus, ruleVerdict, type TLinkContext } from "./item-links";
import type { TRuleView } from "./metric-events";
import { ruleSemantics } from "./rule-semantics";

const NOW = new Date("2026-12-05T10:30:00Z");
const STEPS = [
  { percent: 10, label: "Canary", greenMinutes: 5, checkpoint: "Canary metrics green (5 minutes)" },
  { percent: 50, label: "Progressive 50%", greenMinutes: 2, checkpoint: "50% metrics green (2 minutes)" },
];

function rule(over: Partial<TRuleView>): TRuleView {
  return {
    id: "r1",
    position: 0,
    source: { kind: "push" },
    consecutiveErrorLimit: 4,
    label: "Error rate > 5% sustained (5 minutes)",
    metric: "error_rate",
    severity: "rollback",
    comparator: ">",
    threshold: 5,
    unit: "%",
    window: { kind: "sustained", minutes: 5 },
    stage: null,
    isEnabled: true,
    version: 0,
    state: "ok",
    since: "2026-12-05T10:20:00Z",
    value: 0.04,
    valueStage: "canary",
    semantics: ruleSemantics({ kind: "sustained", minutes: 5 }, {}),
    compare: null,
    verdict: null,
    ...over,
  };
}

const success = (over: Partial<TRuleView>) =>
  rule({ id: "s1", label: "Error rate < 0.1%", severity: "success", comparator: "<", threshold: 0.1, window: { kind: "immediate" }, ...over });

const ctx = (over: Partial<TLinkContext>): TLinkContext => ({
  rules: [rule({})],
  rolloutPercent: 10,
  checkpointStartedAt: "2026-12-05T10:25:00Z",
  rolloutSteps: STEPS,
  now: NOW,
  ...over,
});

describe("ruleVerdict (the adapter over today's and the verdict engine's states)", () => {
  it("reads a gating rule: ok with a value passes, no value or no data or inconclusive is inconclusive", () => {
    expect(ruleVerdict({ severity: "rollback", state: "ok", value: 0.04 })).toBe("passed");
    expect(ruleVerdict({ severity: "rollback", state: "resolved", value: 0.04 })).toBe("passed");
    expect(ruleVerdict({ severity: "rollback", state: "ok", value: null })).toBe("inconclusive");
    expect(ruleVerdict({ severity: "rollback", state: "inconclusive", value: null })).toBe("inconclusive");
    expect(ruleVerdict({ severity: "rollback", state: "inconclusive", value: 0.04 })).toBe("inconclusive");
    expect(ruleVerdict({ severity: "escalate", state: "pending", value: 2 })).toBe("breaching");
    expect(ruleVerdict({ severity: "rollback", state: "firing", value: 8 })).toBe("breaching");
  });
  it("reads a success criterion: met while firing, not met while ok", () => {
    expect(ruleVerdict({ severity: "success", state: "firing", value: 0.04 })).toBe("passed");
    expect(ruleVerdict({ severity: "success", state: "ok", value: 0.3 })).toBe("breaching");
    expect(ruleVerdict({ severity: "success", state: "pending", value: 0.04 })).toBe("inconclusive");
    expect(ruleVerdict({ severity: "success", state: "firing", value: null })).toBe("inconclusive");
  });
});

describe("linkStatus: rule links", () => {
  const link = { kind: "rule", rule: "Error rate < 0.1%" } as const;
  it("passes with the rule's value, keyed by the rule's pass", () => {
    const status = linkStatus(link, ctx({ rules: [success({ state: "firing" })] }));
    expect(status).toMatchObject({ verdict: "passed", passKey: "s1@2026-12-05T10:20:00Z", reason: "“Error rate < 0.1%” is met (0.04% on canary)" });
    if (status.verdict === "passed") expect(status.evidence[0]).toMatchObject({ metric: "error_rate", from: NOW.getTime() - 2 * 60_000 });
  });
  it("finds the rule under a rehearsal's time-scaled label", () => {
    const scaled = success({ state: "firing", label: "Error rate < 0.1% [time ×30: 10 s]" });
    expect(linkStatus(link, ctx({ rules: [scaled] })).verdict).toBe("passed");
  });
  it("says why when not met, without data, disabled or missing", () => {
    expect(linkStatus(link, ctx({ rules: [success({ state: "ok", value: 0.3 })] }))).toEqual({ verdict: "breaching", reason: "“Error rate < 0.1%” is not met (0.3% on canary)" });
    expect(linkStatus(link, ctx({ rules: [success({ state: "inconclusive", value: null, valueStage: null })] })).reason).toBe("“Error rate < 0.1%” has no data — is the monitoring feed running?");
    expect(linkStatus(link, ctx({ rules: [success({ state: "firing", isEnabled: false })] })).verdict).toBe("inconclusive");
    expect(linkStatus(link, ctx({ rules: [] })).reason).toBe("no rule “Error rate < 0.1%” in this run — nothing verifies it");
  });
});

describe("linkStatus: checkpoint links", () => {
  const link = { kind: "checkpoint", percent: 10 } as const;
  it("passes exactly when the countdown has elapsed with every gating rule green", () => {
    expect(linkStatus(link, ctx({ now: new Date("2026-12-05T10:29:59Z") }))).toEqual({ verdict: "inconclusive", reason: "“Canary metrics green (5 minutes)”: 0:01 left" });
    const status = linkStatus(link, ctx({}));
    expect(status).toMatchObject({ verdict: "passed", passKey: "10%@2026-12-05T10:25:00Z" });
    if (status.verdict === "passed") expect(status.evidence).toEqual([{ metric: "error_rate", unit: "%", value: 0.04, stage: "canary", from: Date.parse("2026-12-05T10:25:00Z") }]);
  });
  it("a zero-sample canary never passes, even with the countdown elapsed", () => {
    const status = linkStatus(link, ctx({ rules: [rule({ state: "inconclusive", value: null, valueStage: null })] }));
    expect(status.verdict).toBe("inconclusive");
  });
  it("is breaching while a gating rule breaches, and ignores success criteria", () => {
    expect(linkStatus(link, ctx({ rules: [rule({ state: "pending", value: 6 }), success({ state: "ok" })] }))).toEqual({
      verdict: "breaching",
      reason: "held: “Error rate > 5% sustained (5 minutes)” is pending (6% on canary)",
    });
    expect(linkStatus(link, ctx({ rules: [success({ state: "firing" })] })).reason).toBe("no metric rule gates this checkpoint — nothing verifies it");
  });
  it("before the step, after it and while held", () => {
    expect(linkStatus(link, ctx({ rolloutPercent: 0 })).reason).toBe("the rollout has not reached Canary (10%) yet");
    expect(linkStatus(link, ctx({ rolloutPercent: 50 })).verdict).toBe("inconclusive");
    expect(linkStatus(link, ctx({ checkpointStartedAt: null })).reason).toBe("the “Canary metrics green (5 minutes)” countdown is held");
    expect(linkStatus({ kind: "checkpoint", percent: 25 }, ctx({})).reason).toBe("this rollout has no 25% step");
  });
});

describe("evidenceNote", () => {
  const part = { metric: "error_rate", unit: "%", value: 0.04, stage: "canary" as const, from: NOW.getTime() - 5 * 60_000 };
  it("names value, stage, samples and window", () => {
    expect(evidenceNote([part], [312], NOW)).toEqual({ ok: true, note: "error_rate 0.04% on canary, 312 samples over 5 min" });
    expect(evidenceNote([part, { ...part, metric: "response_time_avg", unit: "ms", value: 120 }], [312, 1], NOW)).toEqual({
      ok: true,
      note: "on canary over 5 min: error_rate 0.04% (312 samples), response_time_avg 120 ms (1 sample)",
    });
    expect(evidenceNote([part, { ...part, stage: "production", value: 0.02 }], [312, 300], NOW)).toEqual({
      ok: true,
      note: "error_rate 0.04% on canary, 312 samples over 5 min; error_rate 0.02% on production, 300 samples over 5 min",
    });
  });
  it("refuses a pass with an empty window (at the edge: zero samples)", () => {
    expect(evidenceNote([part], [0], NOW)).toEqual({ ok: false, reason: "no error_rate sample on canary in the window" });
    expect(evidenceNote([], [], NOW).ok).toBe(false);
  });
});
