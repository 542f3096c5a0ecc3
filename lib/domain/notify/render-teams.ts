// Microsoft Teams Workflows webhook ("When a Teams webhook request is received"): a message with
// one Adaptive Card 1.4 attachment, a coloured header, the text, a FactSet and an "Open war room"
// action. TextBlocks read a Markdown subset, so every string is escaped; Teams mentions need <at>
// tags, which the escaping breaks. The whole message must stay under 28 KB.
// https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook
// and https://adaptivecards.io/explorer/ (schema 1.4).
import { mdInline, mdLines, runLine } from "./chat-text";
import type { TNotice, TNoticeRun, TNoticeTone } from "./notice";
import { clip, jsonBytes } from "./text";

/** 28 KB read as 28,000 bytes of the whole JSON body: the stricter reading of "KB". */
export const TEAMS_LIMITS = { bytes: 28_000 } as const;

const CONTAINER_STYLE: Record<TNoticeTone, string> = { good: "good", info: "accent", warning: "warning", danger: "attention" };

function card(notice: TNotice, run: TNoticeRun, statusLabel: string, text: string | null) {
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            {
              type: "Container",
              style: CONTAINER_STYLE[notice.tone],
              items: [
                { type: "TextBlock", text: mdInline(notice.title), weight: "Bolder", size: "Medium", wrap: true },
                { type: "TextBlock", text: mdInline(runLine(run, statusLabel)), isSubtle: true, spacing: "None", wrap: true },
              ],
            },
            { type: "TextBlock", text: mdLines(notice.summary), wrap: true },
            ...(text ? [{ type: "TextBlock", text, wrap: true }] : []),
            ...(notice.facts.length ? [{ type: "FactSet", facts: notice.facts.map((f) => ({ title: mdInline(f.label), value: mdInline(f.value) })) }] : []),
          ],
          actions: [{ type: "Action.OpenUrl", title: "Open war room", url: run.url }],
          msteams: { width: "Full" },
        },
      },
    ],
  };
}

export function teamsPayload(notice: TNotice, run: TNoticeRun, statusLabel: string) {
  let text = notice.text ? mdLines(notice.text) : null;
  let body = card(notice, run, statusLabel, text);
  // Shorten the person's text until the message fits (emoji count four bytes each).
  while (text && jsonBytes(body) > TEAMS_LIMITS.bytes) {
    const over = jsonBytes(body) - TEAMS_LIMITS.bytes;
    text = clip(text, Math.max(0, text.length - Math.max(64, Math.ceil(over / 2))), "…\n\n_The rest is in the war room._");
    body = card(notice, run, statusLabel, text);
  }
  return body;
}
