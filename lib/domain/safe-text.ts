// User-entered text leaving Warroom: the Markdown record, chat and JSON webhook bodies. Screens
// isolate user text with <bdi> (components/ui/user-text.tsx); text that leaves has no such wrapper,
// so the characters that could reorder, format, embed or page people are taken out or escaped here.
// Pure.

/**
 * Bidi embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069) and marks (U+200E/F,
 * U+061C): one of these in a run name reversed the commit printed beside it. Legitimate right-to-left
 * text needs none of them to display; readers lay it out from the letters themselves.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, "");
}

/**
 * The same for every string in a JSON export, keys included: a record downloaded as JSON ends up in
 * spreadsheets and tickets where nothing isolates it either.
 */
export function stripBidiControlsDeep<T>(value: T): T {
  if (typeof value === "string") return stripBidiControls(value) as T;
  if (Array.isArray(value)) return value.map(stripBidiControlsDeep) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [stripBidiControls(k), stripBidiControlsDeep(v)])) as T;
  }
  return value;
}

/** Zero-width space: invisible, and enough to stop Slack, Discord and Teams reading a mention. */
const BREAK = "\u200B";

/**
 * Whole-channel pings (`@channel`, `@here`, `@everyone`) and Slack's mention tokens (`<!channel>`,
 * `<!subteam^…>`, `<@U123>`, `<#C123>`) lose their power; the words stay readable. An announcement
 * is written for stakeholders, not to page a channel at 3 a.m. on someone else's behalf.
 */
export function neutralizeMentions(text: string): string {
  // Not inside a word: "ops@here.example" is an address, not a ping.
  return text.replace(/(?<![\w.])@(channel|here|everyone)\b/gi, `@${BREAK}$1`).replace(/<([!@#])/g, `<${BREAK}$1`);
}

/**
 * Every mention a chat tool could read, not only whole-channel ones: `@all` (Mattermost), `@alice`
 * (a person), `<at>` (Teams) and Slack's tokens. A zero-width space after the `@` or `<` keeps the
 * words readable and pings nobody; addresses ("ops@example.com") are left alone.
 */
export function neutralizeAllMentions(text: string): string {
  return text.replace(/(?<![\w.])@(?=[\p{L}\p{N}_])/gu, `@${BREAK}`).replace(/<([!@#]|at\b)/gi, `<${BREAK}$1`);
}

/** Text for any chat or JSON consumer: no bidi controls, no pings. */
export function plainOutboundText(text: string): string {
  return neutralizeMentions(stripBidiControls(text));
}

/**
 * Slack's `text` field: Slack reads `&`, `<` and `>` as its own control characters (links, mentions,
 * entities) and asks senders to escape exactly those three as HTML entities. Its mrkdwn (*bold*,
 * `code`) is left to the lead who writes the announcement.
 */
export function slackText(text: string): string {
  const escaped = stripBidiControls(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return neutralizeMentions(escaped);
}

/**
 * Every character Markdown (CommonMark + GFM) could read as syntax anywhere in a line: emphasis,
 * code, links and images, raw HTML and autolinks, entities, tables, strikethrough, and `@` (GitHub
 * and GitLab mentions). All are ASCII punctuation, so a backslash shows them as themselves.
 */
const MARKDOWN_SYNTAX = /[\\`*_[\]!<>|~&@]/g;

/**
 * Line starts that open a block, should the field begin a line: an ATX heading ("# "), a list item
 * ("- ", "+ "), a setext underline or thematic break ("===", "---"), an ordered item ("1." or "1)").
 * "#midi-deploy" or "-5%" open nothing and stay as they are.
 */
const BLOCK_MARK = /^(?:#{1,6}(?=\s|$)|[+-](?=\s|$)|=+$|-+$)/;
const ORDERED_MARK = /^(\d{1,9})([.)])(?=\s|$)/;

/**
 * One field of user text as one line of Markdown, shown as typed: bidi controls dropped, line breaks
 * folded to spaces (a reason cannot open a heading on the next line), syntax escaped, bare URLs kept
 * from turning into links (GFM autolinks any `https://` or `www.` it finds; a link to a tracking pixel
 * fetched by a preview is still a tracking pixel), and pings neutralised.
 */
export function markdownInline(text: string): string {
  const oneLine = stripBidiControls(text)
    .replace(/[\r\n\u2028\u2029\u0085\v\f]+/g, " ")
    .replace(/[ \t]+/g, " ")
    .trim();
  const escaped = oneLine
    .replace(MARKDOWN_SYNTAX, "\\$&")
    .replace(/:\/\//g, "\\://")
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\\.`)
    .replace(BLOCK_MARK, "\\$&")
    .replace(ORDERED_MARK, "$1\\$2");
  return neutralizeMentions(escaped);
}

/**
 * Several lines of user text as Markdown (chat bodies: Mattermost, Discord, Teams), shown as typed:
 * each line escaped as markdownInline escapes one (so no line opens a heading, list or quote), the
 * line breaks kept, and every mention neutralised.
 */
export function markdownLines(text: string): string {
  return stripBidiControls(text)
    .split(/\r\n|[\r\n\u2028\u2029\u0085]/)
    .map((line) => (line.trim() === "" ? "" : markdownInline(line)))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * Text inside a fenced code block (announcement bodies, the runbook's block) is shown verbatim by
 * every Markdown reader, so it needs no escaping, only what survives a copy into chat.
 */
export function markdownVerbatim(text: string): string {
  return plainOutboundText(text);
}
