// Outbound webhooks: a run's own (leads add, pause and remove them from the war room, each change a
// timeline event) and global ones every run posts to (admins, under Webhooks; no run, so no event).
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import { COMMS_EVENTS, type TWebhookRemovedPayload, type TWebhookSavedPayload, type TWebhookView } from "../domain/comms-events";
import { can } from "../domain/roles";
import { AppError, parseInput } from "../errors";
import { assertOutboundUrl } from "../outbound/validate";
import { runCommand, type TCommandResult } from "../timeline/command";
import { ZGlobalWebhook, ZGlobalWebhookRemove, ZGlobalWebhookToggle, ZRemoveRunWebhook, ZSaveRunWebhook } from "./schemas";
import { toWebhookView } from "./views";

export const MAX_WEBHOOKS = 20;

export async function saveRunWebhook(actor: TActor, input: unknown): Promise<TCommandResult> {
  const data = parseInput(ZSaveRunWebhook, input);
  assertOutboundUrl("url", data.url);
  return runCommand({ runId: data.runId, actor, permission: "comms.post", commandId: data.commandId, references: { webhook: data.webhookId } }, async (tx) => {
    if (!data.webhookId) {
      if (!data.url) throw new AppError("invalid_input", "url: Enter the webhook's full URL (https://…)");
      if ((await tx.webhook.count({ where: { runId: data.runId } })) >= MAX_WEBHOOKS) {
        throw new AppError("invalid_input", `A run has at most ${MAX_WEBHOOKS} webhooks.`);
      }
      const row = await tx.webhook.create({
        data: { runId: data.runId, name: data.name, url: data.url, format: data.format, isEnabled: data.isEnabled, createdById: actor.id, createdByName: actor.name },
      });
      const payload: TWebhookSavedPayload = { webhook: toWebhookView(row), isNew: true };
      return { type: COMMS_EVENTS.webhookSaved, payload };
    }
    const existing = await tx.webhook.findFirst({ where: { id: data.webhookId, runId: data.runId } });
    if (!existing) throw new AppError("not_found", "No such webhook in this run.");
    const row = await tx.webhook.update({
      where: { id: existing.id },
      data: { name: data.name ?? existing.name, url: data.url ?? existing.url, format: data.format ?? existing.format, isEnabled: data.isEnabled },
    });
    const payload: TWebhookSavedPayload = { webhook: toWebhookView(row), isNew: false };
    return { type: COMMS_EVENTS.webhookSaved, payload };
  });
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

export async function createGlobalWebhook(actor: TActor, input: unknown): Promise<TWebhookView> {
  assertAdmin(actor);
  const data = parseInput(ZGlobalWebhook, input);
  assertOutboundUrl("url", data.url);
  if ((await db().webhook.count({ where: { runId: null } })) >= MAX_WEBHOOKS) throw new AppError("invalid_input", `At most ${MAX_WEBHOOKS} global webhooks.`);
  const row = await db().webhook.create({ data: { ...data, runId: null, createdById: actor.id, createdByName: actor.name } });
  return toWebhookView(row);
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
