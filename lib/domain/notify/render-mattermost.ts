// Mattermost incoming webhook: `text` plus Slack-style `attachments` (colour bar, title linking to
// the war room, Markdown text, fields). Every string is escaped Markdown with mentions neutralised
// (Mattermost pings on @user, @all, @channel, @here). Shape and limits:
// https://developers.mattermost.com/integrate/webhooks/incoming/ and
// https://developers.mattermost.com/integrate/reference/message-attachments/ (a post holds at most 16,383 characters).
import { mdInline, mdLines, plainChat, runLine, TONE_HEX } from "./chat-text";
import type { TNotice, TNoticeRun } from "./notice";
import { clip } from "./text";

export const MATTERMOST_LIMITS = { post: 16383, text: 1000, attachmentText: 12000, fallback: 1000, title: 1000, fieldValue: 1000 } as const;

export function mattermostPayload(notice: TNotice, run: TNoticeRun, statusLabel: string) {
  const summary = mdLines(notice.summary);
  const text = notice.text ? `${summary}\n\n${mdLines(notice.text)}` : summary;
  return {
    text: clip(`**${mdInline(notice.title)}** · ${mdInline(run.name)}`, MATTERMOST_LIMITS.text),
    attachments: [
      {
        fallback: clip(plainChat(`${notice.title}: ${notice.summary}`), MATTERMOST_LIMITS.fallback),
        color: TONE_HEX[notice.tone],
        title: clip(plainChat(notice.title), MATTERMOST_LIMITS.title),
        title_link: run.url,
        text: clip(text, MATTERMOST_LIMITS.attachmentText, "…\n\n_The rest is in the war room._"),
        fields: notice.facts.map((f) => ({ title: plainChat(f.label), value: clip(mdInline(f.value), MATTERMOST_LIMITS.fieldValue), short: true })),
        footer: clip(plainChat(runLine(run, statusLabel)), 300),
      },
    ],
  };
}
