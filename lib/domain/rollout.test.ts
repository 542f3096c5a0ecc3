import { describe, expect, it } from "vitest";
import { checkpoint, currentStepIndex, nextRolloutStep, rolloutCompleteGate, type TRolloutStep } from "./rollout";

// The seed's steps (prisma/seed/default-template.ts), built inline.
const STEPS: TRolloutStep[] = [
  { percent: 10, label: "Canary", greenMinutes: 5, checkpoint: "Canary metrics green (5 minutes)" },
  { percent: 50, label: "Progressive 50%", greenMinutes: 2, checkpoint: "50% metrics green (2 minutes)" },
  { percent: 100, label: "Full rollout", greenMinutes: 5, checkpoint: "Full metrics green (5 minutes)" },
];

const MIN = 60_000;
const START = new Date("2025-03-10T14:00:00.000Z");
const at = (ms: number) => new Date(START.getTime() + ms);

describe("currentStepIndex", () => {
  it("finds the step by percent", () => {
    expect(currentStepIndex(STEPS, 10)).toBe(0);
    expect(currentStepIndex(STEPS, 50)).toBe(1);
    expect(currentStepIndex(STEPS, 100)).toBe(2);
  });
  it("is -1 for 0% or an unknown percent", () => {
    expect(currentStepIndex(STEPS, 0)).toBe(-1);
    expect(currentStepIndex(STEPS, 30)).toBe(-1);
  });
});

describe("checkpoint", () => {
  it("is null before any step", () => {
    expect(checkpoint(STEPS, { percent: 0, checkpointStartedAt: null }, START)).toBeNull();
  });

  it("is null at 0% even with a start time", () => {
    expect(checkpoint(STEPS, { percent: 0, checkpointStartedAt: START }, START)).toBeNull();
  });

  it("is null at a step without a start time", () => {
    expect(checkpoint(STEPS, { percent: 10, checkpointStartedAt: null }, START)).toBeNull();
  });

  it("at the moment the step is reached, the full checkpoint remains", () => {
    expect(checkpoint(STEPS, { percent: 10, checkpointStartedAt: START }, START)).toEqual({
      step: STEPS[0],
      stepIndex: 0,
      endsAt: at(5 * MIN),
      remainingMs: 5 * MIN,
      isElapsed: false,
    });
  });

  it("1 ms before the boundary: not elapsed, 1 ms remaining", () => {
    const cp = checkpoint(STEPS, { percent: 10, checkpointStartedAt: START }, at(5 * MIN - 1));
    expect(cp?.remainingMs).toBe(1);
    expect(cp?.isElapsed).toBe(false);
  });

  it("exactly at the boundary (start + 5 min): 0 remaining, elapsed", () => {
    const cp = checkpoint(STEPS, { percent: 10, checkpointStartedAt: START }, at(5 * MIN));
    expect(cp?.remainingMs).toBe(0);
    expect(cp?.isElapsed).toBe(true);
    expect(cp?.endsAt).toEqual(at(5 * MIN));
  });

  it("after the boundary, remaining is clamped at 0", () => {
    const cp = checkpoint(STEPS, { percent: 10, checkpointStartedAt: START }, at(60 * MIN));
    expect(cp?.remainingMs).toBe(0);
    expect(cp?.isElapsed).toBe(true);
  });

  it("uses the current step's own duration (50% → 2 min)", () => {
    const cp = checkpoint(STEPS, { percent: 50, checkpointStartedAt: START }, at(MIN));
    expect(cp).toMatchObject({ stepIndex: 1, endsAt: at(2 * MIN), remainingMs: MIN, isElapsed: false });
  });
});

describe("nextRolloutStep", () => {
  it("is refused outside production", () => {
    const r = nextRolloutStep(STEPS, { percent: 0, checkpointStartedAt: null }, START, false);
    expect(r).toEqual({ ok: false, reason: "The rollout runs during the production phase only." });
  });

  it("is refused outside production even when the checkpoint is green", () => {
    const r = nextRolloutStep(STEPS, { percent: 10, checkpointStartedAt: START }, at(10 * MIN), false);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("production phase only");
  });

  it("from 0% goes to 10% immediately", () => {
    const r = nextRolloutStep(STEPS, { percent: 0, checkpointStartedAt: null }, START, true);
    expect(r).toEqual({ ok: true, step: STEPS[0] });
  });

  it("10% → 50% is refused right after reaching 10%, with the checkpoint and 5:00 left", () => {
    const r = nextRolloutStep(STEPS, { percent: 10, checkpointStartedAt: START }, START, true);
    expect(r).toEqual({ ok: false, reason: 'Checkpoint "Canary metrics green (5 minutes)" has 5:00 left.' });
  });

  it("10% → 50% is refused before 5 min, with m:ss left", () => {
    const r = nextRolloutStep(STEPS, { percent: 10, checkpointStartedAt: START }, at(3 * MIN + 30_000), true);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain("Canary metrics green (5 minutes)");
      expect(r.reason).toContain("1:30 left");
    }
  });

  it("1 ms before 5 min, the time left rounds up to 0:01", () => {
    const r = nextRolloutStep(STEPS, { percent: 10, checkpointStartedAt: START }, at(5 * MIN - 1), true);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("0:01 left");
  });

  it("10% → 50% is allowed exactly at 5 min", () => {
    const r = nextRolloutStep(STEPS, { percent: 10, checkpointStartedAt: START }, at(5 * MIN), true);
    expect(r).toEqual({ ok: true, step: STEPS[1] });
  });

  it("50% → 100% waits for the 2-minute checkpoint", () => {
    const state = { percent: 50, checkpointStartedAt: START };
    const early = nextRolloutStep(STEPS, state, at(MIN + 1), true);
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.reason).toBe('Checkpoint "50% metrics green (2 minutes)" has 1:00 left.');
    expect(nextRolloutStep(STEPS, state, at(2 * MIN), true)).toEqual({ ok: true, step: STEPS[2] });
  });

  it('at 100% is refused ("already at 100%")', () => {
    const r = nextRolloutStep(STEPS, { percent: 100, checkpointStartedAt: START }, at(60 * MIN), true);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("already at 100%");
  });

  it("at 100% is refused even while its checkpoint is still running", () => {
    const r = nextRolloutStep(STEPS, { percent: 100, checkpointStartedAt: START }, START, true);
    expect(r).toEqual({ ok: false, reason: "The rollout is already at 100%, its last step." });
  });

  it("refuses a percent that is not one of the steps instead of jumping back", () => {
    expect(nextRolloutStep(STEPS, { percent: 30, checkpointStartedAt: START }, at(60 * MIN), true)).toEqual({
      ok: false,
      reason: "30% is not a step of this rollout.",
    });
  });

  it("refuses to advance when the current step's checkpoint never started", () => {
    const r = nextRolloutStep(STEPS, { percent: 10, checkpointStartedAt: null }, at(60 * MIN), true);
    expect(r.ok).toBe(false);
  });
});

describe("rolloutCompleteGate", () => {
  const steps = [
    { percent: 10, label: "Canary", checkpoint: "canary metrics green 5 minutes", greenMinutes: 5 },
    { percent: 50, label: "Half", checkpoint: "50% metrics green 2 minutes", greenMinutes: 2 },
    { percent: 100, label: "Full", checkpoint: "full metrics green 5 minutes", greenMinutes: 5 },
  ];
  it.each([0, 10, 50])("refuses validation at %i%% with the step to reach", (percent) => {
    expect(rolloutCompleteGate(steps, percent)("production", "validation")).toBe(`The rollout is at ${percent}%: step it to 100% before validation.`);
  });
  it("allows validation at 100%", () => {
    expect(rolloutCompleteGate(steps, 100)("production", "validation")).toBeNull();
  });
  it("never stands in the way of rolling back or aborting", () => {
    expect(rolloutCompleteGate(steps, 10)("production", "rolled_back")).toBeNull();
    expect(rolloutCompleteGate(steps, 10)("production", "aborted")).toBeNull();
  });
});
