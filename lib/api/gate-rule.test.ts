import { describe, expect, it } from "vitest";
import type { TGoNoGoState, TPollRound } from "../domain/go-no-go";
import { decideGate } from "./gate-rule";

const round = (over: Partial<TPollRound>): TPollRound =>
  ({ id: "p", round: 1, questions: ["Ready?"], positions: ["deployment_lead"], status: "closed", openedSeq: 5, openedByName: "Lee", openedAt: "", closedByName: "Lee", closedAt: "", outcome: "proceed", override: null, votes: [], decision: null, ...over }) as TPollRound;
const poll = (...rounds: TPollRound[]): TGoNoGoState => ({ enteredSeq: 5, rounds, templateQuestions: [] });
const ok = [{ label: "Error rate", state: "ok" as const, isEnabled: true }];

describe("decideGate", () => {
  it("says go only when the poll said PROCEED and every enabled rule is ok", () => {
    expect(decideGate({ goNoGo: poll(round({})), rules: ok, alerts: [] }).decision).toBe("go");
    expect(decideGate({ goNoGo: poll(round({ outcome: "reschedule", override: { reason: "Known flake", byName: "Ada", at: "" } })), rules: ok, alerts: [] }).decision).toBe("go");
  });

  it("holds without a poll, with an open one, or with only an earlier visit's poll", () => {
    expect(decideGate({ goNoGo: poll(), rules: ok, alerts: [] })).toMatchObject({ decision: "hold", reasons: [{ source: "poll" }, { decision: "go" }] });
    expect(decideGate({ goNoGo: poll(round({ status: "open", outcome: null })), rules: ok, alerts: [] }).decision).toBe("hold");
    expect(decideGate({ goNoGo: poll(round({ openedSeq: 4 })), rules: ok, alerts: [] }).decision).toBe("hold");
  });

  it("never says go on inconclusive metrics: no data, pending, or no enabled rule hold", () => {
    for (const state of ["inconclusive", "pending"] as const) {
      expect(decideGate({ goNoGo: poll(round({})), rules: [...ok, { label: "p95", state, isEnabled: true }], alerts: [] }).decision).toBe("hold");
    }
    expect(decideGate({ goNoGo: poll(round({})), rules: [{ label: "p95", state: "ok", isEnabled: false }], alerts: [] }).decision).toBe("hold");
    // A disabled rule's state does not count.
    expect(decideGate({ goNoGo: poll(round({})), rules: [...ok, { label: "p95", state: "firing", isEnabled: false }], alerts: [] }).decision).toBe("go");
  });

  it("is no_go on a firing rule, a RESCHEDULE or a rollback, listing that reason first", () => {
    const firing = decideGate({ goNoGo: poll(), rules: [...ok, { label: "p95", state: "firing", isEnabled: true }], alerts: [] });
    expect(firing.decision).toBe("no_go");
    expect(firing.reasons[0].message).toBe("“p95” is firing.");
    expect(decideGate({ goNoGo: poll(round({ outcome: "reschedule" })), rules: ok, alerts: [] }).decision).toBe("no_go");
    expect(decideGate({ goNoGo: poll(round({})), rules: ok, alerts: [{ label: "Error rate > 5%", decision: null }] }).decision).toBe("no_go");
    expect(decideGate({ goNoGo: poll(round({})), rules: ok, alerts: [{ label: "Error rate > 5%", decision: "continue" }] }).decision).toBe("go");
  });
});
