// Queueing notifications in the transaction that records what they report: for each notice of the
// event (lib/domain/notify/messages.ts), one pending delivery per enabled destination (the run's and
// the global ones) sent on one of its triggers and able to say it. Nothing is sent here: the command
// path schedules the deliveries after its commit, and the sweep finds any it could not.
import "server-only";
import type { TRunEvent, TRunEventEffect } from "../domain/events/catalogue";
import { KIND_TRIGGERS, type TDestinationKind, type TNotifyTrigger } from "../domain/notify/kinds";
import { noticesOf } from "../domain/notify/messages";
import type { TNotice } from "../domain/notify/notice";
import type { TTx } from "../timeline/command";

type TDestination = { id: string; name: string; format: TDestinationKind; triggers: string[] };

/** Enabled destinations of this run (its own and every run's) sent on any of these triggers, oldest first. */
export function destinationsFor(tx: TTx, runId: string, triggers: readonly TNotifyTrigger[]): Promise<TDestination[]> {
  return tx.webhook.findMany({
    where: { isEnabled: true, OR: [{ runId }, { runId: null }], triggers: { hasSome: [...triggers] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, name: true, format: true, triggers: true },
  });
}

/** The trigger a destination receives a notice on (the most specific one it chose), or null if none. */
export function matchingTrigger(destination: Pick<TDestination, "format" | "triggers">, notice: TNotice): TNotifyTrigger | null {
  const sayable = KIND_TRIGGERS[destination.format];
  const matches = notice.triggers.filter((t) => destination.triggers.includes(t) && sayable.includes(t));
  // PagerDuty says only what pages, resolves or records a change.
  if (destination.format === "pagerduty" && !notice.page) return null;
  return matches.at(-1) ?? null;
}

export type TQueueContext = { runId: string; seq: number; actorId: string | null; actorName: string; createdAt: Date };

/**
 * Called by runCommand inside its transaction, after the event row: returns the deliveries to send
 * once it commits. An announcement's deliveries are made by its command (its event lists them), so
 * here they only learn which event they carry.
 */
export async function queueNotifications(tx: TTx, context: TQueueContext, effect: TRunEventEffect): Promise<string[]> {
  if (effect.type === "announcement.posted") {
    await tx.delivery.updateMany({ where: { announcementId: effect.payload.id }, data: { eventSeq: context.seq, noticeKey: "announcement" } });
    return [];
  }
  // The effect is the event about to be committed, with its envelope: a member of the union by construction.
  const event = { ...context, createdAt: context.createdAt.toISOString(), ...effect } as TRunEvent;
  const notices = noticesOf(event);
  if (notices.length === 0) return [];
  const destinations = await destinationsFor(tx, context.runId, [...new Set(notices.flatMap((n) => n.triggers))]);
  const rows = notices.flatMap((notice) =>
    destinations.flatMap((d) => {
      const trigger = matchingTrigger(d, notice);
      return trigger
        ? [{ runId: context.runId, eventSeq: context.seq, noticeKey: notice.key, trigger, webhookId: d.id, targetName: d.name, format: d.format, createdAt: context.createdAt }]
        : [];
    }),
  );
  if (rows.length === 0) return [];
  const created = await tx.delivery.createManyAndReturn({ data: rows, select: { id: true } });
  return created.map((r) => r.id);
}
