// The matrix's server actions for destinations (lib/notify/actions.ts, and the admin's trigger
// choice in lib/comms/actions.ts): a run's for leads and admins, the global ones for admins.
import { createGlobalWebhook } from "../../comms/webhooks";
import { db } from "../../db/client";
import { deliveriesDone, removeGlobalWebhooks, runWebhook, webhookUrl } from "./arrange";
import { actionCall, type TEntry } from "./calls";
import { world } from "./world";

const FILE = "lib/notify/actions.ts";
const globalWebhook = async () => (await createGlobalWebhook(world.team.admin, { name: "Company chat", url: webhookUrl(), format: "json" })).id;

/** A failed delivery of a run's event (not an announcement's) to this destination, ready to be resent. */
async function failedDelivery(runId: string, webhookId: string): Promise<string> {
  const row = await db().delivery.create({ data: { runId, webhookId, targetName: "Team chat", format: "json", trigger: "status.changed", status: "failed", attempts: 4, lastError: "HTTP 500: the service failed" } });
  return row.id;
}

export const NOTIFY_ACTION_ENTRIES: [string, TEntry][] = [
  [
    `action ${FILE}#addRunDestinationAction`,
    {
      permission: "comms.post",
      isMutation: true,
      prepare: async (c) => ({ runId: c.run.id, name: "Team chat", url: webhookUrl(), format: "slack_blocks" }),
      call: actionCall(FILE, "addRunDestinationAction", (_c, input) => [input]),
    },
  ],
  [
    `action ${FILE}#testRunDestinationAction`,
    {
      permission: "comms.post",
      isMutation: false,
      prepare: async (c) => runWebhook(c.run.id),
      call: actionCall(FILE, "testRunDestinationAction", (c, webhookId) => [c.run.id, webhookId]),
    },
  ],
  [
    `action ${FILE}#runDeliveriesAction`,
    { permission: "comms.post", isMutation: false, prepare: async () => null, call: actionCall(FILE, "runDeliveriesAction", (c) => [c.run.id]) },
  ],
  [
    `action ${FILE}#resendRunDeliveryAction`,
    {
      permission: "comms.post",
      isMutation: true,
      prepare: async (c) => failedDelivery(c.run.id, await runWebhook(c.run.id)),
      call: actionCall(FILE, "resendRunDeliveryAction", (c, deliveryId) => [c.run.id, deliveryId]),
      settle: deliveriesDone,
    },
  ],
  [
    `action ${FILE}#testGlobalDestinationAction`,
    { permission: "webhooks.manage", isMutation: false, prepare: globalWebhook, call: actionCall(FILE, "testGlobalDestinationAction", (_c, id) => [id]), cleanup: removeGlobalWebhooks },
  ],
  [
    `action ${FILE}#globalDeliveriesAction`,
    { permission: "webhooks.manage", isMutation: false, prepare: async () => null, call: actionCall(FILE, "globalDeliveriesAction", () => []) },
  ],
  [
    `action ${FILE}#resendGlobalDeliveryAction`,
    {
      permission: "webhooks.manage",
      isMutation: true,
      prepare: async (c) => failedDelivery(c.run.id, await globalWebhook()),
      call: actionCall(FILE, "resendGlobalDeliveryAction", (_c, deliveryId) => [deliveryId]),
      settle: deliveriesDone,
      cleanup: removeGlobalWebhooks,
    },
  ],
  [
    "action lib/comms/actions.ts#updateGlobalWebhookAction",
    {
      permission: "webhooks.manage",
      isMutation: true,
      prepare: async () => (await createGlobalWebhook(world.team.admin, { name: "Company chat", url: webhookUrl(), format: "slack_blocks" })).id,
      call: actionCall("lib/comms/actions.ts", "updateGlobalWebhookAction", (_c, id) => [id, ["rollback.recommended"]]),
      cleanup: removeGlobalWebhooks,
    },
  ],
];
