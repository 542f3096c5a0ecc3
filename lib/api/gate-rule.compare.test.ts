import { describe, expect, it } from "vitest";
import type { TGoNoGoState, TPollRound } from "../domain/go-no-go";
import { initialVerdictState } from "../domain/rule-verdict";
import { decideGate } from "./gate-rule";

const round = { id: "p", round: 1, questions: ["Ready?"], positions: ["deployment_lead"], status: "closed", openedSeq: 5, openedByName: "Lee", openedAt: "", closedByName: "Lee", closedAt: "", outcome: "proceed", override: null, votes: [], decision: null } as unknown as TPollRound;
const goNoGo: TGoNoGoState = { enteredSeq: 5, rounds: [round], templateQuestions: [] };
const ok = { label: "Error rate", state: "ok" as const, isEnabled: true };
const resting = (state: "inconclusive" | "firing") => ({ label: "p95 vs production", state, isEnabled: true, verdict: { ...initialVerdictState(0), inconclusive: { kind: "no_canary" as const } } });

describe("decideGate with a compare rule once all traffic is on the new version", () => {
  it("leaves a resting comparison out (nothing left to compare), unless it is still firing", () => {
    expect(decideGate({ goNoGo, rules: [ok, resting("inconclusive")], alerts: [] }).decision).toBe("go");
    expect(decideGate({ goNoGo, rules: [ok, { ...resting("inconclusive"), verdict: initialVerdictState(0) }], alerts: [] }).decision).toBe("hold");
    expect(decideGate({ goNoGo, rules: [ok, resting("firing")], alerts: [] }).decision).toBe("no_go");
  });
});
