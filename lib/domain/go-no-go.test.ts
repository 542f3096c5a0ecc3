// The go/no-go roll call as it forms: the outcome, who may vote what, closing and overriding.
import { describe, expect, it } from "vitest";
import { evaluatePoll } from "./go-no-go";
import { checkClose, checkHolder, checkOverride, checkVote, decisionOf, MIN_OVERRIDE_REASON } from "./go-no-go-rules";
import { labelOf, POSITIONS, QUESTIONS, vote, allAnswer, round, closed } from "./go-no-go-fixture";

describe("evaluatePoll: the outcome as it forms", () => {
  it("all positions GO on every question → PROCEED, nobody pending, nobody's turn", () => {
    const e = evaluatePoll(round({ votes: allAnswer("go") }));
    expect(e.outcome).toBe("proceed");
    expect(e.pendingPositions).toEqual([]);
    expect(e.turn).toBeNull();
    expect(e.answered).toBe(12);
    expect(e.total).toBe(12);
    expect(e.tally.every((t) => t.go === 4 && t.noGo === 0 && t.pending === 0)).toBe(true);
  });

  it("one NO-GO on one question → RESCHEDULE, with that reason, even though everything else is GO", () => {
    const votes = allAnswer("go").map((v) =>
      v.position === "qa" && v.questionIndex === 1 ? vote("qa", 1, "no_go", "Export smoke test flaky") : v,
    );
    const e = evaluatePoll(round({ votes }));
    expect(e.outcome).toBe("reschedule");
    expect(e.reasons).toEqual([
      { position: "qa", questionIndex: 1, question: "All smoke tests passed?", reason: "Export smoke test flaky", voterName: "QA" },
    ]);
    expect(e.tally[1]).toMatchObject({ go: 3, noGo: 1, pending: 0 });
    expect(e.positions.find((p) => p.position === "qa")).toMatchObject({ state: "answered", go: 2, noGo: 1 });
  });

  it("a NO-GO makes the forming outcome RESCHEDULE at once, while others are still pending", () => {
    const e = evaluatePoll(round({ votes: [vote("deployment_lead", 0, "no_go", "Backup not verified")] }));
    expect(e.outcome).toBe("reschedule");
    expect(e.pendingPositions).toEqual(POSITIONS);
  });

  it("nothing answered → pending, the first position's turn", () => {
    const e = evaluatePoll(round());
    expect(e.outcome).toBe("pending");
    expect(e.turn).toBe("deployment_lead");
    expect(e.positions.map((p) => p.state)).toEqual(["pending", "pending", "pending", "pending"]);
  });

  it("one question short is still pending: the turn stays with the first position in roll-call order that has a gap", () => {
    const votes = allAnswer("go").filter((v) => !(v.position === "tech_lead" && v.questionIndex === 2));
    const e = evaluatePoll(round({ votes }));
    expect(e.outcome).toBe("pending");
    expect(e.pendingPositions).toEqual(["tech_lead"]);
    expect(e.turn).toBe("tech_lead");
    expect(e.positions.find((p) => p.position === "tech_lead")).toMatchObject({ state: "partial", answered: 2, isTurn: true });
    expect(e.positions.filter((p) => p.isTurn)).toHaveLength(1);
  });

  it("answering out of turn is fine: the turn is the earliest gap, not the last voter's neighbour", () => {
    const e = evaluatePoll(round({ votes: allAnswer("go", ["qa", "devops"]) }));
    expect(e.turn).toBe("deployment_lead");
    expect(e.pendingPositions).toEqual(["deployment_lead", "tech_lead"]);
  });

  it("ignores votes from positions that are not on the roll call", () => {
    const e = evaluatePoll(round({ positions: ["qa"], votes: [...allAnswer("go", ["qa"]), vote("devops", 0, "no_go", "x")] }));
    expect(e.outcome).toBe("proceed");
  });
});

describe("checkVote", () => {
  it("accepts a first answer (seen version 0) and numbers it 1", () => {
    const r = checkVote(round(), "qa", [{ questionIndex: 0, answer: "go", seenVersion: 0 }], labelOf);
    expect(r).toEqual({ ok: true, accepted: [{ questionIndex: 0, question: QUESTIONS[0], answer: "go", reason: null, version: 1, previous: null }] });
  });

  it("records a change with what it was before", () => {
    const r = checkVote(round({ votes: [vote("qa", 0, "go")] }), "qa", [{ questionIndex: 0, answer: "no_go", reason: " Dashboards red ", seenVersion: 1 }], labelOf);
    expect(r).toMatchObject({ ok: true, accepted: [{ answer: "no_go", reason: "Dashboards red", version: 2, previous: { answer: "go", reason: null } }] });
  });

  it("refuses a stale change as a conflict naming the current answer", () => {
    const r = checkVote(round({ votes: [vote("qa", 0, "no_go", "x", 2)] }), "qa", [{ questionIndex: 0, answer: "go", seenVersion: 1 }], labelOf);
    expect(r).toMatchObject({ ok: false, code: "conflict" });
    expect(!r.ok && r.reason).toMatch(/QA’s answer to “Ready for production\?” changed a moment ago \(now NO-GO/);
  });

  it("refuses a first answer when someone answered in between (seen 0, now 1)", () => {
    const r = checkVote(round({ votes: [vote("qa", 0, "go")] }), "qa", [{ questionIndex: 0, answer: "go", seenVersion: 0 }], labelOf);
    expect(r).toMatchObject({ ok: false, code: "conflict" });
  });

  it("a NO-GO needs a reason; blank is not a reason", () => {
    for (const reason of [undefined, null, "", "   "]) {
      const r = checkVote(round(), "qa", [{ questionIndex: 2, answer: "no_go", reason, seenVersion: 0 }], labelOf);
      expect(r).toMatchObject({ ok: false, code: "invalid_input" });
      expect(!r.ok && r.reason).toContain("“Rollback plan ready?”");
    }
  });

  it("drops a reason given with GO", () => {
    const r = checkVote(round(), "qa", [{ questionIndex: 0, answer: "go", reason: "fine", seenVersion: 0 }], labelOf);
    expect(r.ok && r.accepted[0].reason).toBeNull();
  });

  it("'all GO' skips answers that are already GO and refuses when nothing would change", () => {
    const votes = [vote("qa", 0, "go")];
    const all = QUESTIONS.map((_, i) => ({ questionIndex: i, answer: "go" as const, seenVersion: i === 0 ? 1 : 0 }));
    const r = checkVote(round({ votes }), "qa", all, labelOf);
    expect(r.ok && r.accepted.map((c) => c.questionIndex)).toEqual([1, 2]);
    const again = checkVote(round({ votes: allAnswer("go", ["qa"]) }), "qa", QUESTIONS.map((_, i) => ({ questionIndex: i, answer: "go" as const, seenVersion: 1 })), labelOf);
    expect(again).toMatchObject({ ok: false, code: "invalid_input" });
  });

  it("a changed reason on a NO-GO is a change", () => {
    const r = checkVote(round({ votes: [vote("qa", 0, "no_go", "a")] }), "qa", [{ questionIndex: 0, answer: "no_go", reason: "b", seenVersion: 1 }], labelOf);
    expect(r).toMatchObject({ ok: true, accepted: [{ version: 2, previous: { answer: "no_go", reason: "a" } }] });
  });

  it("refuses questions out of range (both edges), duplicates, empty input and positions off the roll call", () => {
    const one = (questionIndex: number) => [{ questionIndex, answer: "go" as const, seenVersion: 0 }];
    expect(checkVote(round(), "qa", one(QUESTIONS.length), labelOf)).toMatchObject({ ok: false, code: "invalid_input" });
    expect(checkVote(round(), "qa", one(-1), labelOf)).toMatchObject({ ok: false, code: "invalid_input" });
    expect(checkVote(round(), "qa", one(QUESTIONS.length - 1), labelOf).ok).toBe(true);
    expect(checkVote(round(), "qa", [...one(0), ...one(0)], labelOf)).toMatchObject({ ok: false, code: "invalid_input" });
    expect(checkVote(round(), "qa", [], labelOf)).toMatchObject({ ok: false, code: "invalid_input" });
    const r = checkVote(round({ positions: ["deployment_lead"] }), "qa", one(0), labelOf);
    expect(!r.ok && r.reason).toBe("QA is not on this roll call.");
  });

  it("refuses any vote once the round is closed", () => {
    expect(checkVote(closed("proceed"), "qa", [{ questionIndex: 0, answer: "go", seenVersion: 1 }], labelOf)).toMatchObject({ ok: false, code: "conflict" });
  });
});

describe("checkHolder", () => {
  it("lets only the holder vote for their position", () => {
    expect(checkHolder("u-qa", "u-qa", "qa", labelOf)).toEqual({ ok: true });
    expect(checkHolder("u-qa", "u-admin", "qa", labelOf)).toEqual({ ok: false, code: "forbidden", reason: "Only the QA can answer for QA." });
    expect(checkHolder(null, "u-qa", "qa", labelOf)).toMatchObject({ ok: false, code: "illegal_transition" });
  });
});

describe("checkClose", () => {
  it("closes all GO as PROCEED and any NO-GO as RESCHEDULE", () => {
    expect(checkClose(round({ votes: allAnswer("go") }), labelOf)).toEqual({ ok: true, outcome: "proceed" });
    const votes = allAnswer("go").map((v, i) => (i === 5 ? { ...v, answer: "no_go" as const, reason: "x" } : v));
    expect(checkClose(round({ votes }), labelOf)).toEqual({ ok: true, outcome: "reschedule" });
  });

  it("refuses while positions are pending, naming them in roll-call order — even when a NO-GO is already in", () => {
    const votes = [...allAnswer("go", ["deployment_lead", "devops"]), vote("tech_lead", 0, "no_go", "x")];
    const r = checkClose(round({ votes }), labelOf);
    expect(r).toEqual({
      ok: false,
      code: "illegal_transition",
      reason: "Still waiting for Tech Lead and QA: every position must answer every question before the poll closes.",
    });
  });

  it("refuses to close twice", () => {
    expect(checkClose(closed("proceed", { votes: allAnswer("go") }), labelOf)).toMatchObject({ ok: false, code: "conflict" });
  });
});

describe("checkOverride and decisionOf", () => {
  const reason = "Known flaky test, fixed upstream";

  it("turns a closed RESCHEDULE into PROCEED, marked as overridden", () => {
    expect(checkOverride(closed("reschedule"), `  ${reason}  `)).toEqual({ ok: true, reason });
    const r = closed("reschedule", { override: { reason, byName: "Lee Lead", at: "2026-12-01T14:12:00.000Z" } });
    expect(decisionOf(r)).toEqual({ outcome: "proceed", isOverridden: true });
    expect(decisionOf(closed("reschedule"))).toEqual({ outcome: "reschedule", isOverridden: false });
    expect(decisionOf(round())).toBeNull();
  });

  it("needs a written reason of at least the minimum length (edge: one short fails, exact passes)", () => {
    expect(checkOverride(closed("reschedule"), "x".repeat(MIN_OVERRIDE_REASON - 1))).toMatchObject({ ok: false, code: "invalid_input" });
    expect(checkOverride(closed("reschedule"), ` ${"x".repeat(MIN_OVERRIDE_REASON - 1)} `)).toMatchObject({ ok: false, code: "invalid_input" });
    expect(checkOverride(closed("reschedule"), "x".repeat(MIN_OVERRIDE_REASON))).toMatchObject({ ok: true });
  });

  it("refuses an open round, a PROCEED and a second override", () => {
    expect(checkOverride(round(), reason)).toMatchObject({ ok: false, code: "illegal_transition" });
    expect(checkOverride(closed("proceed"), reason)).toMatchObject({ ok: false, code: "illegal_transition" });
    const once = closed("reschedule", { override: { reason, byName: "Lee Lead", at: "x" } });
    expect(checkOverride(once, reason)).toMatchObject({ ok: false, code: "conflict" });
  });
});
