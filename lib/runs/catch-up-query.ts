// The war room's "catch me up" summary as the page opens: the run's whole event log (only the types
// the summary reads) folded by lib/domain/catch-up.ts, up to the run's last seq. The browser folds
// what arrives after that with the same fold.
import "server-only";
import { db } from "../db/client";
import { catchUp, CATCH_UP_EVENT_TYPES, EMPTY_CATCH_UP, type TCatchUp } from "../domain/catch-up";
import { toRunEvent } from "../timeline/events";

export async function loadCatchUp(runId: string): Promise<TCatchUp> {
  return db().$transaction(async (tx) => {
    const run = await tx.run.findUnique({ where: { id: runId }, select: { lastSeq: true } });
    if (!run) return EMPTY_CATCH_UP;
    const rows = await tx.timelineEvent.findMany({
      where: { runId, type: { in: CATCH_UP_EVENT_TYPES }, seq: { lte: run.lastSeq } },
      orderBy: { seq: "asc" },
    });
    // Every event up to lastSeq is accounted for: the ones not loaded change nothing in the summary.
    return { ...catchUp(rows.map(toRunEvent)), throughSeq: run.lastSeq };
  });
}
