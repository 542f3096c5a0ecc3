// Reading the timeline: the replay a reconnecting client asks for, as broadcast DTOs.
import { db } from "../db/client";
import type { TRunEventDto } from "../realtime/events";

type TEventRow = {
  runId: string;
  seq: number;
  type: string;
  actorId: string | null;
  actorName: string;
  payload: unknown;
  createdAt: Date;
};

export function toRunEventDto(row: TEventRow): TRunEventDto {
  return {
    runId: row.runId,
    seq: row.seq,
    type: row.type,
    actorId: row.actorId,
    actorName: row.actorName,
    payload: row.payload,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Replay limit: past it the client is told to reload a snapshot rather than stream history. */
export const REPLAY_LIMIT = 1000;

export async function eventsAfter(runId: string, afterSeq: number) {
  const rows = await db().timelineEvent.findMany({
    where: { runId, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take: REPLAY_LIMIT + 1,
  });
  return { events: rows.slice(0, REPLAY_LIMIT).map(toRunEventDto), isTruncated: rows.length > REPLAY_LIMIT };
}
