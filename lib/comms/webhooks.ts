// Destinations (outbound webhooks of every kind): a run's own (leads add, pause and remove them from
// the war room, each change a timeline event) and global ones every run sends to (admins, under
// Webhooks; no run, so no event). A signed webhook's secret is returned once, to whoever added it.
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import { COMMS_EVENTS, type TWebhookRemovedPayload, type TWebhookSavedPayload, type TWebhookView } from "../domain/comms-events";
import { can } from "../domain/roles";
import { AppError, parseInput } from "../errors";
import { assertOutboundUrl } from "../outbound/validate";
import { runCommand, type TCommandResult } from "../timeline/command";
import { destinationFields } from "./destination-fields";
import { ZGlobalWebhook, ZGlobalWebhookRemove, ZGlobalWebhookToggle, ZGlobalWebhookUpdate, ZRemoveRunWebhook, ZSaveRunWebhook } from "./schemas";
import { toWebhookView } from "./views";

export const MAX_WEBHOOKS = 20;

/** The result of adding or changing a run's destination: a new signed webhook's secret, once. */
export type TSaveDestinationResult = TCommandResult & { secret: string | null };

export async function saveRunWebhook(actor: TActor, input: unknown): Promise<TSaveDestinationResult> {
  const data = parseInput(ZSaveRunWebhook, input);
  assertOutboundUrl("url", data.url);
  let shownSecret: string | null = null;
  const result = await runCommand({ runId: data.runId, actor, permission: "comms.post", commandId: data.commandId, references: { webhook: data.webhookId } }, async (tx) => {
    if (!data.webhookId) {
      if (!data.url) throw new AppError("invalid_input", "url: Enter the webhook's full URL (https://…)");
      if ((await tx.webhook.count({ where: { runId: data.runId } })) >= MAX_WEBHOOKS) {
        throw new AppError("invalid_input", `A run has at most ${MAX_WEBHOOKS} webhooks.`);
      }
      const fields = destinationFields(data, null);
      shownSecret = fields.shownSecret;
      const row = await tx.webhook.create({
        data: { runId: data.runId, name: data.name, url: fields.url, format: data.format, triggers: fields.triggers, secret: fields.secret, isEnabled: data.isEnabled, createdById: actor.id, createdByName: actor.name },
      });
      const payload: TWebhookSavedPayload = { webhook: toWebhookView(row), isNew: true };
      return { type: COMMS_EVENTS.webhookSaved, payload };
    }
    const existing = await tx.webhook.findFirst({ where: { id: data.webhookId, runId: data.runId } });
    if (!existing) throw new AppError("not_found", "No such webhook in this run.");
    const format = data.format ?? existing.format;
    const fields = destinationFields({ ...data, format }, existing);
    shownSecret = fields.shownSecret;
    const row = await tx.webhook.update({
      where: { id: existing.id },
      data: { name: data.name ?? existing.name, url: fields.url, format, triggers: fields.triggers, secret: fields.secret, isEnabled: data.isEnabled },
    });
    const payload: TWebhookSavedPayload = { webhook: toWebhookView(row), isNew: false };
    return { type: COMMS_EVENTS.webhookSaved, payload };
  });
  if (result.isReplay) return { ...result, secret: null };
  return { ...result, secret: shownSecret };
}

export async function removeRunWebhook(actor: TActor, input: unknown): Promise<TCommandResult> {
  const { runId, webhookId, commandId } = parseInput(ZRemoveRunWebhook, input);
  return runCommand({ runId, actor, permission: "comms.post", commandId, references: { webhook: webhookId } }, async (tx) => {
    const existing = await tx.webhook.findFirst({ where: { id: webhookId, runId } });
    if (!existing) throw new AppError("not_found", "No such webhook in this run.");
    // Deliveries keep their target's name; their link to the webhook is cleared.
    await tx.webhook.delete({ where: { id: webhookId } });
    const payload: TWebhookRemovedPayload = { webhookId, name: existing.name };
    return { type: COMMS_EVENTS.webhookRemoved, payload };
  });
}

function assertAdmin(actor: TActor): void {
  if (!can(actor.role, "webhooks.manage")) throw new AppError("forbidden", "Only admins manage the webhooks every run posts to.");
}

export async function createGlobalWebhook(actor: TActor, input: unknown): Promise<TWebhookView & { secret: string | null }> {
  assertAdmin(actor);
  const data = parseInput(ZGlobalWebhook, input);
  assertOutboundUrl("url", data.url);
  if ((await db().webhook.count({ where: { runId: null } })) >= MAX_WEBHOOKS) throw new AppError("invalid_input", `At most ${MAX_WEBHOOKS} global webhooks.`);
  const fields = destinationFields(data, null);
  const row = await db().webhook.create({
    data: { name: data.name, url: fields.url, format: data.format, triggers: fields.triggers, secret: fields.secret, runId: null, createdById: actor.id, createdByName: actor.name },
  });
  return { ...toWebhookView(row), secret: fields.shownSecret };
}

/** Admins choose what a global destination is sent on (and may replace a PagerDuty routing key). */
export async function updateGlobalWebhook(actor: TActor, input: unknown): Promise<TWebhookView> {
  assertAdmin(actor);
  const { webhookId, triggers, secret } = parseInput(ZGlobalWebhookUpdate, input);
  const existing = await db().webhook.findFirst({ where: { id: webhookId, runId: null } });
  if (!existing) throw new AppError("not_found", "No such global webhook.");
  const fields = destinationFields({ format: existing.format, triggers, secret }, existing);
  return toWebhookView(await db().webhook.update({ where: { id: webhookId }, data: { triggers: fields.triggers, secret: fields.secret } }));
}

export async function setGlobalWebhookEnabled(actor: TActor, input: unknown): Promise<TWebhookView> {
  assertAdmin(actor);
  const { webhookId, isEnabled } = parseInput(ZGlobalWebhookToggle, input);
  const existing = await db().webhook.findFirst({ where: { id: webhookId, runId: null } });
  if (!existing) throw new AppError("not_found", "No such global webhook.");
  return toWebhookView(await db().webhook.update({ where: { id: webhookId }, data: { isEnabled } }));
}

export async function removeGlobalWebhook(actor: TActor, input: unknown): Promise<void> {
  assertAdmin(actor);
  const { webhookId } = parseInput(ZGlobalWebhookRemove, input);
  const { count } = await db().webhook.deleteMany({ where: { id: webhookId, runId: null } });
  if (count === 0) throw new AppError("not_found", "No such global webhook.");
}
