// Database rows → what screens and events carry (the same shapes the snapshot folds).
import type { TAnnouncementView, TCommsTemplateView, TDeliveryView, TWebhookView } from "../domain/comms-events";
import { webhookHost } from "../domain/webhook-payload";
import type { TPlaybook } from "../domain/template-definition";
import type { Announcement, Delivery, RunCommsTemplate, Webhook } from "../generated/prisma/client";

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toDeliveryView(row: Delivery): TDeliveryView {
  return {
    id: row.id,
    targetName: row.targetName,
    format: row.format,
    status: row.status,
    attempts: row.attempts,
    lastAttemptAt: iso(row.lastAttemptAt),
    deliveredAt: iso(row.deliveredAt),
  };
}

export function toAnnouncementView(row: Announcement & { deliveries: Delivery[] }): TAnnouncementView {
  return {
    id: row.id,
    templateKey: row.templateKey,
    title: row.title,
    body: row.body,
    postedByName: row.postedByName,
    postedAt: row.postedAt.toISOString(),
    // Creation order: ids are cuids, which sort by time.
    deliveries: [...row.deliveries].sort((a, b) => a.id.localeCompare(b.id)).map(toDeliveryView),
  };
}

export function toWebhookView(row: Webhook): TWebhookView {
  return {
    id: row.id,
    name: row.name,
    format: row.format,
    host: webhookHost(row.url),
    isEnabled: row.isEnabled,
    scope: row.runId ? "run" : "global",
    createdByName: row.createdByName,
    triggers: row.triggers,
    hasSecret: row.secret !== null,
  };
}

/** The run's templates: the runbook's wording, or the run's own edit of it. */
export function toTemplateViews(playbookTemplates: TPlaybook["communicationTemplates"], edits: RunCommsTemplate[]): TCommsTemplateView[] {
  return playbookTemplates.map((t) => {
    const edit = edits.find((e) => e.key === t.key);
    return {
      key: t.key,
      title: t.title,
      cadence: t.cadence,
      body: edit?.body ?? t.body,
      runbookBody: t.body,
      version: edit?.version ?? 0,
      updatedByName: edit?.updatedByName ?? null,
      updatedAt: iso(edit?.updatedAt ?? null),
    };
  });
}
