// A notice: what one run event tells the outside world, before any tool's format. Every string is
// plain text exactly as Warroom or a person wrote it; each renderer (render-*.ts) escapes it for its
// target and adds its own markup around it, so user text can never format, link or ping. Pure.
import type { TWebhookAnnouncement, TWebhookRun } from "../webhook-payload";
import type { TNotifyTrigger } from "./kinds";

export type TNoticeTone = "good" | "info" | "warning" | "danger";

export type TNoticeFact = { label: string; value: string };

/**
 * What PagerDuty does with a notice: page (an alert keyed by run and rule, so its resolve finds it),
 * resolve that alert, or record a change event. Notices without it are not sent to PagerDuty.
 */
export type TPageAction =
  | { kind: "trigger"; dedupKey: string; severity: "critical" | "warning"; component: string | null }
  | { kind: "resolve"; dedupKey: string }
  | { kind: "change" };

export type TNotice = {
  /** Which notice of its event this is (an evaluation can recommend one rollback and clear another). */
  key: string;
  /** Destinations sent on any of these triggers receive it. */
  triggers: TNotifyTrigger[];
  tone: TNoticeTone;
  /** One line. */
  title: string;
  /** A sentence or two. */
  summary: string;
  /** A person's text as posted (an announcement's body), shown as a block. */
  text: string | null;
  facts: TNoticeFact[];
  /** When it happened (the event's time). */
  at: string;
  /** The timeline event it reports. */
  eventType: string;
  seq: number;
  page: TPageAction | null;
  /** The announcement itself, for the two announcement formats. */
  announcement: TWebhookAnnouncement | null;
};

/** The run a notice is about, as every message names it. */
export type TNoticeRun = TWebhookRun;

/** PagerDuty's dedup_key: one alert per run and rule (a manual trigger is its own rule). At most 255 characters. */
export const dedupKeyOf = (runId: string, rule: { ruleId: string | null; alertId: string }) =>
  `warroom/${runId}/${rule.ruleId ? `rule/${rule.ruleId}` : `manual/${rule.alertId}`}`.slice(0, 255);

/** A test message for "Send test message": the destination's own format, nothing from any run. */
export function testNotice(now: Date): TNotice {
  return {
    key: "test",
    triggers: [],
    tone: "info",
    title: "Test message from Warroom",
    summary: "This destination is set up: Warroom's notifications will arrive here.",
    text: null,
    facts: [{ label: "Sent", value: now.toISOString() }],
    at: now.toISOString(),
    eventType: "test",
    seq: 0,
    page: { kind: "change" },
    announcement: null,
  };
}
