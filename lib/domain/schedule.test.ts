import { describe, expect, it } from "vitest";
import { elapsedMs, estimatedFinish, overrunMs, type TPhaseTiming } from "./schedule";

const MIN = 60_000;
const T0 = new Date("2025-03-10T14:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

const notStarted = (budgetMaxMinutes: number): TPhaseTiming => ({ budgetMaxMinutes, startedAt: null, completedAt: null });
const running = (budgetMaxMinutes: number, startedAt: Date): TPhaseTiming => ({
  budgetMaxMinutes,
  startedAt,
  completedAt: null,
});
const completed = (budgetMaxMinutes: number, startedAt: Date, completedAt: Date): TPhaseTiming => ({
  budgetMaxMinutes,
  startedAt,
  completedAt,
});

describe("elapsedMs", () => {
  it("is 0 when the phase has not started", () => {
    expect(elapsedMs(notStarted(15), at(99 * MIN))).toBe(0);
  });

  it("uses now for a running phase", () => {
    expect(elapsedMs(running(15, T0), at(7 * MIN + 500))).toBe(7 * MIN + 500);
  });

  it("is 0 for a running phase at its start instant", () => {
    expect(elapsedMs(running(15, T0), T0)).toBe(0);
  });

  it("uses completedAt for a completed phase, ignoring now", () => {
    const phase = completed(15, T0, at(12 * MIN));
    expect(elapsedMs(phase, at(12 * MIN))).toBe(12 * MIN);
    expect(elapsedMs(phase, at(300 * MIN))).toBe(12 * MIN);
  });
});

describe("overrunMs", () => {
  it("is 0 under budget", () => expect(overrunMs(running(15, T0), at(10 * MIN))).toBe(0));
  it("is 0 exactly at budget", () => expect(overrunMs(running(15, T0), at(15 * MIN))).toBe(0));
  it("is 1 at 1 ms over budget", () => expect(overrunMs(running(15, T0), at(15 * MIN + 1))).toBe(1));
  it("is 0 when not started", () => expect(overrunMs(notStarted(15), at(999 * MIN))).toBe(0));
  it("is frozen once completed", () => {
    const phase = completed(15, T0, at(20 * MIN));
    expect(overrunMs(phase, at(20 * MIN))).toBe(5 * MIN);
    expect(overrunMs(phase, at(90 * MIN))).toBe(5 * MIN);
  });
});

describe("estimatedFinish", () => {
  it("with no phases is now", () => {
    expect(estimatedFinish([], T0)).toEqual(T0);
  });

  it("with every phase not started is now + the sum of budgets", () => {
    expect(estimatedFinish([notStarted(15), notStarted(30), notStarted(45)], T0)).toEqual(at(90 * MIN));
  });

  it("counts what is left of the running phase's budget", () => {
    const now = at(10 * MIN);
    expect(estimatedFinish([running(15, T0), notStarted(30)], now)).toEqual(at(10 * MIN + 5 * MIN + 30 * MIN));
  });

  it("a running phase exactly at budget contributes 0", () => {
    const now = at(15 * MIN);
    expect(estimatedFinish([running(15, T0), notStarted(30)], now)).toEqual(at(15 * MIN + 30 * MIN));
  });

  it("a running phase over budget contributes 0, not a negative amount", () => {
    const now = at(40 * MIN); // 25 min over a 15-min budget
    expect(estimatedFinish([running(15, T0), notStarted(30)], now)).toEqual(at(40 * MIN + 30 * MIN));
    expect(estimatedFinish([running(15, T0)], now)).toEqual(now);
  });

  it("completed phases contribute 0, whether under or over budget", () => {
    const now = at(60 * MIN);
    const phases = [
      completed(15, T0, at(5 * MIN)), // finished well under budget
      completed(10, at(5 * MIN), at(50 * MIN)), // finished far over budget
      running(20, at(50 * MIN)), // 10 min in → 10 left
      notStarted(30),
    ];
    expect(estimatedFinish(phases, now)).toEqual(at(60 * MIN + 10 * MIN + 30 * MIN));
  });

  it("all phases completed → now", () => {
    const now = at(60 * MIN);
    expect(estimatedFinish([completed(15, T0, at(15 * MIN)), completed(30, at(15 * MIN), at(45 * MIN))], now)).toEqual(
      now,
    );
  });

  it("does not mutate its inputs and returns a fresh Date", () => {
    const now = at(0);
    const phases = [notStarted(15)];
    const result = estimatedFinish(phases, now);
    expect(result).not.toBe(now);
    expect(now).toEqual(T0);
    expect(phases).toEqual([notStarted(15)]);
  });
});
