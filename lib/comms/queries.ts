// Reading a run's communications inside a transaction: for the snapshot and for the comms commands.
import { ANNOUNCEMENTS_IN_SNAPSHOT, type TRunComms, type TWebhookView } from "../domain/comms-events";
import { ZPlaybook } from "../domain/template-definition";
import { db } from "../db/client";
import type { TTx } from "../timeline/command";
import { toAnnouncementView, toTemplateViews, toWebhookView } from "./views";

export function playbookTemplates(playbook: unknown) {
  const parsed = ZPlaybook.pick({ communicationTemplates: true }).safeParse(playbook);
  return parsed.success ? parsed.data.communicationTemplates : [];
}

export async function loadCommsState(tx: TTx, runId: string, playbook: unknown): Promise<TRunComms> {
  // One after the other: a transaction is one connection, which runs one query at a time.
  const edits = await tx.runCommsTemplate.findMany({ where: { runId } });
  const announcements = await tx.announcement.findMany({
    where: { runId },
    orderBy: [{ postedAt: "desc" }, { id: "desc" }],
    take: ANNOUNCEMENTS_IN_SNAPSHOT,
    include: { deliveries: true },
  });
  const webhooks = await tx.webhook.findMany({ where: { runId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return {
    templates: toTemplateViews(playbookTemplates(playbook), edits),
    announcements: announcements.map(toAnnouncementView),
    webhooks: webhooks.map(toWebhookView),
  };
}

/** Webhooks every run's announcements go to (admins manage them under Webhooks). */
export async function listGlobalWebhooks(): Promise<TWebhookView[]> {
  const rows = await db().webhook.findMany({ where: { runId: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toWebhookView);
}
