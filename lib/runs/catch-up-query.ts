// The war room's "catch me up" summary as the page opens: the run's event log (only the types the
// summary reads) folded by lib/domain/catch-up.ts up to the run's last seq, from the last saved
// checkpoint on (lib/timeline/fold-checkpoints.ts). The browser folds what arrives after that with
// the same fold.
import "server-only";
import { db } from "../db/client";
import { CATCH_UP_EVENT_TYPES, EMPTY_CATCH_UP, foldCatchUp, type TCatchUp } from "../domain/catch-up";
import { FOLDING_READ, foldThrough, type TCheckpointedFold } from "../timeline/fold-checkpoints";

const CATCH_UP: TCheckpointedFold<TCatchUp> = { name: "catch-up", version: 1, types: CATCH_UP_EVENT_TYPES, initial: EMPTY_CATCH_UP, step: foldCatchUp };

export async function loadCatchUp(runId: string): Promise<TCatchUp> {
  return db().$transaction(async (tx) => {
    const run = await tx.run.findUnique({ where: { id: runId }, select: { lastSeq: true } });
    if (!run) return EMPTY_CATCH_UP;
    // Every event up to lastSeq is accounted for: the ones not loaded change nothing in the summary.
    return { ...(await foldThrough(tx, runId, run.lastSeq, CATCH_UP)), throughSeq: run.lastSeq };
  }, FOLDING_READ);
}
