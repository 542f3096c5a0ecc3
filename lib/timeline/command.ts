// The one path every change to a run takes (DESIGN.md): authorize → check what it names → wait for
// its turn on the run (lib/timeline/run-turns.ts) → lock the run (with the idempotency check) → pure rule →
// state change + TimelineEvent with the run's next seq, in ONE transaction → broadcast after commit.
// Callers: socket handlers, server actions, route handlers, CLIs.
import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "../db/client";
import type { TRunEvent, TRunEventEffect } from "../domain/events/catalogue";
import type { TPermission } from "../domain/roles";
import { actorCan, type TScopedActor } from "../api/scopes";
import { AppError } from "../errors";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { queueNotifications } from "../notify/queue";
import { observeCommand } from "../observability/metrics";
import { broadcastRunEvent } from "./broadcast";
import { releaseBroadcast, reserveBroadcast } from "./broadcast-order";
import { toRunEvent, type TEventRow } from "./events";
import { checkBeforeTurn, checkReferences, type TRunReferences } from "./references";
import { inRunTurn } from "./run-turns";

export type TTx = Prisma.TransactionClient;

export type TLockedRun = Awaited<ReturnType<PrismaClient["run"]["findUniqueOrThrow"]>>;

/** What a command records: a catalogue type and a payload of that type (checked by the compiler). */
export type TCommandEffect = TRunEventEffect;

/**
 * Who a command acts for: a person (TActor), one of Warroom's own actors (the monitor) or an API key,
 * whose scopes narrow what its kind may do.
 */
export type TCommandActor = TScopedActor;

export type TCommandOptions = {
  runId: string;
  actor: TCommandActor;
  permission: TPermission;
  /** Idempotency key: a retried command with the same id returns the first result, applied once. */
  commandId?: string;
  /** What the command names besides its run, checked to be the run's before the row lock is taken. */
  references?: TRunReferences;
  /**
   * Refusals the command can decide from committed state before it waits for its turn (a stale
   * version): thrown here, they cost no place in the run's line and no transaction. Only what still
   * holds under the lock belongs here; the command checks it again there.
   */
  beforeTurn?: () => Promise<void>;
};

export type TCommandResult = { event: TRunEvent; isReplay: boolean };

/** Send the notifications a command queued, once it has committed (the sender is loaded on first use). */
function sendQueued(deliveryIds: readonly string[]): void {
  if (deliveryIds.length === 0) return;
  void import("../comms/deliveries").then(({ scheduleDelivery }) => {
    for (const id of deliveryIds) void scheduleDelivery(id);
  });
}

type TApply = (tx: TTx, run: TLockedRun, now: Date) => Promise<TCommandEffect>;

/** Counted in /metrics by kind (its permission) and outcome, and timed. */
export function runCommand(options: TCommandOptions, apply: TApply): Promise<TCommandResult> {
  return observeCommand(options.permission, () => runCommandOnce(options, apply));
}

async function runCommandOnce(options: TCommandOptions, apply: TApply): Promise<TCommandResult> {
  const { runId, actor, permission, commandId } = options;
  // Authorized first: whoever may not make this change learns nothing of which ids exist.
  if (!actorCan(actor, permission)) throw new AppError("forbidden", "Your role does not allow this change.");
  if (options.references) await checkReferences(runId, options.references, commandId);
  if (options.beforeTurn) await checkBeforeTurn(runId, options.beforeTurn, commandId);

  let reservedSeq: number | null = null;
  // Its turn on the run first (in memory, fair between senders), then the transaction and the row lock.
  const outcome = await inRunTurn(runId, actor.id, () => db().$transaction(async (tx) => {
    // Row lock: commands on one run are serialised, which makes seq gap-free and CAS simple. NO KEY
    // UPDATE, not UPDATE: it still excludes other commands but not the KEY SHARE locks that inserts
    // referencing the run take (metric samples arrive hundreds a second), so neither waits for the other.
    // The lock, the run's row and the idempotency check are one statement, and the seq and the event
    // another: every round trip inside the transaction costs a wake-up of this process and of the
    // database's backend, which on a busy machine was most of a command's time (README, "Where the
    // fan-out's time goes").
    const [locked] = await tx.$queryRaw<(TLockedRun & { isReplay: boolean })[]>`
      SELECT r.*, EXISTS (SELECT 1 FROM "TimelineEvent" e WHERE e."runId" = r.id AND e."commandId" = ${commandId ?? null}) AS "isReplay"
      FROM "Run" r WHERE r.id = ${runId} FOR NO KEY UPDATE OF r`;
    if (!locked) throw new AppError("not_found", "No such run.");
    if (locked.isReplay) {
      const earlier = await tx.timelineEvent.findUniqueOrThrow({ where: { runId_commandId: { runId, commandId: commandId! } } });
      return { row: earlier, isReplay: true, deliveryIds: [] };
    }
    const { isReplay: _, ...run } = locked;
    const now = new Date();
    const effect = await apply(tx, run, now);
    const [row] = await tx.$queryRaw<TEventRow[]>`
      WITH bumped AS (UPDATE "Run" SET "lastSeq" = "lastSeq" + 1, "updatedAt" = ${now} WHERE id = ${runId} RETURNING "lastSeq")
      INSERT INTO "TimelineEvent" (id, "runId", seq, "actorId", "actorName", type, payload, "commandId", "createdAt")
      SELECT ${randomUUID()}, ${runId}, "lastSeq", ${actor.id}, ${actor.name}, ${effect.type}, ${JSON.stringify(effect.payload)}::jsonb, ${commandId ?? null}, ${now}
      FROM bumped
      RETURNING "runId", seq, type, "actorId", "actorName", payload, "createdAt"`;
    // Broadcast in seq order after commit, even if this continuation runs after a later command's.
    reserveBroadcast(runId, row.seq);
    reservedSeq = row.seq;
    // The outbox: notifications of this event are queued with it, in the same transaction.
    const deliveryIds = await queueNotifications(tx, { runId, seq: row.seq, actorId: actor.id, actorName: actor.name, createdAt: now }, effect);
    return { row, isReplay: false, deliveryIds };
  })).catch((error: unknown) => {
    if (reservedSeq !== null) releaseBroadcast(runId, reservedSeq, null, broadcastRunEvent);
    throw error;
  });

  const event = toRunEvent(outcome.row);
  if (!outcome.isReplay) releaseBroadcast(runId, event.seq, event, broadcastRunEvent);
  sendQueued(outcome.deliveryIds);
  return { event, isReplay: outcome.isReplay };
}
