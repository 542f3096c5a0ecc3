// Announcements, webhook deliveries, template edits and decision-guide walks in plain words. The
// payloads arrive parsed with the catalogue's schemas (describe-event.ts).
import type { TDescribers } from "./describe-types";

const quoted = (text: string) => `“${text}”`;
const times = (n: number) => (n === 1 ? "1 attempt" : `${n} attempts`);

const describePosted: TDescribers["announcement.posted"] = (actor, p) => {
  const n = p.deliveries.length;
  return `${actor} posted the announcement ${quoted(p.title)}${n ? ` (sending to ${n} ${n === 1 ? "webhook" : "webhooks"})` : ""}`;
};

const describeDelivery: TDescribers["announcement.delivery"] = (_actor, p) => {
  const { targetName, status, attempts } = p.delivery;
  if (status === "delivered") return `${quoted(p.title)} delivered to ${targetName} (${times(attempts)})`;
  if (status === "failed") return `${quoted(p.title)} NOT delivered to ${targetName} after ${times(attempts)}`;
  return `${quoted(p.title)} waiting to be sent to ${targetName}`;
};

const describeRedelivery: TDescribers["announcement.redelivery"] = (actor, p) => {
  return `${actor} resent ${quoted(p.title)} to ${p.deliveries.map((d) => d.targetName).join(", ")}`;
};

const describeTemplateSaved: TDescribers["comms.template_saved"] = (actor, p) => {
  return `${actor} edited the ${quoted(p.template.title)} template`;
};

const describeWebhookSaved: TDescribers["comms.webhook_saved"] = (actor, p) => {
  const { name, host, isEnabled } = p.webhook;
  if (p.isNew) return `${actor} added the webhook ${quoted(name)} (${host})`;
  return `${actor} ${isEnabled ? "updated" : "paused"} the webhook ${quoted(name)} (${host})`;
};

const describeWebhookRemoved: TDescribers["comms.webhook_removed"] = (actor, p) => {
  return `${actor} removed the webhook ${quoted(p.name)}`;
};

const describeWalkStarted: TDescribers["decision.started"] = (actor, p) => {
  const evidence = p.walk.evidence[0];
  return `${actor} started the ${quoted(p.walk.treeTitle)} decision guide${evidence ? ` (${evidence}${p.walk.evidence.length > 1 ? ", …" : ""})` : ""}`;
};

const describeWalkStepped: TDescribers["decision.stepped"] = (actor, p) => {
  if (p.step === "back") return `${actor} went back to ${quoted(p.nodeLabel)} in ${quoted(p.treeTitle)}`;
  return p.status === "decided"
    ? `${actor} decided ${quoted(p.nodeLabel)} in ${quoted(p.treeTitle)}`
    : `${actor} chose ${quoted(p.nodeLabel)} in ${quoted(p.treeTitle)}`;
};

const describeWalkApplied: TDescribers["decision.applied"] = (actor, p) => {
  return `${actor} applied ${p.actionLabel.toUpperCase()} from ${quoted(p.treeTitle)}: ${p.outcome}`;
};

const describeWalkAbandoned: TDescribers["decision.abandoned"] = (actor, p) => {
  return `${actor} closed the ${quoted(p.treeTitle)} decision guide without acting`;
};

export const COMMS_DESCRIBERS = {
  "announcement.posted": describePosted,
  "announcement.delivery": describeDelivery,
  "announcement.redelivery": describeRedelivery,
  "comms.template_saved": describeTemplateSaved,
  "comms.webhook_saved": describeWebhookSaved,
  "comms.webhook_removed": describeWebhookRemoved,
  "decision.started": describeWalkStarted,
  "decision.stepped": describeWalkStepped,
  "decision.applied": describeWalkApplied,
  "decision.abandoned": describeWalkAbandoned,
} satisfies Partial<TDescribers>;
