// Checklist items tied to a rule or rollout checkpoint (item-links.ts): they tick themselves when the
// link passes with data, through the one command path, with the evidence as their note.
//
// Exactly once per pass, however many instances or callers: each tick is its own command whose
// idempotency key names the item and the pass (the rule's state start, the checkpoint's start), and
// the command re-judges the link under the run lock. A lead who reopens the item is not overruled by
// the same pass; the next pass ticks it again.
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import { evidenceNote, LINKED_TICK_ACTOR, linkStatus, type TEvidencePart, type TLinkStatus, type TMetricLink } from "../domain/item-links";
import { checkpoint } from "../domain/rollout";
import { isTerminal, type TRunStatus } from "../domain/run-status";
import type { TItemChangedPayload } from "../domain/run-snapshot";
import { parseMetricLink, ZPlaybook, type TPhaseKey } from "../domain/template-definition";
import { log } from "../log";
import { ensureRules, toRuleView } from "../metrics/rules";
import { runCommand, type TTx } from "../timeline/command";

export const LINKED_ITEMS_ACTOR: TActor = { ...LINKED_TICK_ACTOR, role: "admin" };

type TLinkRun = { id: string; playbook: unknown; rolloutPercent: number; checkpointStartedAt: Date | null };

export const rolloutStepsOf = (playbook: unknown) => {
  const parsed = ZPlaybook.shape.rolloutSteps.safeParse((playbook as { rolloutSteps?: unknown } | null)?.rolloutSteps);
  return parsed.success ? parsed.data : [];
};

/** The link judged from the run's rule rows as they are in this transaction. */
export async function loadLinkStatus(tx: TTx, run: TLinkRun, link: TMetricLink, now: Date): Promise<TLinkStatus> {
  const rules = (await ensureRules(tx, run.id, run.playbook)).map(toRuleView);
  return linkStatus(link, {
    rules,
    rolloutPercent: run.rolloutPercent,
    checkpointStartedAt: run.checkpointStartedAt?.toISOString() ?? null,
    rolloutSteps: rolloutStepsOf(run.playbook),
    now,
  });
}

function countSamples(tx: TTx, runId: string, part: TEvidencePart, now: Date): Promise<number> {
  return tx.metricSample.count({
    where: { runId, metric: part.metric, ...(part.stage && { stage: part.stage }), at: { gte: new Date(part.from), lte: now } },
  });
}

class NothingToTick extends Error {}

/** Tick one item if its link still passes with data; false when there was nothing to do. */
async function tickIfPassed(runId: string, itemId: string, passKey: string): Promise<boolean> {
  try {
    const result = await runCommand(
      { runId, actor: LINKED_ITEMS_ACTOR, permission: "items.tick", commandId: `linked:${itemId}:${passKey}` },
      async (tx, run, now) => {
        if (isTerminal(run.status as TRunStatus)) throw new NothingToTick();
        const item = await tx.runItem.findFirst({
          where: { id: itemId, state: "open", section: { phase: { runId } } },
          include: { section: { select: { phase: { select: { key: true } } } } },
        });
        const link = parseMetricLink(item?.metricLink);
        if (!item || !link) throw new NothingToTick();
        const status = await loadLinkStatus(tx, run, link, now);
        if (status.verdict !== "passed" || status.passKey !== passKey) throw new NothingToTick();
        const counts = await Promise.all(status.evidence.map((part) => countSamples(tx, runId, part, now)));
        const evidence = evidenceNote(status.evidence, counts, now);
        if (!evidence.ok) throw new NothingToTick();
        const version = item.version + 1;
        const updated = await tx.runItem.updateMany({
          where: { id: itemId, version: item.version },
          data: { state: "done", note: evidence.note, overrideStatus: null, version, changedById: LINKED_ITEMS_ACTOR.id, changedAt: now },
        });
        if (updated.count !== 1) throw new NothingToTick();
        const payload: TItemChangedPayload = {
          itemId,
          phaseKey: item.section.phase.key as TPhaseKey,
          text: item.text,
          state: "done",
          note: evidence.note,
          version,
          changedByName: LINKED_ITEMS_ACTOR.name,
          changedAt: now.toISOString(),
          override: null,
        };
        return { type: "item.changed", payload };
      },
    );
    return !result.isReplay;
  } catch (error) {
    if (error instanceof NothingToTick) return false;
    throw error;
  }
}

/**
 * Tick every open linked item of the run whose link passes with data now; returns how many ticked.
 * Only items of phases that have started: "Verify performance metrics" waits for validation.
 */
export async function tickLinkedItems(runId: string, now = new Date()): Promise<number> {
  const run = await db().run.findUnique({ where: { id: runId }, select: { id: true, status: true, playbook: true, rolloutPercent: true, checkpointStartedAt: true } });
  if (!run || isTerminal(run.status as TRunStatus)) return 0;
  const items = await db().runItem.findMany({
    where: { state: "open", section: { intervalMinutes: null, phase: { runId, startedAt: { not: null } } } },
    select: { id: true, metricLink: true },
  });
  const linked = items.flatMap((i) => {
    const link = parseMetricLink(i.metricLink);
    return link ? [{ id: i.id, link }] : [];
  });
  if (linked.length === 0) return 0;
  let ticked = 0;
  for (const item of linked) {
    // A first look without the lock; the command judges again under it before ticking.
    const status = await loadLinkStatus(db(), run, item.link, now);
    if (status.verdict === "passed" && (await tickIfPassed(runId, item.id, status.passKey))) ticked++;
  }
  return ticked;
}

const timers = globalThis as typeof globalThis & { __warroomLinkedTimers?: Map<string, NodeJS.Timeout> };

/**
 * After anything that can make a link pass (a rule's state change, a rollout step, a phase start):
 * tick what passes now, and wake up again when the current checkpoint's countdown ends, since time
 * alone makes a checkpoint pass. Never throws: a failed tick is logged and retried on the next call.
 */
export async function followLinkedItems(runId: string): Promise<void> {
  try {
    await tickLinkedItems(runId);
    const run = await db().run.findUnique({ where: { id: runId }, select: { status: true, playbook: true, rolloutPercent: true, checkpointStartedAt: true } });
    const cp = run && !isTerminal(run.status as TRunStatus) ? checkpoint(rolloutStepsOf(run.playbook), { percent: run.rolloutPercent, checkpointStartedAt: run.checkpointStartedAt }, new Date()) : null;
    timers.__warroomLinkedTimers ??= new Map();
    clearTimeout(timers.__warroomLinkedTimers.get(runId));
    timers.__warroomLinkedTimers.delete(runId);
    if (!cp || cp.isElapsed) return;
    const timer = setTimeout(() => {
      timers.__warroomLinkedTimers?.delete(runId);
      void followLinkedItems(runId);
    }, cp.remainingMs + 500);
    timer.unref?.();
    timers.__warroomLinkedTimers.set(runId, timer);
  } catch (error) {
    log.error("linked checklist items: tick failed", { runId, message: (error as Error).message });
  }
}
