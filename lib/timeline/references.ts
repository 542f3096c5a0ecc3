// What a command names besides its run (an item, a poll, a walk…), checked to belong to the run
// before the command opens a transaction and takes the run's row lock: a flood of commands naming
// things that are not there is refused with one indexed read each, without a pooled connection held
// or a place in the run's lock queue. Such rows never move to another run and their ids are never
// reused, so what is checked here still holds under the lock (where the command reads the row again).
import "server-only";
import { db } from "../db/client";
import { AppError } from "../errors";

type TReferenceCheck = { count: (runId: string, id: string) => Promise<number>; missing: string };

const REFERENCES = {
  item: { count: (runId, id) => db().runItem.count({ where: { id, section: { phase: { runId } } } }), missing: "No such item in this run." },
  section: { count: (runId, id) => db().runSection.count({ where: { id, phase: { runId } } }), missing: "No such section in this run." },
  poll: { count: (runId, id) => db().goNoGoPoll.count({ where: { id, runId } }), missing: "No such Go/No-Go round in this run." },
  walk: { count: (runId, id) => db().decisionWalk.count({ where: { id, runId } }), missing: "No such decision guide walk in this run." },
  token: { count: (runId, id) => db().runApiToken.count({ where: { id, runId } }), missing: "No such token in this run." },
  alert: { count: (runId, id) => db().rollbackAlert.count({ where: { id, runId } }), missing: "No such rollback recommendation in this run." },
  webhook: { count: (runId, id) => db().webhook.count({ where: { id, runId } }), missing: "No such webhook in this run." },
  announcement: { count: (runId, id) => db().announcement.count({ where: { id, runId } }), missing: "No such announcement in this run." },
  rule: { count: (runId, id) => db().runMetricRule.count({ where: { id, runId } }), missing: "No such rule in this run." },
} satisfies Record<string, TReferenceCheck>;

export type TRunReferences = Partial<Record<keyof typeof REFERENCES, string | undefined>>;

/**
 * Refuses (not_found) a reference that is not the run's. A retry of a command that was applied (same
 * commandId) passes, even if the command removed what it named: the command path answers it with
 * the recorded result.
 */
export async function checkReferences(runId: string, references: TRunReferences, commandId: string | undefined): Promise<void> {
  for (const [kind, id] of Object.entries(references) as [keyof typeof REFERENCES, string | undefined][]) {
    if (id === undefined) continue;
    const check: TReferenceCheck = REFERENCES[kind];
    if ((await check.count(runId, id)) > 0) continue;
    if (await isRecorded(runId, commandId)) return;
    throw new AppError("not_found", check.missing);
  }
}

/** A retry of a command already applied (same commandId): the command path answers it with the recorded result. */
async function isRecorded(runId: string, commandId: string | undefined): Promise<boolean> {
  return commandId !== undefined && (await db().timelineEvent.count({ where: { runId, commandId } })) > 0;
}

/** Runs a command's own early refusals (runCommand's `beforeTurn`); a retry of an applied command passes them. */
export async function checkBeforeTurn(runId: string, beforeTurn: () => Promise<void>, commandId: string | undefined): Promise<void> {
  try {
    await beforeTurn();
  } catch (error) {
    if (error instanceof AppError && (await isRecorded(runId, commandId))) return;
    throw error;
  }
}
