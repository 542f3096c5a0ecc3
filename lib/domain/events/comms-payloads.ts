// Payloads of announcements, their webhook deliveries, the run's comms templates and webhooks. The
// types stay in comms-events.ts; each schema is annotated with its type. zod/mini: parsed in the browser too.
import { z } from "zod/mini";
import {
  COMMS_TEMPLATE_KEYS,
  WEBHOOK_FORMATS,
  type TAnnouncementPostedPayload,
  type TDeliveryPayload,
  type TDeliveryView,
  type TRedeliveryPayload,
  type TTemplateSavedPayload,
  type TWebhookRemovedPayload,
  type TWebhookSavedPayload,
  type TWebhookView,
} from "../comms-events";

const ZDelivery: z.ZodMiniType<TDeliveryView> = z.object({
  id: z.string(),
  targetName: z.string(),
  format: z.enum(WEBHOOK_FORMATS),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number(),
  lastAttemptAt: z.nullable(z.string()),
  deliveredAt: z.nullable(z.string()),
});

export const ZAnnouncementPostedPayload: z.ZodMiniType<TAnnouncementPostedPayload> = z.object({
  id: z.string(),
  templateKey: z.string(),
  title: z.string(),
  body: z.string(),
  postedByName: z.string(),
  postedAt: z.string(),
  deliveries: z.array(ZDelivery),
});

export const ZDeliveryPayload: z.ZodMiniType<TDeliveryPayload> = z.object({
  announcementId: z.string(),
  title: z.string(),
  delivery: ZDelivery,
});

export const ZRedeliveryPayload: z.ZodMiniType<TRedeliveryPayload> = z.object({
  announcementId: z.string(),
  title: z.string(),
  deliveries: z.array(ZDelivery),
});

export const ZTemplateSavedPayload: z.ZodMiniType<TTemplateSavedPayload> = z.object({
  template: z.object({
    key: z.enum(COMMS_TEMPLATE_KEYS),
    title: z.string(),
    cadence: z.string(),
    body: z.string(),
    runbookBody: z.string(),
    version: z.number(),
    updatedByName: z.nullable(z.string()),
    updatedAt: z.nullable(z.string()),
  }),
});

const ZWebhookViewFields = z.object({
  id: z.string(),
  name: z.string(),
  format: z.enum(WEBHOOK_FORMATS),
  host: z.string(),
  isEnabled: z.boolean(),
  scope: z.enum(["run", "global"]),
  createdByName: z.string(),
  // Absent in events stored before destinations had triggers: those sent announcements only.
  triggers: z.optional(z.array(z.string())),
  hasSecret: z.optional(z.boolean()),
});
const ZWebhookView = z.pipe(
  ZWebhookViewFields,
  z.transform((w: z.infer<typeof ZWebhookViewFields>): TWebhookView => ({ ...w, triggers: w.triggers ?? ["announcement.posted"], hasSecret: w.hasSecret ?? false })),
);

export const ZWebhookSavedPayload: z.ZodMiniType<TWebhookSavedPayload> = z.object({ webhook: ZWebhookView, isNew: z.boolean() });

export const ZWebhookRemovedPayload: z.ZodMiniType<TWebhookRemovedPayload> = z.object({ webhookId: z.string(), name: z.string() });
