import { describe, expect, it } from "vitest";
import type { TGoNoGoState, TPollRound } from "../domain/go-no-go";
import type { TAlertView, TRuleView } from "../domain/metric-events";
import { ruleSemantics } from "../domain/rule-semantics";
import { initialVerdictState } from "../domain/rule-verdict";
import { decideGate, type TGateInput } from "./gate-rule";

const T0 = Date.UTC(2026, 11, 5, 14, 0, 0);
const MIN = 60_000;
const STEPS = [
  { percent: 10, label: "Canary", greenMinutes: 5, checkpoint: "Canary metrics green (5 minutes)" },
  { percent: 50, label: "Progressive 50%", greenMinutes: 2, checkpoint: "50% metrics green (2 minutes)" },
  { percent: 100, label: "Full rollout", greenMinutes: 5, checkpoint: "Full metrics green (5 minutes)" },
];

const round = (over: Partial<TPollRound>): TPollRound =>
  ({ id: "p", round: 1, questions: ["Ready?"], positions: ["deployment_lead"], status: "closed", openedSeq: 5, openedByName: "Lee", openedAt: "", closedByName: "Lee", closedAt: "", outcome: "proceed", override: null, votes: [], decision: null, ...over }) as TPollRound;
const poll = (...rounds: TPollRound[]): TGoNoGoState => ({ enteredSeq: 5, rounds, templateQuestions: [] });

/** A gating rule as the evaluator left it: ok on fresh data unless told otherwise. */
function rule(over: Partial<Omit<TRuleView, "compare">> & { status?: "ok" | "pending" | "firing" | "inconclusive" } = {}): TRuleView {
  const { status = "ok", ...rest } = over;
  const base = initialVerdictState(T0 - 10 * MIN);
  const verdict =
    status === "inconclusive"
      ? base
      : { ...base, status, since: T0 - MIN, inconclusive: null, lastSampleAt: T0 - 5_000, breachSince: status === "ok" ? null : T0 - MIN, live: { value: status === "ok" ? 0.2 : 7, sampleCount: 6, at: T0 - 5_000 } };
  return {
    id: "r1", position: 0, label: "Error rate > 5% sustained (5 minutes)", metric: "error_rate", severity: "rollback", comparator: ">", threshold: 5, unit: "%",
    window: { kind: "sustained", minutes: 5 }, stage: null, semantics: ruleSemantics({ kind: "sustained", minutes: 5 }, {}), source: { kind: "push" }, consecutiveErrorLimit: 4, isEnabled: true, version: 0,
    state: status, since: null, value: null, valueStage: "canary", verdict, compare: null, ...rest,
  };
}

const alert = (decision: TAlertView["decision"]): TAlertView =>
  ({ id: "a", source: "rule", ruleId: "r1", label: "Error rate > 5% sustained (5 minutes)", metric: "error_rate", stage: "canary", value: 7, unit: "%", note: null, raisedAt: "", raisedByName: "Warroom", acknowledgedAt: null, acknowledgedByName: null, decision, decisionReason: null, decidedAt: null, decidedByName: null });

function gate(over: Partial<TGateInput> & { rules?: TRuleView[]; alerts?: TAlertView[] } = {}) {
  const { rules = [rule()], alerts = [], ...rest } = over;
  return decideGate({
    now: T0, status: "production", rolloutPercent: 10, checkpointStartedAt: null, rolloutSteps: STEPS, goNoGo: poll(round({})),
    metrics: { rules, customMetrics: [], alerts }, guards: [], ...rest,
  });
}

describe("decideGate", () => {
  it("says go only when the poll said PROCEED (or was overridden) and every gating rule is ok with fresh data", () => {
    expect(gate()).toMatchObject({ decision: "go", reasons: [{ source: "poll", decision: "go" }, { source: "metrics", message: "All 1 gating rules are ok with fresh data." }] });
    const overridden = round({ outcome: "reschedule", override: { reason: "Known flake", byName: "Ada", at: "" } });
    expect(gate({ goNoGo: poll(overridden) }).decision).toBe("go");
  });

  it("waits without a poll, with an open one, or with only an earlier visit's poll", () => {
    expect(gate({ goNoGo: poll() })).toMatchObject({ decision: "wait", reasons: [{ source: "poll", decision: "wait", message: "No go/no-go poll has been held yet." }, { decision: "go" }] });
    expect(gate({ goNoGo: poll(round({ status: "open", outcome: null })) }).decision).toBe("wait");
    expect(gate({ goNoGo: poll(round({ openedSeq: 4 })) }).decision).toBe("wait");
  });

  it("never says go on inconclusive metrics: no data, pending, no gating rule, or only a success criterion", () => {
    const silent = gate({ rules: [rule(), rule({ id: "r2", metric: "response_time_p95", status: "inconclusive" })] });
    expect(silent.decision).toBe("wait");
    expect(silent.reasons).toEqual([
      { source: "metrics", decision: "wait", message: "response_time_p95 (canary): no sample for 10:00 — is the monitoring feed running?" },
      { source: "poll", decision: "go", message: "The go/no-go poll (round 1) said PROCEED." },
    ]);
    expect(gate({ rules: [rule({ status: "pending" })] }).decision).toBe("wait");
    expect(gate({ rules: [] }).reasons[0].message).toBe("No enabled metric rule gates: nothing verifies the metrics.");
    expect(gate({ rules: [rule({ isEnabled: false })] }).decision).toBe("wait");
    expect(gate({ rules: [rule({ severity: "success" })] }).decision).toBe("wait");
    // A disabled rule's state does not count.
    expect(gate({ rules: [rule(), rule({ id: "r2", isEnabled: false, status: "firing" })] }).decision).toBe("go");
  });

  it("is no_go on a firing rule or a RESCHEDULE; rollback on a recommended or decided rollback, listed first", () => {
    const firing = gate({ rules: [rule(), rule({ id: "r2", severity: "escalate", label: "Error rate > 1%", status: "firing" })] });
    expect(firing.decision).toBe("no_go");
    expect(firing.reasons[0].message).toMatch(/^“Error rate > 1%” is firing: 7%/);
    expect(gate({ goNoGo: poll(round({ outcome: "reschedule" })) }).decision).toBe("no_go");
    const recommended = gate({ alerts: [alert(null)] });
    expect(recommended.decision).toBe("rollback");
    expect(recommended.reasons[0]).toEqual({ source: "rollback", decision: "rollback", message: "A rollback is recommended: Error rate > 5% sustained (5 minutes)." });
    expect(gate({ alerts: [alert("rollback")], goNoGo: poll() }).reasons[0].message).toBe("A rollback was decided: Error rate > 5% sustained (5 minutes).");
    expect(gate({ alerts: [alert("continue")] }).decision).toBe("go");
    expect(gate({ status: "rolled_back", statusReason: "p95 doubled" }).reasons[0]).toEqual({ source: "run", decision: "rollback", message: "The run was rolled back: p95 doubled" });
    expect(gate({ status: "aborted" }).decision).toBe("no_go");
  });

  it("judges only the rules of the stage asked about (and those of every stage)", () => {
    const rules = [rule({ stage: "canary" }), rule({ id: "p", stage: "production", status: "inconclusive", metric: "cpu" })];
    expect(gate({ rules, stage: "canary" }).decision).toBe("go");
    const production = gate({ rules, stage: "production" });
    expect(production.decision).toBe("wait");
    expect(production.reasons[0].message).toBe("cpu (production): no sample for 10:00 — is the monitoring feed running?");
    expect(gate({ rules: [rule({ stage: "canary" })], stage: "production" }).reasons[0].message).toBe("No enabled metric rule gates for production: nothing verifies the metrics.");
  });

  it("with a step, waits until that step's checkpoint is reached", () => {
    expect(gate({ step: 50 }).reasons[0].message).toBe("The rollout is at 10%: 50% is not reached yet.");
    expect(gate({ status: "go_no_go", rolloutPercent: 0, step: 10 }).reasons[0].message).toBe("The rollout has not started (Go / No-Go): 10% is not reached yet.");
    expect(gate({ step: 10 }).reasons[0].message).toBe("Checkpoint “Canary metrics green (5 minutes)” is held until every gating rule is ok with fresh data.");
    expect(gate({ step: 10, checkpointStartedAt: new Date(T0 - 3 * MIN).toISOString() }).reasons[0].message).toBe("Checkpoint “Canary metrics green (5 minutes)” has 2:00 left.");
    // Exactly at the boundary the checkpoint is reached.
    const reached = gate({ step: 10, checkpointStartedAt: new Date(T0 - 5 * MIN).toISOString() });
    expect(reached.decision).toBe("go");
    expect(reached.reasons.at(-1)).toEqual({ source: "checkpoint", decision: "go", message: "Checkpoint “Canary metrics green (5 minutes)” reached." });
    expect(gate({ step: 10, rolloutPercent: 50 }).decision).toBe("go");
  });

  it("is no_go while a lock or freeze applies, unless a lead overrode it for this run with a reason", () => {
    const lock = { source: "lock" as const, message: "midi-api is locked by Ada Admin: incident 4411", overriddenBy: null };
    const freeze = { source: "freeze" as const, message: "Frozen (every service) until Mon 1 Dec 09:00 UTC: Black Friday", overriddenBy: null };
    const locked = gate({ guards: [lock, freeze] });
    expect(locked.decision).toBe("no_go");
    expect(locked.reasons.slice(0, 2)).toEqual([
      { source: "lock", decision: "no_go", message: "midi-api is locked by Ada Admin: incident 4411" },
      { source: "freeze", decision: "no_go", message: "Frozen (every service) until Mon 1 Dec 09:00 UTC: Black Friday" },
    ]);
    const byLee = { byName: "Lee Lead", reason: "Hotfix for the incident" };
    // Overriding the lock leaves the freeze in force; overriding both lets the run go.
    expect(gate({ guards: [{ ...lock, overriddenBy: byLee }, freeze] }).decision).toBe("no_go");
    const overridden = gate({ guards: [{ ...lock, overriddenBy: byLee }, { ...freeze, overriddenBy: byLee }] });
    expect(overridden.decision).toBe("go");
    expect(overridden.reasons[0]).toEqual({ source: "lock", decision: "go", message: "midi-api is locked by Ada Admin: incident 4411 — overridden for this run by Lee Lead: Hotfix for the incident" });
  });
});

describe("decideGate with a compare rule once all traffic is on the new version", () => {
  const noCanary = (status: "inconclusive" | "firing") => ({ ...initialVerdictState(T0 - 10 * MIN), status, inconclusive: { kind: "no_canary" as const } });

  it("leaves a resting comparison out (nothing left to compare), unless it is still firing", () => {
    const resting = rule({ id: "r2", label: "p95 vs production", status: "inconclusive", verdict: noCanary("inconclusive") });
    expect(gate({ rules: [rule(), resting] }).decision).toBe("go");
    expect(gate({ rules: [rule(), rule({ id: "r2", label: "p95 vs production", status: "inconclusive" })] }).decision).toBe("wait");
    expect(gate({ rules: [rule(), rule({ id: "r2", label: "p95 vs production", status: "firing", verdict: noCanary("firing") })] }).decision).toBe("no_go");
  });
});
