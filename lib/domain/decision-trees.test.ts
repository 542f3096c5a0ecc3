import { ruleSemantics } from "./rule-semantics";
import { describe, expect, it } from "vitest";
import { applyDecisionEvent as applyTyped, DECISION_EVENTS, decisionsFingerprint, EMPTY_DECISIONS, type TWalkView } from "./decision-events";
import { fixtureEvent, type TFixtureEvent } from "./events/event-fixture";
import { checkWalkStep, decisionEffect, decisionSignals, unansweredSignals, walkTrail, type TDecisionTree } from "./decision-trees";
import { EMPTY_METRICS, type TAlertView, type TRuleView } from "./metric-events";
import type { TRunStatus } from "./run-status";
import { SEED, seedSnapshot } from "../../prisma/seed/fixtures/seed-run";

// The fixtures carry only the fields the fold reads.
const applyDecisionEvent = <T extends Parameters<typeof applyTyped>[0]>(s: T, e: TFixtureEvent) => applyTyped(s, fixtureEvent(e));

const tree = (key: string): TDecisionTree => SEED.playbook.decisionTrees.find((t) => t.key === key)!;
const canary = tree("canary_red");
const open = { status: "open" as const, path: [] as string[] };

describe("walking a tree", () => {
  it("walks the canary-red tree to ROLLBACK: a question, its answer, then the action that ends the path", () => {
    const first = checkWalkStep(canary, open, { kind: "choose", nodeId: "widespread" });
    expect(first).toMatchObject({ ok: true, path: ["widespread"], status: "open", action: null });
    expect(first.ok && first.node.label).toBe("Widespread");
    const second = checkWalkStep(canary, { status: "open", path: ["widespread"] }, { kind: "choose", nodeId: "rollback-immediately" });
    expect(second).toMatchObject({ ok: true, path: ["widespread", "rollback-immediately"], status: "decided", action: "rollback" });
    expect(walkTrail(canary, ["widespread", "rollback-immediately"])!.map((n) => n.label)).toEqual(["Where are the errors?", "Widespread", "ROLLBACK immediately"]);
  });

  it("ends at once on a root answer that is an action (staging tests fail → fix and re-test)", () => {
    expect(checkWalkStep(tree("staging_tests_fail"), open, { kind: "choose", nodeId: "fix-and-retest" })).toMatchObject({ ok: true, status: "decided", action: "fix_and_retest" });
  });

  it("refuses an answer that is not a child of the current question, even one deeper in the tree", () => {
    expect(checkWalkStep(canary, open, { kind: "choose", nodeId: "rollback-immediately" })).toMatchObject({ ok: false, reason: expect.stringContaining("not an answer to “Where are the errors?”") });
    expect(checkWalkStep(canary, open, { kind: "choose", nodeId: "nope" }).ok).toBe(false);
  });

  it("goes back one choice, reopening a decided walk; nothing to go back from at the first question", () => {
    const back = checkWalkStep(canary, { status: "decided", path: ["widespread", "rollback-immediately"] }, { kind: "back" });
    expect(back).toMatchObject({ ok: true, path: ["widespread"], status: "open", action: null });
    expect(back.ok && back.node.label).toBe("Widespread");
    expect(checkWalkStep(canary, open, { kind: "back" })).toMatchObject({ ok: false, reason: expect.stringContaining("first question") });
  });

  it("refuses choosing past a decision, and any step on a finished walk", () => {
    expect(checkWalkStep(canary, { status: "decided", path: ["widespread", "rollback-immediately"] }, { kind: "choose", nodeId: "x" })).toMatchObject({ ok: false, reason: expect.stringContaining("Go back first") });
    for (const status of ["applied", "abandoned"] as const) expect(checkWalkStep(canary, { status, path: [] }, { kind: "back" }).ok).toBe(false);
    expect(walkTrail(canary, ["widespread", "isolated-to-canary"])).toBeNull();
  });
});

describe("what a final action does", () => {
  const cases: [Parameters<typeof decisionEffect>[0], TRunStatus, string][] = [
    ["rollback", "production", "status:rolled_back"],
    ["rollback", "monitoring", "status:rolled_back"],
    ["rollback", "staging", "status:rescheduled"],
    ["rollback", "rescheduled", "record"],
    ["reschedule", "smoke_tests", "status:rescheduled"],
    ["reschedule", "production", "status:rolled_back"],
    ["stop", "staging", "record"],
    ["resume", "production", "record"],
    ["restore", "production", "record"],
    ["rollback", "completed", "record"],
    ["rollback", "rolled_back", "record"],
    [null, "production", "record"],
  ];
  it.each(cases)("%s in %s → %s", (action, status, expected) => {
    const effect = decisionEffect(action, status);
    expect(effect.kind === "status" ? `status:${effect.to}` : "record").toBe(expected);
    expect(effect.preview).toBeTruthy();
    expect(effect.outcome).toBeTruthy();
  });

  it("says in the past tense what it did", () => {
    expect(decisionEffect("rollback", "production")).toMatchObject({ preview: "Moves the run to Rolled back", outcome: "Moved the run to Rolled back" });
  });
});

const T = "2025-11-03T14:00:00.000Z";

const rule: TRuleView = {
  id: "r1", position: 0, source: { kind: "push" }, consecutiveErrorLimit: 4, label: "Error rate > 5% sustained (5 minutes)", metric: "error_rate", severity: "rollback", comparator: ">", threshold: 5, unit: "%",
  window: { kind: "sustained", minutes: 5 }, stage: null, isEnabled: true, version: 0, state: "firing", since: T, value: 7.4, valueStage: "canary",
  semantics: ruleSemantics({ kind: "sustained", minutes: 5 }, {}), compare: null, verdict: null,
};
const alert: TAlertView = {
  id: "a1", source: "rule", ruleId: "r1", label: rule.label, metric: "error_rate", stage: "canary", value: 7.4, unit: "%", note: null, raisedAt: T, raisedByName: "Monitoring",
  acknowledgedAt: null, acknowledgedByName: null, decision: null, decisionReason: null, decidedAt: null, decidedByName: null,
};

describe("signals", () => {
  const trees = SEED.playbook.decisionTrees;

  it("offers the staging tree for a failed staging or smoke-test item, with the item and note as evidence", () => {
    const base = seedSnapshot({ status: "smoke_tests" });
    const phases = base.phases.map((p) =>
      p.key !== "smoke_testing" ? p : { ...p, sections: p.sections.map((s, i) => (i !== 0 ? s : { ...s, items: s.items.map((it) => ({ ...it, state: "failed" as const, note: "timeout on /api/upload", changedByName: "Quinn", changedAt: T })) })) },
    );
    const signals = decisionSignals({ ...base, phases }, trees);
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({ signal: "staging_item_failed", treeKey: "staging_tests_fail", at: T });
    expect(signals[0].evidence[0]).toContain("failed — timeout on /api/upload (Quinn)");
  });

  it("offers the build tree, not the staging one, when the failed item is the build", () => {
    const base = seedSnapshot({ status: "staging" });
    const phases = base.phases.map((p) => ({
      ...p,
      sections: p.sections.map((s) => ({ ...s, items: s.items.map((it) => (it.text === "Build completes without errors" ? { ...it, state: "failed" as const, note: "tsc: 3 errors", changedAt: T } : it)) })),
    }));
    expect(decisionSignals({ ...base, phases }, trees).map((s) => s.treeKey)).toEqual(["build_fails"]);
  });

  it("offers canary-red while a rollback rule fires at the canary step, and rollout-errors past it", () => {
    const metrics = { ...EMPTY_METRICS, rules: [rule], alerts: [alert] };
    const atCanary = decisionSignals(seedSnapshot({ status: "production", rolloutPercent: 10, metrics }), trees);
    expect(atCanary).toMatchObject([{ signal: "canary_rollback_rule", treeKey: "canary_red", at: T }]);
    expect(atCanary[0].evidence[0]).toBe("Rollback rule firing: Error rate > 5% sustained (5 minutes) (7.4% on canary) at 10% rollout");
    expect(decisionSignals(seedSnapshot({ status: "production", rolloutPercent: 50, metrics }), trees)[0].treeKey).toBe("rollout_errors");
  });

  it("stays quiet when nothing fires: a resolved rule, a decided alert, a failed item after production", () => {
    const resolved = { ...EMPTY_METRICS, rules: [{ ...rule, state: "ok" as const }], alerts: [alert] };
    expect(decisionSignals(seedSnapshot({ status: "production", rolloutPercent: 10, metrics: resolved }), trees)).toEqual([]);
    const decided = { ...EMPTY_METRICS, rules: [rule], alerts: [{ ...alert, decision: "continue" as const }] };
    expect(decisionSignals(seedSnapshot({ status: "production", rolloutPercent: 10, metrics: decided }), trees)).toEqual([]);
    expect(decisionSignals(seedSnapshot({ status: "staging" }), trees)).toEqual([]);
  });

  it("counts a signal answered by a walk in progress, or one started since it", () => {
    const signal = { signal: "canary_rollback_rule", treeKey: "canary_red", treeTitle: "Canary Metrics Red", evidence: [], at: T };
    const later = new Date(Date.parse(T) + 1000).toISOString();
    const earlier = new Date(Date.parse(T) - 1000).toISOString();
    expect(unansweredSignals([signal], [])).toHaveLength(1);
    expect(unansweredSignals([signal], [{ treeKey: "canary_red", startedAt: earlier, status: "applied" }])).toHaveLength(1);
    expect(unansweredSignals([signal], [{ treeKey: "canary_red", startedAt: earlier, status: "open" }])).toHaveLength(0);
    expect(unansweredSignals([signal], [{ treeKey: "canary_red", startedAt: later, status: "abandoned" }])).toHaveLength(0);
    expect(unansweredSignals([signal], [{ treeKey: "rollout_errors", startedAt: later, status: "open" }])).toHaveLength(1);
  });
});

describe("walk events", () => {
  const walk: TWalkView = {
    id: "w1", treeKey: "canary_red", treeTitle: "Canary Metrics Red", signal: "canary_rollback_rule", evidence: ["x"], path: [], status: "open", action: null, outcome: null,
    startedByName: "Dee", startedAt: T, endedByName: null, endedAt: null, version: 0,
  };

  it("folds start, steps and apply into the walk, and the fingerprint follows", () => {
    let s = { decisions: EMPTY_DECISIONS };
    s = applyDecisionEvent(s, { type: DECISION_EVENTS.started, payload: { walk } });
    const fp = decisionsFingerprint(s);
    s = applyDecisionEvent(s, { type: DECISION_EVENTS.stepped, payload: { walkId: "w1", path: ["widespread", "rollback-immediately"], status: "decided", action: "rollback", version: 2 } });
    expect(decisionsFingerprint(s)).not.toBe(fp);
    s = applyDecisionEvent(s, { type: DECISION_EVENTS.applied, payload: { walkId: "w1", outcome: "Moved the run to Rolled back", endedByName: "Dee", endedAt: T, version: 3 } });
    expect(s.decisions.walks[0]).toMatchObject({ status: "applied", action: "rollback", outcome: "Moved the run to Rolled back", version: 3 });
    const same = applyDecisionEvent(s, { type: "item.changed", payload: {} });
    expect(same).toBe(s);
  });
});
