// What a destination is (its kind: which tool it speaks) and what it is sent on (its triggers), with
// each kind's sensible defaults. Pure, and shared by the screens and the server.
import { WEBHOOK_FORMAT_LABELS, WEBHOOK_FORMATS, type TWebhookFormat } from "../comms-events";

/** A destination's kind is the stored webhook format: the two announcement formats, then one per tool. */
export const DESTINATION_KINDS = WEBHOOK_FORMATS;
export type TDestinationKind = TWebhookFormat;

export const KIND_LABELS: Record<TDestinationKind, string> = WEBHOOK_FORMAT_LABELS;

/** What the address field holds for each kind, as the form asks for it. */
export const ADDRESS_HINTS: Record<TDestinationKind, string> = {
  slack: "https://hooks.slack.com/services/…",
  json: "https://example.com/warroom",
  slack_blocks: "https://hooks.slack.com/services/…",
  teams: "https://….environment.api.powerplatform.com/…/invoke?…",
  mattermost: "https://mattermost.example.com/hooks/…",
  discord: "https://discord.com/api/webhooks/…",
  pagerduty: "https://events.pagerduty.com",
  signed: "https://example.com/warroom-events",
};

/**
 * What can send a message: each is a family of run events (lib/domain/notify/messages.ts maps every
 * event type of the catalogue to its notices and their triggers).
 */
export const NOTIFY_TRIGGERS = [
  "announcement.posted",
  "run.started",
  "status.changed",
  "go_no_go.decided",
  "rollout.stepped",
  "checkpoint.changed",
  "rollback.recommended",
  "rollback.decided",
  "rollback.cleared",
  "rule.inconclusive",
  "run.completed",
  "lock.applied",
] as const;
export type TNotifyTrigger = (typeof NOTIFY_TRIGGERS)[number];

export const TRIGGER_LABELS: Record<TNotifyTrigger, string> = {
  "announcement.posted": "Announcement posted",
  "run.started": "Run started",
  "status.changed": "Status changed",
  "go_no_go.decided": "Go/no-go decided",
  "rollout.stepped": "Rollout stepped",
  "checkpoint.changed": "Checkpoint passed or held",
  "rollback.recommended": "Rollback recommended",
  "rollback.decided": "Rollback decided",
  "rollback.cleared": "Rollback rule cleared",
  "rule.inconclusive": "Rule inconclusive (feed lost)",
  "run.completed": "Run completed or rolled back",
  "lock.applied": "Lock or freeze applied",
};

const ALL: readonly TNotifyTrigger[] = NOTIFY_TRIGGERS;
const CHAT_DEFAULTS: readonly TNotifyTrigger[] = ["announcement.posted", "go_no_go.decided", "rollback.recommended", "rollback.decided", "rollback.cleared", "run.completed"];
const ROLLBACK: readonly TNotifyTrigger[] = ["rollback.recommended", "rollback.decided", "rollback.cleared"];

/**
 * The triggers each kind can send. The two announcement formats carry announcements only (their
 * bodies are an announcement's). PagerDuty pages on rollbacks and records the run's start and end
 * as change events; chat and signed webhooks take everything.
 */
export const KIND_TRIGGERS: Record<TDestinationKind, readonly TNotifyTrigger[]> = {
  slack: ["announcement.posted"],
  json: ["announcement.posted"],
  slack_blocks: ALL,
  teams: ALL,
  mattermost: ALL,
  discord: ALL,
  pagerduty: [...ROLLBACK, "run.started", "run.completed"],
  signed: ALL,
};

/** What a new destination of each kind is sent on unless the person chooses otherwise. */
export const DEFAULT_TRIGGERS: Record<TDestinationKind, readonly TNotifyTrigger[]> = {
  slack: ["announcement.posted"],
  json: ["announcement.posted"],
  slack_blocks: CHAT_DEFAULTS,
  teams: CHAT_DEFAULTS,
  mattermost: CHAT_DEFAULTS,
  discord: CHAT_DEFAULTS,
  // Pages only when a rollback is recommended (and resolves it): anything else would wake people.
  pagerduty: ROLLBACK,
  signed: ALL,
};

/** Kinds whose address is not enough: PagerDuty needs its routing key, a signed webhook its secret (made by Warroom). */
export const isSecretAsked = (kind: TDestinationKind) => kind === "pagerduty";
export const isSecretMade = (kind: TDestinationKind) => kind === "signed";

/** The triggers a destination of this kind may keep from a choice, in catalogue order; unknown words are dropped. */
export function allowedTriggers(kind: TDestinationKind, chosen: readonly string[]): TNotifyTrigger[] {
  const allowed = KIND_TRIGGERS[kind];
  return NOTIFY_TRIGGERS.filter((t) => allowed.includes(t) && chosen.includes(t));
}
