// Folds of a run's whole log (the catch-up summary, the firing periods) without reading the whole log
// on every first load: the fold is saved as of a seq and later loads fold only the events after it.
// The log is append-only, so a fold through seq N never changes; a checkpoint written by another
// version of the fold's code is ignored and replaced. Reads run in the caller's transaction, so the
// result describes the same moment as the rest of the snapshot.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import type { TRunEvent } from "../domain/events/catalogue";
import type { TTx } from "./command";
import { toRunEvent } from "./events";

export type TCheckpointedFold<S> = {
  /** Names the checkpoint row; one per fold. */
  name: string;
  /** Bump when the fold's meaning or its state's shape changes: older checkpoints are then refolded. */
  version: number;
  /** The event types the fold reads (others change nothing, so they are not loaded). */
  types: readonly string[];
  initial: S;
  step: (state: S, event: TRunEvent) => S;
};

/** Events folded since the checkpoint before it is worth writing a new one. */
export const CHECKPOINT_AFTER = 100;
/**
 * For the read transactions that call foldThrough: the first load of a long run never checkpointed
 * (after an upgrade, or a fold version bump) folds its whole log once, which on a busy machine can
 * outlast Prisma's 5 s default and would fail the page. Reads only, so a longer hold blocks nobody.
 */
export const FOLDING_READ = { timeout: 30_000, maxWait: 10_000 } as const;
/** Rows read at a time, so a never-checkpointed long log does not sit in memory at once. */
const CHUNK = 2000;

export async function foldThrough<S>(tx: TTx, runId: string, throughSeq: number, fold: TCheckpointedFold<S>): Promise<S> {
  const saved = await tx.runFoldCheckpoint.findUnique({ where: { runId_fold: { runId, fold: fold.name } } });
  const isUsable = saved !== null && saved.version === fold.version && saved.throughSeq <= throughSeq;
  let state = isUsable ? (saved.state as S) : fold.initial;
  let seq = isUsable ? saved.throughSeq : 0;
  let folded = 0;
  for (;;) {
    const rows = await tx.timelineEvent.findMany({
      where: { runId, type: { in: [...fold.types] }, seq: { gt: seq, lte: throughSeq } },
      orderBy: { seq: "asc" },
      take: CHUNK,
    });
    for (const row of rows) state = fold.step(state, toRunEvent(row));
    folded += rows.length;
    if (rows.length < CHUNK) break;
    seq = rows[rows.length - 1].seq;
  }
  if (folded >= CHECKPOINT_AFTER || (saved !== null && saved.version !== fold.version)) await saveCheckpoint(tx, runId, throughSeq, fold, state);
  return state;
}

/** Keeps the newer of two concurrent saves (two first loads at once). */
async function saveCheckpoint<S>(tx: TTx, runId: string, throughSeq: number, fold: TCheckpointedFold<S>, state: S): Promise<void> {
  const json = JSON.stringify(state as Prisma.InputJsonValue);
  await tx.$executeRaw`
    INSERT INTO "RunFoldCheckpoint" ("runId", "fold", "version", "throughSeq", "state", "updatedAt")
    VALUES (${runId}, ${fold.name}, ${fold.version}, ${throughSeq}, ${json}::jsonb, now())
    ON CONFLICT ("runId", "fold") DO UPDATE SET "version" = EXCLUDED."version", "throughSeq" = EXCLUDED."throughSeq", "state" = EXCLUDED."state", "updatedAt" = now()
    WHERE "RunFoldCheckpoint"."version" <> EXCLUDED."version" OR "RunFoldCheckpoint"."throughSeq" < EXCLUDED."throughSeq"`;
}
