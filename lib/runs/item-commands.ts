// Tick, skip, fail or reopen a checklist item.
import { applyItemAction } from "../domain/checklist";
import { isTerminal, type TRunStatus } from "../domain/run-status";
import type { TItemChangedPayload } from "../domain/run-snapshot";
import type { TPhaseKey } from "../domain/template-definition";
import { AppError, parseInput } from "../errors";
import type { TActor } from "../auth/users";
import type { TScopedActor } from "../api/scopes";
import { runCommand } from "../timeline/command";
import { ZItemCommand } from "./schemas";

export async function changeItem(actor: TActor | TScopedActor, input: unknown) {
  const { runId, itemId, action, version, commandId } = parseInput(ZItemCommand, input);
  return runCommand({ runId, actor, permission: "items.tick", commandId }, async (tx, run, now) => {
    if (isTerminal(run.status as TRunStatus)) {
      throw new AppError("illegal_transition", "This run has ended: its checklist is closed.");
    }
    const item = await tx.runItem.findFirst({
      where: { id: itemId, section: { phase: { runId } } },
      include: { section: { select: { title: true, intervalMinutes: true, phase: { select: { key: true } } } } },
    });
    if (!item) throw new AppError("not_found", "No such item in this run.");
    if (item.section.intervalMinutes !== null) {
      throw new AppError("invalid_input", `“${item.section.title}” is a recurring check: record a round instead of ticking its items.`);
    }
    let result = applyItemAction(item, action, version);
    if (!result.ok && item.changedById) {
      // Only a refusal needs the last changer's name (it names the state the change lost to).
      const changedBy = await tx.user.findUnique({ where: { id: item.changedById }, select: { name: true } });
      result = applyItemAction({ ...item, changedByName: changedBy?.name ?? null }, action, version);
    }
    if (!result.ok) throw new AppError("conflict", result.reason, { item: { state: item.state, version: item.version, note: item.note } });
    const { state, note, version: nextVersion } = result.change;
    // CAS in SQL as well: the run lock already serialises, this keeps the guarantee if that changes.
    const updated = await tx.runItem.updateMany({
      where: { id: itemId, version },
      data: { state, note, version: nextVersion, changedById: actor.id, changedAt: now },
    });
    if (updated.count !== 1) throw new AppError("conflict", "Someone changed this item a moment ago.");
    const payload: TItemChangedPayload = {
      itemId,
      phaseKey: item.section.phase.key as TPhaseKey,
      text: item.text,
      state,
      note,
      version: nextVersion,
      changedByName: actor.name,
      changedAt: now.toISOString(),
    };
    return { type: "item.changed", payload };
  });
}
