// Step the production rollout (canary 10% → 50% → 100%) once the current checkpoint is green.
import { nextRolloutStep } from "../domain/rollout";
import type { TRolloutAdvancedPayload } from "../domain/run-snapshot";
import { ZPlaybook } from "../domain/template-definition";
import { AppError, parseInput } from "../errors";
import type { TActor } from "../auth/users";
import type { TScopedActor } from "../api/scopes";
import { runCommand } from "../timeline/command";
import { ZRolloutCommand } from "./schemas";
import { metricsHoldCheckpoint } from "../metrics/rules";

export async function advanceRollout(actor: TActor | TScopedActor, input: unknown) {
  const { runId, fromPercent, commandId } = parseInput(ZRolloutCommand, input);
  return runCommand({ runId, actor, permission: "runs.control", commandId }, async (tx, run, now) => {
    if (run.rolloutPercent !== fromPercent) {
      throw new AppError("conflict", `The rollout is already at ${run.rolloutPercent}%.`);
    }
    const steps = ZPlaybook.shape.rolloutSteps.parse((run.playbook as { rolloutSteps?: unknown }).rolloutSteps);
    const verdict = nextRolloutStep(
      steps,
      { percent: run.rolloutPercent, checkpointStartedAt: run.checkpointStartedAt },
      now,
      run.status === "production",
    );
    if (!verdict.ok) throw new AppError("illegal_transition", verdict.reason);
    // The countdown runs only while the metrics are green: a breaching rule holds it from the start.
    const checkpointStartedAt = (await metricsHoldCheckpoint(tx, runId)) ? null : now;
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
    return { type: "rollout.advanced", payload };
  });
}
