// What an announcement looks like on the wire, and when a failed send is worth another try.
// Pure: the sender (lib/comms/deliveries.ts) does the I/O.
import { z } from "zod";
import type { TWebhookFormat } from "./comms-events";
import { plainOutboundText, slackText } from "./safe-text";

export type TWebhookAnnouncement = {
  id: string;
  templateKey: string;
  title: string;
  body: string;
  postedByName: string;
  postedAt: string;
};

export type TWebhookRun = {
  id: string;
  name: string;
  service: string;
  targetVersion: string;
  commit: string | null;
  status: string;
  /** The war room's address, for people who want more than the message. */
  url: string;
};

/**
 * Slack's incoming-webhook body: `{ "text": … }` is all Slack (and Mattermost, Rocket.Chat, Teams'
 * Slack-compatible connectors) need; the text is the announcement as the lead wrote it, with Slack's
 * control characters escaped, so pasted `<!channel>` or `<url|label>` shows as typed and pings nobody.
 */
export function slackPayload(announcement: Pick<TWebhookAnnouncement, "body">): { text: string } {
  return { text: slackText(announcement.body) };
}

/**
 * The generic JSON body: the announcement with the run it belongs to, for anything else to consume.
 * Its consumers often forward the text to chat, so every string drops bidi controls and pings.
 */
export function jsonPayload(announcement: TWebhookAnnouncement, run: TWebhookRun) {
  const text = plainOutboundText;
  const optional = (value: string | null) => (value === null ? null : text(value));
  return {
    type: "warroom.announcement",
    announcement: {
      id: announcement.id,
      kind: announcement.templateKey,
      title: text(announcement.title),
      text: text(announcement.body),
      postedBy: text(announcement.postedByName),
      postedAt: announcement.postedAt,
    },
    run: {
      id: run.id,
      name: text(run.name),
      service: text(run.service),
      version: text(run.targetVersion),
      commit: optional(run.commit),
      status: run.status,
      url: run.url,
    },
  };
}

export function webhookPayload(format: TWebhookFormat, announcement: TWebhookAnnouncement, run: TWebhookRun): unknown {
  return format === "slack" ? slackPayload(announcement) : jsonPayload(announcement, run);
}

/** How many times a delivery is tried in all, and the waits between tries. */
export type TRetryPolicy = { delaysMs: readonly number[]; timeoutMs: number };
export const DEFAULT_RETRY_POLICY: TRetryPolicy = { delaysMs: [2_000, 10_000, 30_000], timeoutMs: 10_000 };

/**
 * One try's outcome. Only the status code and a classified reason are kept, never what the receiver
 * answered: an error page (from an internal service, say) must not reach the war room or the record.
 */
export type TAttemptResult = { kind: "ok" } | { kind: "http"; status: number } | { kind: "network" | "refused"; reason: string };

/**
 * Worth another try: the network, a timeout, rate limiting or a server error. A 4xx means the request
 * itself is wrong; a redirect is never followed; a refused address stays refused.
 */
export function isRetryable(result: TAttemptResult): boolean {
  if (result.kind === "ok" || result.kind === "refused") return false;
  if (result.kind !== "http") return true;
  return result.status === 408 || result.status === 429 || result.status >= 500;
}

/** "HTTP 500", "connection refused", "refused: 127.0.0.1 is a loopback address (…)": one line for the delivery status. */
export function describeAttempt(result: TAttemptResult): string {
  if (result.kind === "ok") return "delivered";
  if (result.kind === "http") return result.status >= 300 && result.status < 400 ? `HTTP ${result.status} (redirects are not followed)` : `HTTP ${result.status}`;
  return result.reason.slice(0, 200);
}

/** A webhook URL: http(s) only, with no user name or password in it. */
export const ZWebhookUrl = z
  .string()
  .trim()
  .max(2000)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Enter the webhook's full URL (https://…)" });
      return;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") ctx.addIssue({ code: "custom", message: "The webhook URL must start with http:// or https://" });
    if (url.username || url.password) ctx.addIssue({ code: "custom", message: "Put no user name or password in the URL" });
  });

/** What screens show of a webhook URL: its host only (the path of a Slack webhook is its secret). */
export function webhookHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "invalid URL";
  }
}
