// Step the production rollout (canary 10% → 50% → 100%) once the current checkpoint is green, or
// past a checkpoint the metrics hold when a lead says why (no rule gates it, a feed is down).
import { nextRolloutStep } from "../domain/rollout";
import type { TRolloutAdvancedPayload } from "../domain/run-snapshot";
import { ZPlaybook } from "../domain/template-definition";
import { AppError, parseInput } from "../errors";
import type { TActor } from "../auth/users";
import type { TScopedActor } from "../api/scopes";
import { runCommand } from "../timeline/command";
import { followLinkedItems, tickLinkedItems } from "./linked-items";
import { ZRolloutCommand } from "./schemas";
import { checkpointStartFor, gateOf } from "../metrics/checkpoint";
import { watchRun } from "../metrics/monitor-store";

export async function advanceRollout(actor: TActor | TScopedActor, input: unknown) {
  const { runId, fromPercent, toPercent, commandId, overrideReason } = parseInput(ZRolloutCommand, input);
  // The step's checkpoint item ticks (with its evidence) before the timeline moves on to the next step.
  await tickLinkedItems(runId);
  const result = await runCommand({ runId, actor, permission: "runs.control", commandId }, async (tx, run, now) => {
    if (run.rolloutPercent !== fromPercent) {
      throw new AppError("conflict", `The rollout is already at ${run.rolloutPercent}%.`);
    }
    const steps = ZPlaybook.shape.rolloutSteps.parse((run.playbook as { rolloutSteps?: unknown }).rolloutSteps);
    const state = { percent: run.rolloutPercent, checkpointStartedAt: run.checkpointStartedAt };
    let verdict = nextRolloutStep(steps, state, now, run.status === "production");
    let override: TRolloutAdvancedPayload["override"];
    // A checkpoint the metrics hold can be stepped past only deliberately, with a recorded reason.
    const isHeld = run.status === "production" && run.rolloutPercent > 0 && !run.checkpointStartedAt;
    if (!verdict.ok && isHeld && overrideReason) {
      const gate = await gateOf(tx, run, await tx.runMetricRule.findMany({ where: { runId } }), now);
      verdict = nextRolloutStep(steps, { ...state, checkpointStartedAt: new Date(0) }, now, true);
      override = { reason: overrideReason, heldBecause: gate.kind === "held" ? gate.reasons : [] };
    }
    if (toPercent !== undefined && verdict.ok && verdict.step.percent !== toPercent) {
      throw new AppError("conflict", `to: the next step is ${verdict.step.percent}%, not ${toPercent}% (the rollout is at ${run.rolloutPercent}%).`, { field: "to" });
    }
    if (!verdict.ok) {
      const hint = isHeld ? " The metrics hold this checkpoint: a lead may step on with a reason (overrideReason)." : "";
      throw new AppError("illegal_transition", `${verdict.reason}${hint}`);
    }
    // The countdown runs only while every gating rule is ok with fresh data: otherwise it is held
    // from the start (the monitor restarts it when the gate opens).
    const checkpointStartedAt = await checkpointStartFor(tx, { ...run, rolloutPercent: verdict.step.percent }, now);
    const updated = await tx.run.update({
      where: { id: runId },
      data: { rolloutPercent: verdict.step.percent, checkpointStartedAt, version: { increment: 1 } },
    });
    const payload: TRolloutAdvancedPayload = {
      percent: verdict.step.percent,
      label: verdict.step.label,
      checkpoint: verdict.step.checkpoint,
      checkpointStartedAt: checkpointStartedAt?.toISOString() ?? null,
      version: updated.version,
    };
    if (override) payload.override = override;
    return { type: "rollout.advanced", payload };
  });
  // The new step is judged from now on, samples or not: silence is what it must report.
  watchRun(runId);
  // The new step's checkpoint passes by time alone: wake up when its countdown ends.
  void followLinkedItems(runId);
  return result;
}
