import { describe, expect, it } from "vitest";
import { canRecordRound, recurringState, type TRecurringInput } from "./recurring-checks";

const START = "2026-11-27T10:00:00.000Z";
const at = (minutes: number, seconds = 0) => new Date(Date.parse(START) + minutes * 60_000 + seconds * 1000);
const check = (overrides: Partial<TRecurringInput> = {}): TRecurringInput => ({
  intervalMinutes: 5,
  phaseStartedAt: START,
  phaseCompletedAt: null,
  rounds: [],
  ...overrides,
});

describe("recurringState", () => {
  it("waits until its phase starts", () => {
    expect(recurringState(check({ phaseStartedAt: null }), at(0))).toEqual({ kind: "waiting" });
  });

  it("is first due one interval after the phase starts", () => {
    const state = recurringState(check(), at(2));
    expect(state).toMatchObject({ kind: "upcoming", remainingMs: 3 * 60_000 });
    expect(state.kind === "upcoming" && state.dueAt.toISOString()).toBe(at(5).toISOString());
  });

  it("is due soon in its last minute, exactly at the due time too", () => {
    expect(recurringState(check(), at(4, 1)).kind).toBe("due_soon");
    expect(recurringState(check(), at(5))).toMatchObject({ kind: "due_soon", remainingMs: 0 });
    expect(recurringState(check(), at(4)).kind).toBe("due_soon");
    expect(recurringState(check(), at(3, 59)).kind).toBe("upcoming");
  });

  it("goes overdue one millisecond after the due time", () => {
    const state = recurringState(check(), new Date(at(5).getTime() + 1));
    expect(state).toMatchObject({ kind: "overdue", overdueMs: 1 });
  });

  it("counts the next round from the latest one recorded", () => {
    const rounds = [{ completedAt: at(7).toISOString(), byName: "Mo", note: null }, { completedAt: at(3).toISOString(), byName: "Mo", note: null }];
    expect(recurringState(check({ rounds }), at(11))).toMatchObject({ kind: "due_soon", remainingMs: 60_000 });
    expect(recurringState(check({ rounds }), at(13)).kind).toBe("overdue");
  });

  it("stops when its phase completes, keeping the count", () => {
    const rounds = [{ completedAt: at(5).toISOString(), byName: "Mo", note: null }];
    expect(recurringState(check({ rounds, phaseCompletedAt: at(6).toISOString() }), at(60))).toEqual({ kind: "stopped", roundCount: 1 });
  });
});

describe("canRecordRound", () => {
  it("only while the phase runs", () => {
    expect(canRecordRound({ title: "Post-Deployment", startedAt: null, completedAt: null })).toMatchObject({ ok: false, reason: expect.stringContaining("has not started") });
    expect(canRecordRound({ title: "Post-Deployment", startedAt: START, completedAt: null })).toEqual({ ok: true });
    expect(canRecordRound({ title: "Post-Deployment", startedAt: START, completedAt: START })).toMatchObject({ ok: false, reason: expect.stringContaining("stopped") });
  });
});
