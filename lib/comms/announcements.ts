// Posting an announcement and resending its failed deliveries, each through the one command path:
// the announcement and a pending delivery per enabled destination sent on announcements (the run's
// and the global ones) are written with the timeline event in one transaction (lib/notify/queue.ts
// then links them to it); sending starts only after the commit.
import type { TActor } from "../auth/users";
import type { TScopedActor } from "../api/scopes";
import { COMMS_EVENTS, type TAnnouncementPostedPayload, type TRedeliveryPayload } from "../domain/comms-events";
import { AppError, parseInput } from "../errors";
import { destinationsFor } from "../notify/queue";
import { runCommand, type TCommandResult } from "../timeline/command";
import { scheduleDelivery } from "./deliveries";
import { playbookTemplates } from "./queries";
import { ZPostAnnouncement, ZRedeliver } from "./schemas";
import { toAnnouncementView, toDeliveryView } from "./views";

function scheduleAll(deliveries: readonly { id: string; status: string }[]): void {
  for (const d of deliveries) if (d.status === "pending") void scheduleDelivery(d.id);
}

export async function postAnnouncement(actor: TActor | TScopedActor, input: unknown): Promise<TCommandResult> {
  const { runId, templateKey, body, fields, commandId } = parseInput(ZPostAnnouncement, input);
  const result = await runCommand({ runId, actor, permission: "comms.post", commandId }, async (tx, run, now) => {
    const template = playbookTemplates(run.playbook).find((t) => t.key === templateKey);
    const webhooks = await destinationsFor(tx, runId, ["announcement.posted"]);
    const row = await tx.announcement.create({
      data: {
        runId,
        templateKey,
        title: template?.title ?? templateKey,
        body,
        fields,
        postedById: actor.id,
        postedByName: actor.name,
        postedAt: now,
        deliveries: { create: webhooks.map((w) => ({ runId, webhookId: w.id, targetName: w.name, format: w.format, trigger: "announcement.posted", createdAt: now })) },
      },
      include: { deliveries: true },
    });
    const payload: TAnnouncementPostedPayload = toAnnouncementView(row);
    return { type: COMMS_EVENTS.posted, payload };
  });
  // A replay was scheduled the first time (or is picked up at start); the deliveries were created with the event.
  const { event } = result;
  if (!result.isReplay && event.type === "announcement.posted") scheduleAll(event.payload.deliveries);
  return result;
}

/** A lead resends the deliveries of an announcement that failed; the others are left alone. */
export async function redeliverAnnouncement(actor: TActor, input: unknown): Promise<TCommandResult> {
  const { runId, announcementId, commandId } = parseInput(ZRedeliver, input);
  const result = await runCommand({ runId, actor, permission: "comms.post", commandId, references: { announcement: announcementId } }, async (tx) => {
    const announcement = await tx.announcement.findFirst({ where: { id: announcementId, runId }, include: { deliveries: true } });
    if (!announcement) throw new AppError("not_found", "No such announcement in this run.");
    const failed = announcement.deliveries.filter((d) => d.status === "failed");
    if (failed.length === 0) throw new AppError("conflict", "Nothing to resend: every delivery has succeeded or is still sending.");
    const reset = [];
    for (const d of [...failed].sort((a, b) => a.id.localeCompare(b.id))) {
      reset.push(await tx.delivery.update({ where: { id: d.id }, data: { status: "pending", attempts: 0, lastError: null, deliveredAt: null } }));
    }
    const payload: TRedeliveryPayload = { announcementId, title: announcement.title, deliveries: reset.map(toDeliveryView) };
    return { type: COMMS_EVENTS.redelivery, payload };
  });
  if (!result.isReplay && result.event.type === "announcement.redelivery") scheduleAll(result.event.payload.deliveries);
  return result;
}
