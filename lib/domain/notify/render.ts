// One notice → the request body a destination of each kind receives (and PagerDuty's path), or null
// when that kind has nothing to say about it. Pure: lib/notify/sender.ts sends it.
import { STATUS_LABELS, type TRunStatus } from "../run-status";
import { slackText, plainOutboundText } from "../safe-text";
import { webhookPayload } from "../webhook-payload";
import type { TDestinationKind } from "./kinds";
import type { TNotice, TNoticeRun } from "./notice";
import { discordPayload } from "./render-discord";
import { mattermostPayload } from "./render-mattermost";
import { pagerDutyPayload } from "./render-pagerduty";
import { signedPayload } from "./render-signed";
import { slackBlocksPayload } from "./render-slack";
import { teamsPayload } from "./render-teams";

export type TRendered = { body: unknown; path: string | null };

export const statusLabelOf = (status: string) => STATUS_LABELS[status as TRunStatus] ?? status;

type TRenderOptions = { routingKey?: string | null; trigger?: string | null };

/** The announcement formats from before destinations: an announcement exactly as they always sent it; a test says so. */
function legacy(kind: "slack" | "json", notice: TNotice, run: TNoticeRun): unknown {
  if (notice.announcement) return webhookPayload(kind, notice.announcement, run);
  if (notice.key !== "test") return null;
  const line = `${notice.title}: ${notice.summary}`;
  return kind === "slack" ? { text: slackText(line) } : { type: "warroom.test", text: plainOutboundText(line), sentAt: notice.at };
}

export function renderNotice(kind: TDestinationKind, notice: TNotice, run: TNoticeRun, options: TRenderOptions = {}): TRendered | null {
  const status = statusLabelOf(run.status);
  const plain = (body: unknown): TRendered | null => (body === null ? null : { body, path: null });
  switch (kind) {
    case "slack":
    case "json":
      return plain(legacy(kind, notice, run));
    case "slack_blocks":
      return plain(slackBlocksPayload(notice, run, status));
    case "teams":
      return plain(teamsPayload(notice, run, status));
    case "mattermost":
      return plain(mattermostPayload(notice, run, status));
    case "discord":
      return plain(discordPayload(notice, run, status));
    case "pagerduty":
      return options.routingKey ? pagerDutyPayload(notice, run, status, options.routingKey) : null;
    case "signed":
      return plain(signedPayload(notice, run, options.trigger ?? notice.triggers[0] ?? "test"));
  }
}
