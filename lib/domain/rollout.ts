// The production rollout stepper: canary 10% → 50% → 100%, each step held for its
// "metrics green for N minutes" checkpoint before a lead confirms the next one.
// The checkpoint is exposed as data so the metrics evaluator can drive (or restart) it later.
import type { z } from "zod";
import type { TGate } from "./run-status";
import { formatCountdown } from "./time-format";
import type { ZRolloutStep } from "./template-definition";

export type TRolloutStep = z.infer<typeof ZRolloutStep>;

export type TRolloutState = {
  percent: number;
  /** When the current step was reached (or its checkpoint last restarted by a breach). */
  checkpointStartedAt: Date | null;
};

export type TCheckpoint = {
  step: TRolloutStep;
  stepIndex: number;
  endsAt: Date;
  remainingMs: number;
  isElapsed: boolean;
};

export function currentStepIndex(steps: TRolloutStep[], percent: number): number {
  return steps.findIndex((s) => s.percent === percent);
}

export function checkpoint(steps: TRolloutStep[], state: TRolloutState, now: Date): TCheckpoint | null {
  const stepIndex = currentStepIndex(steps, state.percent);
  if (stepIndex < 0 || !state.checkpointStartedAt) return null;
  const step = steps[stepIndex];
  const endsAt = new Date(state.checkpointStartedAt.getTime() + step.greenMinutes * 60_000);
  const remainingMs = Math.max(0, endsAt.getTime() - now.getTime());
  return { step, stepIndex, endsAt, remainingMs, isElapsed: remainingMs === 0 };
}

export type TAdvanceResult = { ok: true; step: TRolloutStep } | { ok: false; reason: string };

/** The next step, allowed only from the production status once the current checkpoint is green. */
export function nextRolloutStep(steps: TRolloutStep[], state: TRolloutState, now: Date, isInProduction: boolean): TAdvanceResult {
  if (!isInProduction) return { ok: false, reason: "The rollout runs during the production phase only." };
  const index = state.percent === 0 ? -1 : currentStepIndex(steps, state.percent);
  if (state.percent !== 0 && index < 0) return { ok: false, reason: `${state.percent}% is not a step of this rollout.` };
  const next = steps[index + 1];
  if (!next) return { ok: false, reason: `The rollout is already at ${state.percent}%, its last step.` };
  if (index >= 0) {
    const cp = checkpoint(steps, state, now);
    if (!cp) return { ok: false, reason: "The current step's checkpoint has not started." };
    if (!cp.isElapsed) {
      return { ok: false, reason: `Checkpoint "${cp.step.checkpoint}" has ${formatCountdown(cp.remainingMs)} left.` };
    }
  }
  return { ok: true, step: next };
}

/** Production is done only when the rollout has reached its last step (100% of traffic). */
export function rolloutCompleteGate(steps: TRolloutStep[], percent: number): TGate {
  const last = steps.at(-1)?.percent ?? 100;
  return (from, to) =>
    from === "production" && to === "validation" && percent < last
      ? `The rollout is at ${percent}%: step it to ${last}% before validation.`
      : null;
}
