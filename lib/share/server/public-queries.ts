// Reading a run for a status link: the redacted snapshot and announcements to start from, and the
// projected events a (re)joining status socket missed.
import "server-only";
import { db } from "../../db/client";
import type { TMetricCharts } from "../../domain/metric-charts";
import type { TRunEvent } from "../../domain/events/catalogue";
import { toPublicEvent } from "../../domain/public-projection";
import { ANNOUNCEMENT_EVENT, ANNOUNCEMENTS_ON_PAGE, publicCharts, publicStatusOf, type TPublicStatus } from "../../domain/public-status";
import { getMetricCharts } from "../../metrics/queries";
import { getRunSnapshot } from "../../runs/queries";
import { eventsAfter, toRunEvent } from "../../timeline/events";

export async function getPublicStatus(runId: string): Promise<TPublicStatus | null> {
  const snapshot = await getRunSnapshot(runId);
  if (!snapshot) return null;
  // Announcements live in the timeline; read them up to the snapshot's seq so the fold can take over.
  const rows = await db().timelineEvent.findMany({
    where: { runId, type: ANNOUNCEMENT_EVENT, seq: { lte: snapshot.lastSeq } },
    orderBy: { seq: "desc" },
    take: ANNOUNCEMENTS_ON_PAGE,
  });
  return publicStatusOf(snapshot, rows.map(toRunEvent));
}

/** The key charts, for links made with "include charts". */
export async function getPublicCharts(runId: string): Promise<TMetricCharts> {
  return publicCharts(await getMetricCharts(runId));
}

export async function publicEventsAfter(runId: string, afterSeq: number): Promise<{ events: TRunEvent[]; isTruncated: boolean }> {
  const { events, isTruncated } = await eventsAfter(runId, afterSeq);
  return { events: events.map(toPublicEvent), isTruncated };
}
