// Mark a completed run faulty: found wrong during or after its validation window, with a reason. It
// then counts as a failed change (lib/domain/dora.ts) and its record says so. One command path.
import { z } from "zod";
import type { TActor } from "../auth/users";
import type { TScopedActor } from "../api/scopes";
import type { TMarkedFaultyPayload } from "../domain/events/run-payloads";
import type { TRunStatus } from "../domain/run-status";
import { markFaultyRefusal, validationOf, validationWindowMinutes } from "../domain/validation-window";
import { AppError, parseInput } from "../errors";
import { runCommand } from "../timeline/command";
import { ZCommandId } from "./schemas";

export const ZFaultyReason = z.string().trim().min(1, "reason: say what was found wrong").max(1000, "reason: at most 1000 characters");

export const ZMarkFaultyCommand = z.object({
  runId: z.string().trim().min(1).max(64),
  reason: ZFaultyReason,
  commandId: ZCommandId,
});
export type TMarkFaultyInput = z.input<typeof ZMarkFaultyCommand>;

export async function markRunFaulty(actor: TActor | TScopedActor, input: unknown) {
  const { runId, reason, commandId } = parseInput(ZMarkFaultyCommand, input);
  return runCommand({ runId, actor, permission: "runs.control", commandId }, async (tx, run, now) => {
    const refusal = markFaultyRefusal({ status: run.status as TRunStatus, faultyAt: run.faultyAt }, reason);
    if (refusal) throw new AppError("illegal_transition", refusal);
    const phases = await tx.runPhase.findMany({ where: { runId }, select: { key: true, budgetMaxMinutes: true } });
    const validation = validationOf({ status: "completed", endedAt: run.endedAt, faultyAt: null, windowMinutes: validationWindowMinutes(phases) }, now);
    await tx.run.update({ where: { id: runId }, data: { faultyAt: now, faultyReason: reason, faultyByName: actor.name } });
    const payload: TMarkedFaultyPayload = { reason, markedAt: now.toISOString(), wasValidating: validation?.state === "validating" };
    return { type: "run.marked_faulty", payload };
  });
}
