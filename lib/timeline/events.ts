// Reading the timeline: rows become catalogue events (parsed with their type's schema), and the
// replay a reconnecting client asks for.
import "server-only";
import { db } from "../db/client";
import { parseRunEvent, type TRunEvent } from "../domain/events/catalogue";
import { log } from "../log";

type TEventRow = {
  runId: string;
  seq: number;
  type: string;
  actorId: string | null;
  actorName: string;
  payload: unknown;
  createdAt: Date;
};

/** A stored event as screens receive it; one whose payload no longer parses is sent hidden and logged. */
export function toRunEvent(row: TEventRow): TRunEvent {
  const { event, problem } = parseRunEvent({ ...row, createdAt: row.createdAt.toISOString() });
  if (problem) log.warn("timeline event does not match the catalogue; sent as hidden", { runId: row.runId, problem });
  return event;
}

/** Replay limit: past it the client is told to reload a snapshot rather than stream history. */
export const REPLAY_LIMIT = 1000;

export async function eventsAfter(runId: string, afterSeq: number) {
  const rows = await db().timelineEvent.findMany({
    where: { runId, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take: REPLAY_LIMIT + 1,
  });
  return { events: rows.slice(0, REPLAY_LIMIT).map(toRunEvent), isTruncated: rows.length > REPLAY_LIMIT };
}
