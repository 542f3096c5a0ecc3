import { describe, expect, it } from "vitest";
import type { TItemState } from "./checklist";
import type { TSnapshotPhase, TSnapshotSection } from "./run-snapshot";
import type { TRunStatus } from "./run-status";
import { focusPhaseKey, isSectionFinished, nextOpenItem } from "./war-room-focus";

function section(id: string, states: TItemState[], intervalMinutes: number | null = null): TSnapshotSection {
  return {
    id,
    title: id,
    command: null,
    expectedOutput: null,
    intervalMinutes,
    rounds: [],
    items: states.map((state, i) => ({ id: `${id}-${i}`, text: `${id} ${i + 1}`, depth: 0, command: null, expectedOutput: null, required: true, state, note: null, changedByName: null, changedAt: null, version: 0 })),
  };
}
function phase(key: TSnapshotPhase["key"], sections: TSnapshotSection[]): TSnapshotPhase {
  return { id: key, key, title: key, budgetMinMinutes: 15, budgetMaxMinutes: 30, successCriteria: [], startedAt: null, completedAt: null, sections };
}
const phases = [
  phase("pre_deployment", [section("morning", ["done", "done"]), section("verify", ["done", "open", "open"])]),
  phase("staging", [section("deploy", ["open"])]),
  phase("production", [section("canary", ["open"]), section("every-5", [], 5)]),
];
const run = (status: TRunStatus, p = phases) => ({ status, phases: p });

describe("focusPhaseKey", () => {
  it("is the phase the status works through", () => {
    expect(focusPhaseKey(run("pre_deployment"))).toBe("pre_deployment");
    expect(focusPhaseKey(run("smoke_tests", [...phases, phase("smoke_testing", [])]))).toBe("smoke_testing");
    expect(focusPhaseKey(run("production"))).toBe("production");
  });
  it("is null at go/no-go (the poll is the focus) and once the run is over", () => {
    for (const status of ["go_no_go", "completed", "rolled_back", "aborted"] as const) expect(focusPhaseKey(run(status))).toBeNull();
  });
  it("before the start, is the first phase with something left to do", () => {
    const donePre = [phase("pre_deployment", [section("a", ["done"])]), phases[1]];
    expect(focusPhaseKey(run("planned", donePre))).toBe("staging");
    expect(focusPhaseKey(run("rescheduled"))).toBe("pre_deployment");
  });
  it("is null when the template has no phase for the status (a removed stage)", () => {
    expect(focusPhaseKey(run("validation"))).toBeNull();
  });
});

describe("nextOpenItem", () => {
  it("is the first open item in runbook order, across sections", () => {
    expect(nextOpenItem(phases[0])?.id).toBe("verify-1");
  });
  it("is null once nothing is open, and never a recurring section's round", () => {
    expect(nextOpenItem(phase("staging", [section("a", ["done", "skipped", "failed"])]))).toBeNull();
    expect(nextOpenItem(phase("staging", [section("rounds", ["open"], 5)]))).toBeNull();
  });
});

describe("isSectionFinished", () => {
  it("is true when every item is done or skipped", () => {
    expect(isSectionFinished(section("a", ["done", "skipped"]))).toBe(true);
    expect(isSectionFinished(section("a", ["done", "open"]))).toBe(false);
  });
  it("keeps a section with a failed item open: the failure stays in view", () => {
    expect(isSectionFinished(section("a", ["done", "failed"]))).toBe(false);
  });
  it("never folds an empty or recurring section", () => {
    expect(isSectionFinished(section("a", []))).toBe(false);
    expect(isSectionFinished(section("a", ["done"], 5))).toBe(false);
  });
});
