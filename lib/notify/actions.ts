"use server";
// Server actions for destinations: leads add one to a run (a signed webhook's secret is answered
// once, here), test it, read its deliveries and resend a failed one; admins do the same for the
// global destinations. Pausing and removing a run's destination stay socket commands.
import { revalidatePath } from "next/cache";
import { runAction, type TActionResult } from "../actions/safe-action";
import { saveRunWebhook } from "../comms/webhooks";
import { AppError } from "../errors";
import { listDestinationDeliveries, resendDelivery, sendTestMessage, type TDestinationDelivery, type TTestOutcome } from "./destinations";

const id = (value: unknown, field: string): string => {
  if (typeof value !== "string" || value.length === 0 || value.length > 64) throw new AppError("invalid_input", `${field}: not an id`);
  return value;
};

/** Adds a destination to a run; the answer carries a new signed webhook's secret, shown once. */
export async function addRunDestinationAction(input: unknown): Promise<TActionResult<{ seq: number; secret: string | null }>> {
  return runAction("comms.post", async (user) => {
    const { event, secret } = await saveRunWebhook(user, input);
    return { seq: event.seq, secret };
  });
}

export async function testRunDestinationAction(runId: string, webhookId: string): Promise<TActionResult<TTestOutcome>> {
  return runAction("comms.post", (user) => sendTestMessage(user, { runId: id(runId, "runId") }, id(webhookId, "webhookId")));
}

export async function runDeliveriesAction(runId: string): Promise<TActionResult<TDestinationDelivery[]>> {
  return runAction("comms.post", (user) => listDestinationDeliveries(user, { runId: id(runId, "runId") }));
}

export async function resendRunDeliveryAction(runId: string, deliveryId: string): Promise<TActionResult<void>> {
  return runAction("comms.post", (user) => resendDelivery(user, { runId: id(runId, "runId") }, id(deliveryId, "deliveryId")));
}

export async function testGlobalDestinationAction(webhookId: string): Promise<TActionResult<TTestOutcome>> {
  return runAction("webhooks.manage", (user) => sendTestMessage(user, { runId: null }, id(webhookId, "webhookId")));
}

export async function globalDeliveriesAction(): Promise<TActionResult<TDestinationDelivery[]>> {
  return runAction("webhooks.manage", (user) => listDestinationDeliveries(user, { runId: null }));
}

export async function resendGlobalDeliveryAction(deliveryId: string): Promise<TActionResult<void>> {
  const result = await runAction("webhooks.manage", (user) => resendDelivery(user, { runId: null }, id(deliveryId, "deliveryId")));
  if (result.ok) revalidatePath("/admin/webhooks");
  return result;
}
