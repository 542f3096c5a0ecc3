// Announcements, webhook deliveries, template edits and decision-guide walks in plain words. Payloads
// are stored JSON: each is checked, and describeEvent falls back to a generic line for anything else.
// zod/mini: these run in the browser (bridge, war room), where the full zod would add ~30 kB.
import { z } from "zod/mini";
import { COMMS_EVENTS } from "./comms-events";
import { DECISION_EVENTS } from "./decision-events";

const ZPosted = z.object({ title: z.string(), deliveries: z._default(z.array(z.unknown()), []) });
const ZDelivery = z.object({
  title: z.string(),
  delivery: z.object({ targetName: z.string(), status: z.enum(["pending", "delivered", "failed"]), attempts: z.number(), lastError: z.nullish(z.string()) }),
});
const ZRedelivery = z.object({ title: z.string(), deliveries: z.array(z.object({ targetName: z.string() })) });
const ZTemplateSaved = z.object({ template: z.object({ title: z.string(), version: z.number() }) });
const ZWebhookSaved = z.object({ webhook: z.object({ name: z.string(), host: z.string(), isEnabled: z.boolean() }), isNew: z.boolean() });
const ZWebhookRemoved = z.object({ name: z.string() });

const ZWalkStarted = z.object({ walk: z.object({ treeTitle: z.string(), signal: z.nullish(z.string()), evidence: z.array(z.string()) }) });
const ZWalkStepped = z.object({ treeTitle: z.string(), step: z.enum(["choose", "back"]), nodeLabel: z.string(), status: z.enum(["open", "decided"]) });
const ZWalkApplied = z.object({ treeTitle: z.string(), actionLabel: z.string(), outcome: z.string() });
const ZWalkAbandoned = z.object({ treeTitle: z.string() });

const quoted = (text: string) => `“${text}”`;
const times = (n: number) => (n === 1 ? "1 attempt" : `${n} attempts`);

type TDescriber = (actor: string, payload: unknown) => string | null;

const describePosted: TDescriber = (actor, payload) => {
  const p = ZPosted.safeParse(payload);
  if (!p.success) return null;
  const n = p.data.deliveries.length;
  return `${actor} posted the announcement ${quoted(p.data.title)}${n ? ` (sending to ${n} ${n === 1 ? "webhook" : "webhooks"})` : ""}`;
};

const describeDelivery: TDescriber = (_actor, payload) => {
  const p = ZDelivery.safeParse(payload);
  if (!p.success) return null;
  const { targetName, status, attempts, lastError } = p.data.delivery;
  if (status === "delivered") return `${quoted(p.data.title)} delivered to ${targetName} (${times(attempts)})`;
  if (status === "failed") return `${quoted(p.data.title)} NOT delivered to ${targetName} after ${times(attempts)}${lastError ? `: ${lastError}` : ""}`;
  return `${quoted(p.data.title)} waiting to be sent to ${targetName}`;
};

const describeRedelivery: TDescriber = (actor, payload) => {
  const p = ZRedelivery.safeParse(payload);
  if (!p.success) return null;
  return `${actor} resent ${quoted(p.data.title)} to ${p.data.deliveries.map((d) => d.targetName).join(", ")}`;
};

const describeTemplateSaved: TDescriber = (actor, payload) => {
  const p = ZTemplateSaved.safeParse(payload);
  if (!p.success) return null;
  return `${actor} edited the ${quoted(p.data.template.title)} template`;
};

const describeWebhookSaved: TDescriber = (actor, payload) => {
  const p = ZWebhookSaved.safeParse(payload);
  if (!p.success) return null;
  const { name, host, isEnabled } = p.data.webhook;
  if (p.data.isNew) return `${actor} added the webhook ${quoted(name)} (${host})`;
  return `${actor} ${isEnabled ? "updated" : "paused"} the webhook ${quoted(name)} (${host})`;
};

const describeWebhookRemoved: TDescriber = (actor, payload) => {
  const p = ZWebhookRemoved.safeParse(payload);
  return p.success ? `${actor} removed the webhook ${quoted(p.data.name)}` : null;
};

const describeWalkStarted: TDescriber = (actor, payload) => {
  const p = ZWalkStarted.safeParse(payload);
  if (!p.success) return null;
  const evidence = p.data.walk.evidence[0];
  return `${actor} started the ${quoted(p.data.walk.treeTitle)} decision guide${evidence ? ` (${evidence}${p.data.walk.evidence.length > 1 ? ", …" : ""})` : ""}`;
};

const describeWalkStepped: TDescriber = (actor, payload) => {
  const p = ZWalkStepped.safeParse(payload);
  if (!p.success) return null;
  if (p.data.step === "back") return `${actor} went back to ${quoted(p.data.nodeLabel)} in ${quoted(p.data.treeTitle)}`;
  return p.data.status === "decided"
    ? `${actor} decided ${quoted(p.data.nodeLabel)} in ${quoted(p.data.treeTitle)}`
    : `${actor} chose ${quoted(p.data.nodeLabel)} in ${quoted(p.data.treeTitle)}`;
};

const describeWalkApplied: TDescriber = (actor, payload) => {
  const p = ZWalkApplied.safeParse(payload);
  if (!p.success) return null;
  return `${actor} applied ${p.data.actionLabel.toUpperCase()} from ${quoted(p.data.treeTitle)}: ${p.data.outcome}`;
};

const describeWalkAbandoned: TDescriber = (actor, payload) => {
  const p = ZWalkAbandoned.safeParse(payload);
  return p.success ? `${actor} closed the ${quoted(p.data.treeTitle)} decision guide without acting` : null;
};

export const COMMS_DESCRIBERS: Record<string, TDescriber> = {
  [COMMS_EVENTS.posted]: describePosted,
  [COMMS_EVENTS.delivery]: describeDelivery,
  [COMMS_EVENTS.redelivery]: describeRedelivery,
  [COMMS_EVENTS.templateSaved]: describeTemplateSaved,
  [COMMS_EVENTS.webhookSaved]: describeWebhookSaved,
  [COMMS_EVENTS.webhookRemoved]: describeWebhookRemoved,
  [DECISION_EVENTS.started]: describeWalkStarted,
  [DECISION_EVENTS.stepped]: describeWalkStepped,
  [DECISION_EVENTS.applied]: describeWalkApplied,
  [DECISION_EVENTS.abandoned]: describeWalkAbandoned,
};
