import { describe, expect, it } from "vitest";
import { EMPTY_GO_NO_GO, evaluatePoll } from "./go-no-go";
import { latestCurrentRound } from "./go-no-go-rules";
import { fixtureEvent, type TFixtureEvent } from "./events/event-fixture";
import { applyGoNoGoEvent as applyTyped, goNoGoFingerprint, POLL_EVENTS, type TRunRoleHolder } from "./go-no-go-events";

// The fixtures carry only the fields the fold reads.
const applyGoNoGoEvent = <T extends Parameters<typeof applyTyped>[0]>(s: T, e: TFixtureEvent) => applyTyped(s, fixtureEvent(e));

const start = { goNoGo: EMPTY_GO_NO_GO, roles: [{ role: "qa", userId: "u-q", userName: "Quinn" }] as TRunRoleHolder[] };

const opened = (seq: number, pollId: string, round: number, reopenedFrom: number | null = null) => ({
  seq,
  type: POLL_EVENTS.opened,
  payload: {
    pollId,
    round,
    questions: ["Ready?", "Rollback ready?"],
    positions: ["devops", "qa"],
    openedByName: "Lee",
    openedAt: "2026-12-01T14:00:00.000Z",
    reopenedFrom,
  },
});

const voted = (seq: number, pollId: string, position: string, changes: object[]) => ({
  seq,
  type: POLL_EVENTS.voted,
  payload: { pollId, round: 1, position, voterName: position, votedAt: "2026-12-01T14:01:00.000Z", changes },
});

const change = (questionIndex: number, answer: "go" | "no_go", version: number, reason: string | null = null) => ({
  questionIndex,
  question: "q",
  answer,
  reason,
  version,
  previous: null,
});

describe("applyGoNoGoEvent", () => {
  it("tracks when the run entered go/no-go, opens rounds at their event's seq, and folds votes and changes", () => {
    let s = applyGoNoGoEvent(start, { seq: 7, type: "run.status_changed", payload: { to: "go_no_go" } });
    expect(s.goNoGo.enteredSeq).toBe(7);
    s = applyGoNoGoEvent(s, opened(8, "p1", 1));
    expect(latestCurrentRound(s.goNoGo)).toMatchObject({ id: "p1", openedSeq: 8, status: "open" });
    s = applyGoNoGoEvent(s, voted(9, "p1", "devops", [change(0, "go", 1), change(1, "go", 1)]));
    s = applyGoNoGoEvent(s, voted(10, "p1", "qa", [change(0, "no_go", 1, "not ready")]));
    s = applyGoNoGoEvent(s, voted(11, "p1", "qa", [change(0, "go", 2), change(1, "go", 1)]));
    const round = s.goNoGo.rounds[0];
    expect(round.votes).toHaveLength(4);
    expect(round.votes.find((v) => v.position === "qa" && v.questionIndex === 0)).toMatchObject({ answer: "go", reason: null, version: 2 });
    expect(evaluatePoll(round).outcome).toBe("proceed");
  });

  it("closes, overrides and reopens, keeping the earlier round", () => {
    let s = applyGoNoGoEvent(start, opened(2, "p1", 1));
    s = applyGoNoGoEvent(s, { seq: 3, type: POLL_EVENTS.closed, payload: { pollId: "p1", round: 1, outcome: "reschedule", closedByName: "Lee", closedAt: "t", decision: { round: 1 } } });
    s = applyGoNoGoEvent(s, { seq: 4, type: POLL_EVENTS.overridden, payload: { pollId: "p1", round: 1, reason: "Risk accepted by CTO", byName: "Lee", at: "t2" } });
    s = applyGoNoGoEvent(s, opened(5, "p2", 2, 1));
    expect(s.goNoGo.rounds.map((r) => [r.round, r.status, r.outcome])).toEqual([
      [1, "closed", "reschedule"],
      [2, "open", null],
    ]);
    expect(s.goNoGo.rounds[0].override).toEqual({ reason: "Risk accepted by CTO", byName: "Lee", at: "t2" });
  });

  it("reassigns a position's holder, or adds one that was empty", () => {
    let s = applyGoNoGoEvent(start, { seq: 2, type: POLL_EVENTS.roleReassigned, payload: { role: "qa", fromUserId: "u-q", fromName: "Quinn", toUserId: "u-r", toName: "Rae" } });
    s = applyGoNoGoEvent(s, { seq: 3, type: POLL_EVENTS.roleReassigned, payload: { role: "devops", fromUserId: null, fromName: null, toUserId: "u-d", toName: "Dev" } });
    expect(s.roles).toEqual([
      { role: "qa", userId: "u-r", userName: "Rae" },
      { role: "devops", userId: "u-d", userName: "Dev" },
    ]);
  });

  it("passes other events through untouched (same object)", () => {
    expect(applyGoNoGoEvent(start, { seq: 2, type: "item.changed", payload: {} })).toBe(start);
    expect(applyGoNoGoEvent(start, { seq: 2, type: "run.status_changed", payload: { to: "staging" } })).toBe(start);
  });

  it("fingerprints differ when a vote version, an outcome or a holder differs", () => {
    const a = applyGoNoGoEvent(applyGoNoGoEvent(start, opened(2, "p1", 1)), voted(3, "p1", "qa", [change(0, "go", 1)]));
    const b = applyGoNoGoEvent(a, voted(4, "p1", "qa", [change(0, "no_go", 2, "x")]));
    const c = applyGoNoGoEvent(a, { seq: 4, type: POLL_EVENTS.roleReassigned, payload: { role: "qa", fromUserId: "u-q", fromName: "Quinn", toUserId: "u-r", toName: "Rae" } });
    expect(new Set([goNoGoFingerprint(a), goNoGoFingerprint(b), goNoGoFingerprint(c)]).size).toBe(3);
  });
});
