// Announcements and their webhook deliveries, the run's own wording of its communication templates
// and its webhooks: the timeline events, their payloads, and how each changes what a screen holds.
// Pure, like applyRunEvent (which calls in here): the server's snapshot and the folded events agree.
import type { TRunEvent, TRunEventType } from "./events/catalogue";
import { foldWith, ignored, type TFoldTable } from "./events/tables";
import type { TPlaybook } from "./template-definition";

export const COMMS_EVENTS = {
  posted: "announcement.posted",
  delivery: "announcement.delivery",
  redelivery: "announcement.redelivery",
  templateSaved: "comms.template_saved",
  webhookSaved: "comms.webhook_saved",
  webhookRemoved: "comms.webhook_removed",
} as const satisfies Record<string, TRunEventType>;

export type TCommsTemplateKey = TPlaybook["communicationTemplates"][number]["key"];
export const COMMS_TEMPLATE_KEYS = ["pre_deployment", "in_progress", "complete", "rollback"] as const satisfies readonly TCommsTemplateKey[];

/** What a destination speaks (lib/domain/notify/kinds.ts says what each is sent on). */
export const WEBHOOK_FORMATS = ["slack", "json", "slack_blocks", "teams", "mattermost", "discord", "pagerduty", "signed"] as const;
export type TWebhookFormat = (typeof WEBHOOK_FORMATS)[number];
export const WEBHOOK_FORMAT_LABELS: Record<TWebhookFormat, string> = {
  slack: "Slack (text)",
  json: "Generic JSON",
  slack_blocks: "Slack (Block Kit)",
  teams: "Microsoft Teams (Workflows)",
  mattermost: "Mattermost",
  discord: "Discord",
  pagerduty: "PagerDuty (Events API v2)",
  signed: "Signed event webhook",
};

export type TDeliveryStatus = "pending" | "delivered" | "failed";

/**
 * A delivery as events and snapshots carry it, so as viewers, status pages and exports see it: no
 * error text. Why a delivery failed is for leads and admins only (TCommsContextData.deliveryErrors).
 */
export type TDeliveryView = {
  id: string;
  targetName: string;
  format: TWebhookFormat;
  status: TDeliveryStatus;
  attempts: number;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
};

export type TAnnouncementView = {
  id: string;
  templateKey: string;
  title: string;
  /** The text exactly as posted (and sent). */
  body: string;
  postedByName: string;
  postedAt: string;
  deliveries: TDeliveryView[];
};

export type TCommsTemplateView = {
  key: TCommsTemplateKey;
  title: string;
  cadence: string;
  /** The wording in use: the run's edit, else the runbook's. */
  body: string;
  runbookBody: string;
  /** 0 while the runbook's text is in use; each edit adds one (compare-and-set). */
  version: number;
  updatedByName: string | null;
  updatedAt: string | null;
};

export type TWebhookView = {
  id: string;
  name: string;
  format: TWebhookFormat;
  /** Only the host: the URL itself is a credential. */
  host: string;
  isEnabled: boolean;
  scope: "run" | "global";
  createdByName: string;
  /** What it is sent on (lib/domain/notify/kinds.ts); events stored before triggers read as announcements only. */
  triggers: string[];
  /** A PagerDuty routing key or signing secret is stored (never shown again). */
  hasSecret: boolean;
};

export type TRunComms = {
  templates: TCommsTemplateView[];
  /** Newest first, bounded: what the war room and the stakeholder view show. */
  announcements: TAnnouncementView[];
  /** This run's own webhooks (global ones are configured by admins, outside any run). */
  webhooks: TWebhookView[];
};

export const EMPTY_COMMS: TRunComms = { templates: [], announcements: [], webhooks: [] };
export const ANNOUNCEMENTS_IN_SNAPSHOT = 50;

/** The announcement itself, flat: a stakeholder's projection keeps `title` and `body` (lib/domain/public-status.ts). */
export type TAnnouncementPostedPayload = TAnnouncementView;
export type TDeliveryPayload = { announcementId: string; title: string; delivery: TDeliveryView };
export type TRedeliveryPayload = { announcementId: string; title: string; deliveries: TDeliveryView[] };
export type TTemplateSavedPayload = { template: TCommsTemplateView };
export type TWebhookSavedPayload = { webhook: TWebhookView; isNew: boolean };
export type TWebhookRemovedPayload = { webhookId: string; name: string };

type TFoldable = { comms: TRunComms };

function mapDeliveries(comms: TRunComms, announcementId: string, replace: TDeliveryView[]): TRunComms {
  const byId = new Map(replace.map((d) => [d.id, d]));
  return {
    ...comms,
    announcements: comms.announcements.map((a) =>
      a.id === announcementId ? { ...a, deliveries: a.deliveries.map((d) => byId.get(d.id) ?? d) } : a,
    ),
  };
}

/** What each event does to the communications part of a snapshot. */
export const COMMS_FOLD = {
  "announcement.posted": (comms, { payload: announcement }) => ({
    ...comms,
    announcements: [announcement, ...comms.announcements].slice(0, ANNOUNCEMENTS_IN_SNAPSHOT),
  }),
  "announcement.delivery": (comms, { payload: p }) => mapDeliveries(comms, p.announcementId, [p.delivery]),
  "announcement.redelivery": (comms, { payload: p }) => mapDeliveries(comms, p.announcementId, p.deliveries),
  "comms.template_saved": (comms, { payload: { template } }) => ({
    ...comms,
    templates: comms.templates.map((t) => (t.key === template.key ? template : t)),
  }),
  "comms.webhook_saved": (comms, { payload: { webhook } }) => {
    const exists = comms.webhooks.some((w) => w.id === webhook.id);
    return { ...comms, webhooks: exists ? comms.webhooks.map((w) => (w.id === webhook.id ? webhook : w)) : [...comms.webhooks, webhook] };
  },
  "comms.webhook_removed": (comms, { payload: p }) => ({ ...comms, webhooks: comms.webhooks.filter((w) => w.id !== p.webhookId) }),
  ...ignored(
    "run.created",
    "item.changed",
    "run.status_changed",
    "rollout.advanced",
    "check.completed",
    "poll.opened",
    "poll.voted",
    "poll.closed",
    "poll.overridden",
    "run.role_reassigned",
    "metrics.states_changed",
    "metrics.rule_saved",
    "metrics.metric_declared",
    "metrics.token_created",
    "metrics.token_revoked",
    "rollback.triggered",
    "rollback.acknowledged",
    "rollback.decided",
    "decision.started",
    "decision.stepped",
    "decision.applied",
    "decision.abandoned",
    "share.created",
    "share.revoked",
    "lock.taken",
    "lock.released",
    "freeze.saved",
    "freeze.removed",
    "guard.overridden",
    "flagger.event",
    "run.marked_faulty",
    "hidden",
  ),
} satisfies TFoldTable<TRunComms>;

/** Fold one event into the communications part of a snapshot (other event types pass through). */
export function applyCommsEvent<T extends TFoldable>(snapshot: T, event: TRunEvent): T {
  const current = snapshot.comms ?? EMPTY_COMMS;
  const comms = foldWith(COMMS_FOLD, current, event);
  return comms === current ? snapshot : { ...snapshot, comms };
}

/** Announcements, deliveries, template versions and webhooks as one comparable string (part of stateFingerprint). */
export function commsFingerprint(snapshot: TFoldable): string {
  const comms = snapshot.comms ?? EMPTY_COMMS;
  const announcements = comms.announcements
    .map((a) => `${a.id}[${a.deliveries.map((d) => `${d.id}=${d.status}/${d.attempts}`).join(",")}]`)
    .join(";");
  const templates = comms.templates.map((t) => `${t.key}@${t.version}`).join(",");
  const webhooks = comms.webhooks.map((w) => `${w.id}:${w.isEnabled ? 1 : 0}:${w.format}`).join(",");
  return `${announcements}|${templates}|${webhooks}`;
}

/** "2 of 3 delivered, 1 failed" — an announcement's deliveries in a few words. */
export function deliverySummary(deliveries: readonly TDeliveryView[]): string {
  if (deliveries.length === 0) return "not sent to any webhook";
  const count = (s: TDeliveryStatus) => deliveries.filter((d) => d.status === s).length;
  const parts = [`${count("delivered")} of ${deliveries.length} delivered`];
  if (count("pending")) parts.push(`${count("pending")} sending`);
  if (count("failed")) parts.push(`${count("failed")} failed`);
  return parts.join(", ");
}
