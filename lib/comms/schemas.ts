// zod schemas for the communications and decision-guide commands (shared by forms and socket handlers).
import { z } from "zod";
import { COMMS_TEMPLATE_KEYS, WEBHOOK_FORMATS } from "../domain/comms-events";
import { NOTIFY_TRIGGERS } from "../domain/notify/kinds";
import { ZWebhookUrl } from "../domain/webhook-payload";
import { ZCommandId } from "../runs/schemas";

const ZId = z.string().trim().min(1).max(64);
export const ZTemplateKey = z.enum(COMMS_TEMPLATE_KEYS);

/** An announcement as posted: a filled template runs longer than the template itself. */
export const MAX_ANNOUNCEMENT_CHARS = 10_000;
const MAX_TEMPLATE_CHARS = 8000;

export const ZPostAnnouncement = z.object({
  runId: ZId,
  templateKey: ZTemplateKey,
  body: z.string().trim().min(1, "The announcement is empty").max(MAX_ANNOUNCEMENT_CHARS, `At most ${MAX_ANNOUNCEMENT_CHARS} characters`),
  /** The field values it was filled from (kept with the announcement for the record). */
  fields: z
    .record(z.string().max(64), z.string().max(1000).nullable())
    .refine((fields) => Object.keys(fields).length <= 64, "At most 64 fields")
    .default({}),
  commandId: ZCommandId,
});
export type TPostAnnouncementInput = z.input<typeof ZPostAnnouncement>;

export const ZRedeliver = z.object({ runId: ZId, announcementId: ZId, commandId: ZCommandId });

export const ZSaveTemplate = z.object({
  runId: ZId,
  key: ZTemplateKey,
  body: z.string().trim().min(1, "The template is empty").max(MAX_TEMPLATE_CHARS, `At most ${MAX_TEMPLATE_CHARS} characters`),
  /** The template version the lead edited (compare-and-set). */
  version: z.number().int().min(0),
  commandId: ZCommandId,
});
export type TSaveTemplateInput = z.input<typeof ZSaveTemplate>;

export const ZWebhookFields = z.object({
  name: z.string().trim().min(1, "Name the webhook").max(100),
  url: ZWebhookUrl,
  format: z.enum(WEBHOOK_FORMATS),
  /** What it is sent on; left out: the kind's defaults (new) or what it had (an edit of the same kind). */
  triggers: z.array(z.enum(NOTIFY_TRIGGERS, { error: "Not a trigger Warroom knows" })).max(NOTIFY_TRIGGERS.length).optional(),
  /** PagerDuty's integration (routing) key; left out on an edit: the stored one is kept. */
  secret: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{20,64}$/, "The routing key is the 32-character integration key from PagerDuty")
    .optional(),
});

/** Add a run webhook (no webhookId), or change one: its URL may be left out to keep the stored one. */
export const ZSaveRunWebhook = z.union([
  ZWebhookFields.extend({ runId: ZId, webhookId: z.undefined().optional(), isEnabled: z.boolean().default(true), commandId: ZCommandId }),
  ZWebhookFields.partial({ url: true }).extend({ runId: ZId, webhookId: ZId, isEnabled: z.boolean(), commandId: ZCommandId }),
]);
export type TSaveRunWebhookInput = z.input<typeof ZSaveRunWebhook>;

export const ZRemoveRunWebhook = z.object({ runId: ZId, webhookId: ZId, commandId: ZCommandId });

export const ZGlobalWebhook = ZWebhookFields;
export const ZGlobalWebhookToggle = z.object({ webhookId: ZId, isEnabled: z.boolean() });
export const ZGlobalWebhookRemove = z.object({ webhookId: ZId });
export const ZGlobalWebhookUpdate = ZWebhookFields.pick({ triggers: true, secret: true }).extend({ webhookId: ZId });

// ───────────────────────────── decision guides ─────────────────────────────

export const ZStartWalk = z.object({
  runId: ZId,
  treeKey: z.string().trim().min(1).max(64),
  /** The signal that offered the tree, with its evidence as shown. */
  signal: z.string().trim().max(64).optional(),
  evidence: z.array(z.string().trim().min(1).max(500)).max(20).default([]),
  commandId: ZCommandId,
});
export type TStartWalkInput = z.input<typeof ZStartWalk>;

export const ZStepWalk = z.object({
  runId: ZId,
  walkId: ZId,
  step: z.discriminatedUnion("kind", [z.object({ kind: z.literal("choose"), nodeId: z.string().trim().min(1).max(64) }), z.object({ kind: z.literal("back") })]),
  /** The walk version the person saw (compare-and-set). */
  version: z.number().int().min(0),
  commandId: ZCommandId,
});
export type TStepWalkInput = z.input<typeof ZStepWalk>;

export const ZApplyWalk = z.object({
  runId: ZId,
  walkId: ZId,
  version: z.number().int().min(0),
  /** Why, for the status change (defaults to the guide's name: the path walked is not for status links). */
  reason: z.string().trim().max(1000).optional(),
  commandId: ZCommandId,
});
export type TApplyWalkInput = z.input<typeof ZApplyWalk>;

export const ZAbandonWalk = z.object({ runId: ZId, walkId: ZId, version: z.number().int().min(0), commandId: ZCommandId });
