// Slack incoming webhook, Block Kit: `blocks` with `text` as the notification fallback, the status
// colour on a secondary attachment holding the key figures. User text only ever goes into
// plain_text objects, which Slack shows as typed (no mrkdwn, links or mentions); the fallback is
// mrkdwn, escaped as Slack asks. Limits: https://api.slack.com/reference/block-kit/blocks
// (50 blocks, section text 3,000, header 150, 10 fields of 2,000, button text 75, URL 3,000).
import { slackText } from "../safe-text";
import { plainChat, plainChatLines, runLine, TONE_HEX } from "./chat-text";
import type { TNotice, TNoticeRun } from "./notice";
import { chunks, clip } from "./text";

export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, fields: 10, fieldText: 2000, contextText: 2000, buttonText: 75, url: 3000, fallback: 3000 } as const;

const plain = (text: string) => ({ type: "plain_text" as const, text, emoji: true });

export function slackBlocksPayload(notice: TNotice, run: TNoticeRun, statusLabel: string) {
  const head = [
    { type: "header", text: plain(clip(plainChat(notice.title), SLACK_LIMITS.headerText)) },
    { type: "section", text: plain(clip(plainChat(notice.summary), SLACK_LIMITS.sectionText)) },
  ];
  const tail = [
    { type: "context", elements: [plain(clip(plainChat(runLine(run, statusLabel)), SLACK_LIMITS.contextText))] },
    { type: "actions", elements: [{ type: "button", action_id: "open_war_room", text: plain("Open war room"), url: run.url.slice(0, SLACK_LIMITS.url) }] },
  ];
  // The person's text in as many sections as it needs, within the 50 blocks (one kept for the cut note).
  const room = SLACK_LIMITS.blocks - head.length - tail.length;
  let pieces = notice.text ? chunks(plainChatLines(notice.text), SLACK_LIMITS.sectionText) : [];
  if (pieces.length > room) pieces = [...pieces.slice(0, room - 1), "… the rest is in the war room."];
  const body = pieces.filter((p) => p.trim()).map((p) => ({ type: "section", text: plain(p) }));
  const facts = [...notice.facts, { label: "Run", value: run.name }].slice(0, SLACK_LIMITS.fields);
  return {
    text: clip(slackText(`${notice.title} · ${run.name}: ${notice.summary}`), SLACK_LIMITS.fallback),
    blocks: [...head, ...body, ...tail],
    attachments: [
      {
        color: TONE_HEX[notice.tone],
        blocks: [{ type: "section", fields: facts.map((f) => plain(clip(plainChat(`${f.label}: ${f.value}`), SLACK_LIMITS.fieldText))) }],
      },
    ],
  };
}
