// Record one round of a recurring section ("Every 5 Minutes"): who did the checks, when, and a note.
import type { TActor } from "../auth/users";
import { canRecordRound } from "../domain/recurring-checks";
import { isTerminal, type TRunStatus } from "../domain/run-status";
import type { TCheckRoundPayload } from "../domain/run-snapshot";
import type { TPhaseKey } from "../domain/template-definition";
import { AppError, parseInput } from "../errors";
import { runCommand } from "../timeline/command";
import { ZCheckRoundCommand } from "./schemas";

export async function recordCheckRound(actor: TActor, input: unknown) {
  const { runId, sectionId, note, commandId } = parseInput(ZCheckRoundCommand, input);
  return runCommand({ runId, actor, permission: "items.tick", commandId, references: { section: sectionId } }, async (tx, run, now) => {
    if (isTerminal(run.status as TRunStatus)) throw new AppError("illegal_transition", "This run has ended: its checks are closed.");
    const section = await tx.runSection.findFirst({
      where: { id: sectionId, phase: { runId } },
      include: { phase: { select: { key: true, title: true, startedAt: true, completedAt: true } } },
    });
    if (!section) throw new AppError("not_found", "No such section in this run.");
    if (section.intervalMinutes === null) {
      throw new AppError("invalid_input", `“${section.title}” is not a recurring check: tick its items instead.`);
    }
    const allowed = canRecordRound(section.phase);
    if (!allowed.ok) throw new AppError("illegal_transition", allowed.reason);
    await tx.runCheckRound.create({ data: { sectionId, actorId: actor.id, actorName: actor.name, note, completedAt: now } });
    const payload: TCheckRoundPayload = {
      sectionId,
      sectionTitle: section.title,
      phaseKey: section.phase.key as TPhaseKey,
      note,
      byName: actor.name,
      completedAt: now.toISOString(),
    };
    return { type: "check.completed", payload };
  });
}
