// Tick, skip, fail or reopen a checklist item. Ticking an item tied to a rule or checkpoint that is
// not passing needs a reason, kept as its note and, with what the link showed, on the timeline.
import { applyItemAction, type TItemAction } from "../domain/checklist";
import { db } from "../db/client";
import { describeLink } from "../domain/item-links";
import { parseMetricLink } from "../domain/template-definition";
import { isTerminal, type TRunStatus } from "../domain/run-status";
import type { TItemChangedPayload } from "../domain/run-snapshot";
import type { TPhaseKey } from "../domain/template-definition";
import { AppError, parseInput } from "../errors";
import type { TActor } from "../auth/users";
import type { TScopedActor } from "../api/scopes";
import { runCommand } from "../timeline/command";
import { loadLinkStatus, rolloutStepsOf } from "./linked-items";
import { ZItemCommand } from "./schemas";

export async function changeItem(actor: TActor | TScopedActor, input: unknown) {
  const { runId, itemId, action, version, commandId } = parseInput(ZItemCommand, input);
  const beforeTurn = () => refuseBeforeTurn(runId, itemId, action, version);
  return runCommand({ runId, actor, permission: "items.tick", commandId, beforeTurn }, async (tx, run, now) => {
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
    const { state, version: nextVersion } = result.change;
    let note = result.change.note;
    let override: string | null = null;
    const link = action.kind === "done" ? parseMetricLink(item.metricLink) : null;
    if (link) {
      const status = await loadLinkStatus(tx, run, link, now);
      if (status.verdict !== "passed") {
        const reason = action.kind === "done" ? action.reason?.trim() : undefined;
        if (!reason) {
          const tiedTo = describeLink(link, rolloutStepsOf(run.playbook));
          throw new AppError("invalid_input", `Give a reason to tick “${item.text}” by hand — it is tied to ${tiedTo}: ${status.reason}`, {
            link: { verdict: status.verdict, reason: status.reason },
          });
        }
        note = reason;
        override = `${status.verdict}: ${status.reason}`;
      }
    }
    // CAS in SQL as well: the run lock already serialises, this keeps the guarantee if that changes.
    const updated = await tx.runItem.updateMany({
      where: { id: itemId, version },
      data: { state, note, overrideStatus: override, version: nextVersion, changedById: actor.id, changedAt: now },
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
      override,
    };
    return { type: "item.changed", payload };
  });
}

/**
 * What can be refused from the item as committed, before the command waits for its turn and takes
 * the run's row lock: an item that is not the run's, a version older than the item's (someone changed
 * it first), a state it already has. Each still holds under the lock, since a version only grows and
 * the state changes only with it; so a burst of such commands costs one indexed read each and never
 * delays a valid change behind them (#16). The command path re-checks all of it under the lock.
 */
async function refuseBeforeTurn(runId: string, itemId: string, action: TItemAction, version: number): Promise<void> {
  const item = await db().runItem.findFirst({
    where: { id: itemId, section: { phase: { runId } } },
    select: { state: true, version: true, note: true, changedAt: true, changedById: true },
  });
  if (!item) throw new AppError("not_found", "No such item in this run.");
  if (applyItemAction(item, action, version).ok) return;
  // Only a refusal needs the last changer's name (it names the state the change lost to).
  const changedBy = item.changedById ? await db().user.findUnique({ where: { id: item.changedById }, select: { name: true } }) : null;
  const refused = applyItemAction({ ...item, changedByName: changedBy?.name ?? null }, action, version);
  if (!refused.ok) throw new AppError("conflict", refused.reason, { item: { state: item.state, version: item.version, note: item.note } });
}
