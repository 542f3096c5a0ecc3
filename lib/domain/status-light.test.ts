import { describe, expect, it } from "vitest";
import type { TItemState } from "./checklist";
import type { TRunSnapshot, TSnapshotPhase } from "./run-snapshot";
import type { TRunStatus } from "./run-status";
import { currentPhase, lightWords, statusLight } from "./status-light";

const MIN = 60_000;
const T0 = new Date("2025-03-10T14:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

function phase(key: TSnapshotPhase["key"], title: string, states: TItemState[], timing: Partial<TSnapshotPhase> = {}): TSnapshotPhase {
  return {
    id: key,
    key,
    title,
    budgetMinMinutes: 30,
    budgetMaxMinutes: 45,
    successCriteria: [],
    startedAt: null,
    completedAt: null,
    sections: [
      {
        id: `${key}-s`,
        title: "Section",
        command: null,
        expectedOutput: null,
        intervalMinutes: null,
        rounds: [],
        items: states.map((state, i) => ({
          id: `${key}-${i}`,
          text: `${title} item ${i + 1}`,
          depth: 0,
          command: null,
          expectedOutput: null,
          required: true,
          state,
          note: null,
          changedByName: null,
          changedAt: null,
          version: 0,
        })),
      },
    ],
    ...timing,
  };
}

function run(status: TRunStatus, phases: TSnapshotPhase[]): Pick<TRunSnapshot, "status" | "phases"> {
  return { status, phases };
}

const stagingRunning = (states: TItemState[] = ["done", "open"]) =>
  phase("staging", "Staging", states, { startedAt: T0.toISOString() });

describe("statusLight", () => {
  it("is on track with no failures inside the budget", () => {
    expect(statusLight(run("staging", [stagingRunning()]), at(10 * MIN))).toEqual({
      state: "on_track",
      reason: "No failures, within budget",
    });
  });

  it("is still on track exactly at the phase budget", () => {
    expect(statusLight(run("staging", [stagingRunning()]), at(45 * MIN)).state).toBe("on_track");
  });

  it("needs attention 1 ms over the phase budget, and says by how much (rounded up)", () => {
    expect(statusLight(run("staging", [stagingRunning()]), at(45 * MIN + 1))).toEqual({
      state: "attention",
      reason: "Staging is 0:01 over budget",
    });
  });

  it("ignores an overrun in a phase the run has left", () => {
    const staging = phase("staging", "Staging", ["done"], { startedAt: T0.toISOString(), completedAt: at(60 * MIN).toISOString() });
    const smoke = phase("smoke_testing", "Smoke Testing", ["open"], { startedAt: at(60 * MIN).toISOString() });
    expect(statusLight(run("smoke_tests", [staging, smoke]), at(61 * MIN)).state).toBe("on_track");
  });

  it("has no budget to overrun in a status without a phase (go/no-go, planned)", () => {
    expect(statusLight(run("go_no_go", [stagingRunning()]), at(999 * MIN)).state).toBe("on_track");
    expect(statusLight(run("planned", [phase("staging", "Staging", ["open"])]), at(999 * MIN)).state).toBe("on_track");
  });

  it("needs attention for one failed item, naming it", () => {
    expect(statusLight(run("staging", [stagingRunning(["done", "failed"])]), at(MIN))).toEqual({
      state: "attention",
      reason: "Failed: “Staging item 2”",
    });
  });

  it("counts failed items across every phase", () => {
    const pre = phase("pre_deployment", "Pre-Deployment", ["failed"], { startedAt: T0.toISOString(), completedAt: T0.toISOString() });
    expect(statusLight(run("staging", [pre, stagingRunning(["failed"])]), at(MIN))).toEqual({
      state: "attention",
      reason: "2 items failed",
    });
  });

  it("does not count skipped items as failures", () => {
    expect(statusLight(run("staging", [stagingRunning(["skipped", "skipped"])]), at(MIN)).state).toBe("on_track");
  });

  it("says ROLLED BACK once rolled back, even with failed items, and where from without repeating the word", () => {
    const rolledBack = { ...run("rolled_back", [stagingRunning(["failed"])]), rolloutPercent: 10, endedAt: at(MIN).toISOString() };
    expect(statusLight(rolledBack, at(5 * MIN))).toEqual({ state: "rollback", word: "ROLLED BACK", reason: "From 10% of production traffic · 14:01 UTC" });
    expect(lightWords(statusLight(rolledBack, at(5 * MIN)))).toEqual({ word: "ROLLED BACK", icon: "⟲" });
    expect(statusLight({ ...rolledBack, rolloutPercent: 0, endedAt: null }, at(MIN)).reason).toBe("Before any production traffic");
  });

  it("says ABORTED and the phase it stopped in", () => {
    expect(statusLight({ ...run("aborted", [stagingRunning()]), endedAt: at(MIN).toISOString() }, at(MIN))).toEqual({
      state: "attention",
      word: "ABORTED",
      reason: "During Staging · 14:01 UTC",
    });
  });

  it("says COMPLETED when completed cleanly, whatever the metrics showed last", () => {
    expect(statusLight({ ...run("completed", [stagingRunning(["done"])]), rolloutPercent: 100 }, at(MIN))).toEqual({
      state: "on_track",
      word: "COMPLETED",
      reason: "100% of production traffic on the new version",
    });
  });
});

describe("currentPhase", () => {
  it("maps the status to its phase (smoke_tests → smoke_testing)", () => {
    const smoke = phase("smoke_testing", "Smoke Testing", []);
    expect(currentPhase(run("smoke_tests", [stagingRunning(), smoke]))?.title).toBe("Smoke Testing");
  });

  it("is null when the status has no phase or the run lacks it", () => {
    expect(currentPhase(run("go_no_go", [stagingRunning()]))).toBeNull();
    expect(currentPhase(run("validation", [stagingRunning()]))).toBeNull();
  });
});

describe("statusLight: recurring checks", () => {
  const monitoring = (rounds: { completedAt: string; byName: string; note: null }[] = []) => {
    const p = phase("post_deployment", "Post-Deployment", ["open"], { startedAt: T0.toISOString(), budgetMaxMinutes: 120 });
    const every5 = { ...p.sections[0], id: "every5", title: "Every 5 Minutes", intervalMinutes: 5, rounds };
    return { ...p, sections: [...p.sections, every5] };
  };

  it("is on track while the next round is not yet due", () => {
    expect(statusLight(run("monitoring", [monitoring()]), at(5 * MIN)).state).toBe("on_track");
  });

  it("calls attention, naming the check, once a round is overdue", () => {
    expect(statusLight(run("monitoring", [monitoring()]), at(6 * MIN))).toEqual({
      state: "attention",
      reason: "“Every 5 Minutes” check overdue by 1:00",
    });
  });

  it("a recorded round resets the clock", () => {
    const rounds = [{ completedAt: at(4 * MIN).toISOString(), byName: "Mo", note: null }];
    expect(statusLight(run("monitoring", [monitoring(rounds)]), at(6 * MIN)).state).toBe("on_track");
  });

  it("the recurring section's items never count as open checklist items", () => {
    const p = monitoring();
    p.sections[1].items = [{ ...p.sections[0].items[0], id: "r1", state: "failed" }];
    expect(statusLight(run("monitoring", [p]), at(1 * MIN)).state).toBe("on_track");
  });
});

describe("statusLight with locks and freezes", () => {
  const lock = { id: "l1", service: "checkout", reason: "Database migration", holderName: "Dana DBA", takenAt: T0.toISOString() };
  // Every day 13:00–15:00 UTC: T0 (14:00) is inside it.
  const freeze = { id: "f1", service: null, reason: "Black Friday", createdByName: "Ada Admin", kind: "weekly" as const, weekdays: [0, 1, 2, 3, 4, 5, 6], startMinute: 13 * 60, endMinute: 15 * 60, timeZone: "UTC" };
  const production = phase("production", "Production Deployment", ["done", "open"], { startedAt: T0.toISOString() });
  const guarded = (status: TRunStatus, guards: { locks?: (typeof lock)[]; freezes?: (typeof freeze)[]; override?: { keys: string[] } }) => ({
    ...run(status, [production]),
    service: "Checkout",
    guards: {
      locks: guards.locks ?? [],
      freezes: guards.freezes ?? [],
      override: guards.override ? { ...guards.override, messages: [], reason: "Hotfix for the outage", byName: "Lee Lead", at: T0.toISOString() } : null,
    },
  });

  it("says LOCKED, not ON TRACK, in production while the service is locked, naming holder and reason", () => {
    const light = statusLight(guarded("production", { locks: [lock] }), at(MIN));
    expect(light).toEqual({ state: "attention", word: "LOCKED", reason: "checkout is locked by Dana DBA: Database migration" });
    expect(lightWords(light)).toEqual({ word: "LOCKED", icon: "🔒" });
  });

  it("says FROZEN at go/no-go inside a freeze window, and ON TRACK again once the window has ended", () => {
    expect(statusLight(guarded("go_no_go", { freezes: [freeze] }), at(MIN))).toMatchObject({ state: "attention", word: "FROZEN", reason: expect.stringMatching(/^Frozen \(every service\) until .*: Black Friday$/) });
    expect(statusLight(guarded("production", { freezes: [freeze] }), at(61 * MIN)).word).toBeUndefined();
  });

  it("a lock outranks a freeze in the word, and the reason names both", () => {
    const light = statusLight(guarded("production", { locks: [lock], freezes: [freeze] }), at(MIN));
    expect(light.word).toBe("LOCKED");
    expect(light.reason).toMatch(/^checkout is locked by Dana DBA: Database migration · Frozen/);
  });

  it("is not held by what this run overrode, nor before go/no-go, nor once the run has ended", () => {
    expect(statusLight(guarded("production", { locks: [lock], override: { keys: ["lock:l1"] } }), at(MIN)).word).toBeUndefined();
    expect(statusLight(guarded("staging", { locks: [lock] }), at(MIN)).word).toBeUndefined();
    expect(statusLight({ ...guarded("completed", { locks: [lock] }), endedAt: T0.toISOString() }, at(MIN)).word).toBe("COMPLETED");
  });

  it("another service's lock does not hold the run", () => {
    expect(statusLight(guarded("production", { locks: [{ ...lock, service: "payments" }] }), at(MIN)).word).toBeUndefined();
  });
});
