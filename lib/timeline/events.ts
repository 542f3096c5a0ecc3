// Reading the timeline: rows become catalogue events (parsed with their type's schema), and the
// replay a reconnecting client asks for.
import "server-only";
import { db } from "../db/client";
import { parseRunEvent, RUN_EVENT_CATALOGUE, type TRunEvent, type TRunEventPayload, type TRunEventType } from "../domain/events/catalogue";
import { log } from "../log";

export type TEventRow = {
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

/** Events before `beforeSeq`, newest first, a page at a time (keyset on the run's seq: every page costs the same). */
export async function eventsBefore(runId: string, beforeSeq: number, limit: number): Promise<{ events: TRunEvent[]; hasOlder: boolean }> {
  const rows = await db().timelineEvent.findMany({
    where: { runId, seq: { lt: beforeSeq } },
    orderBy: { seq: "desc" },
    take: limit + 1,
  });
  return { events: rows.slice(0, limit).map(toRunEvent), hasOlder: rows.length > limit };
}

/**
 * One stored payload of a known type, for queries that read a single event type's payloads (chart
 * marks, firing periods, the record): parsed with the catalogue's schema; a row that no longer
 * matches is skipped and logged rather than guessed at.
 */
export function readPayload<K extends TRunEventType>(type: K, row: { payload: unknown; seq?: number }): TRunEventPayload<K> | null {
  const parsed = RUN_EVENT_CATALOGUE[type].safeParse(row.payload);
  if (parsed.success) return parsed.data as TRunEventPayload<K>;
  log.warn("timeline payload does not match the catalogue; skipped", { type, seq: row.seq, problem: parsed.error.issues[0]?.message });
  return null;
}
