// User and Warroom text as each chat target needs it: plain text that pings nobody, or Markdown with
// every syntax character escaped. Pure.
import { markdownInline, markdownLines, neutralizeAllMentions, stripBidiControls } from "../safe-text";
import type { TNoticeRun, TNoticeTone } from "./notice";

/** Plain text for fields a target shows as typed (Slack plain_text, titles): no bidi controls, no pings. */
export const plainChat = (text: string): string => neutralizeAllMentions(stripBidiControls(text)).replace(/[\r\n]+/g, " ").trim();

/** Plain text that may keep its lines (a Slack plain_text section holding an announcement). */
export const plainChatLines = (text: string): string => neutralizeAllMentions(stripBidiControls(text)).trim();

/** One line of Markdown (Mattermost, Discord, Teams): syntax escaped, every mention neutralised. */
export const mdInline = (text: string): string => neutralizeAllMentions(markdownInline(text));

/** Several lines of Markdown, each escaped, the line breaks kept. */
export const mdLines = (text: string): string => neutralizeAllMentions(markdownLines(text));

/** The run in one line: "Checkout 4.2 · checkout 4.2.0 (77aa0bb) · Production rollout". */
export const runLine = (run: TNoticeRun, status: string) =>
  `${run.name} · ${run.service} ${run.targetVersion}${run.commit ? ` (${run.commit})` : ""} · ${status}`;

/** The status colour each tool shows beside a message. */
export const TONE_HEX: Record<TNoticeTone, string> = { good: "#2e7d32", info: "#1565c0", warning: "#f9a825", danger: "#c62828" };
