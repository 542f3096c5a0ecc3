"use server";
// Server actions for communications: the war room re-reads its comms context (latest metric values)
// when the composer opens, and a lead's panel re-reads why deliveries failed when one fails; admins manage the global webhooks. Run changes go through socket commands.
import { revalidatePath } from "next/cache";
import { formList, formValues } from "../actions/form";
import { runAction, type TActionResult } from "../actions/safe-action";
import { AppError } from "../errors";
import { loadCommsContext, type TCommsContextData } from "./context";
import { createGlobalWebhook, removeGlobalWebhook, setGlobalWebhookEnabled, updateGlobalWebhook } from "./webhooks";
import type { TWebhookView } from "../domain/comms-events";

export async function refreshCommsContextAction(runId: string): Promise<TActionResult<TCommsContextData>> {
  return runAction("runs.read", async (user) => {
    const context = typeof runId === "string" && runId.length <= 64 ? await loadCommsContext(runId, user.role) : null;
    if (!context) throw new AppError("not_found", "No such run.");
    return context;
  });
}

/** A new global destination; a signed webhook's secret is in it once. */
export type TGlobalWebhookState = { ok: true; data: TWebhookView & { secret: string | null } } | { ok: false; error: string; code: string } | null;

export async function createGlobalWebhookAction(_prev: TGlobalWebhookState, form: FormData): Promise<TGlobalWebhookState> {
  const fields = formValues(form);
  const text = (key: string) => fields[key] ?? "";
  // Checkboxes: what was ticked; none sent at all (a form without them) means the kind's defaults.
  const triggers = fields.triggersShown === "1" ? formList(form, "triggers") : undefined;
  const secret = text("secret").trim() || undefined;
  const result = await runAction("webhooks.manage", (user) => createGlobalWebhook(user, { name: text("name"), url: text("url"), format: text("format"), triggers, secret }));
  if (result.ok) revalidatePath("/admin/webhooks");
  return result;
}

export async function updateGlobalWebhookAction(webhookId: string, triggers: string[]): Promise<TActionResult<TWebhookView>> {
  const result = await runAction("webhooks.manage", (user) => updateGlobalWebhook(user, { webhookId, triggers }));
  if (result.ok) revalidatePath("/admin/webhooks");
  return result;
}

export async function setGlobalWebhookEnabledAction(webhookId: string, isEnabled: boolean): Promise<TActionResult<TWebhookView>> {
  const result = await runAction("webhooks.manage", (user) => setGlobalWebhookEnabled(user, { webhookId, isEnabled }));
  if (result.ok) revalidatePath("/admin/webhooks");
  return result;
}

export async function removeGlobalWebhookAction(webhookId: string): Promise<TActionResult<void>> {
  const result = await runAction("webhooks.manage", (user) => removeGlobalWebhook(user, { webhookId }));
  if (result.ok) revalidatePath("/admin/webhooks");
  return result;
}
