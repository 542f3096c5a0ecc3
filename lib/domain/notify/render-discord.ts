// Discord execute-webhook: `content` (≤ 2,000) and one embed (title ≤ 256, description ≤ 4,096,
// ≤ 25 fields of name ≤ 256 / value ≤ 1,024, footer ≤ 2,048, ≤ 6,000 characters across the embeds),
// with `allowed_mentions` empty so nothing in it pings anyone, whatever it says. Markdown escaped,
// mentions broken as well. https://discord.com/developers/docs/resources/webhook#execute-webhook,
// https://discord.com/developers/docs/resources/message#embed-object-embed-limits and
// #allowed-mentions-object.
import { mdInline, mdLines, runLine, TONE_HEX } from "./chat-text";
import type { TNotice, TNoticeRun } from "./notice";
import { clip } from "./text";

export const DISCORD_LIMITS = { content: 2000, embeds: 10, title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, total: 6000 } as const;

const MORE = "…\n\n*The rest is in the war room.*";

export function discordPayload(notice: TNotice, run: TNoticeRun, statusLabel: string) {
  const title = clip(mdInline(notice.title), DISCORD_LIMITS.title);
  const footer = clip(mdInline(runLine(run, statusLabel)), DISCORD_LIMITS.footer);
  const fields = notice.facts.slice(0, DISCORD_LIMITS.fields).map((f) => ({
    name: clip(mdInline(f.label), DISCORD_LIMITS.fieldName),
    value: clip(mdInline(f.value), DISCORD_LIMITS.fieldValue),
    inline: true,
  }));
  const fixed = title.length + footer.length + fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const summary = mdLines(notice.summary);
  const full = notice.text ? `${summary}\n\n${mdLines(notice.text)}` : summary;
  const description = clip(full, Math.max(MORE.length + 1, Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.total - fixed)), MORE);
  return {
    content: clip(`**${mdInline(notice.title)}** · ${mdInline(run.name)}`, DISCORD_LIMITS.content),
    embeds: [
      {
        title,
        url: run.url,
        description,
        color: Number.parseInt(TONE_HEX[notice.tone].slice(1), 16),
        fields,
        footer: { text: footer },
        timestamp: notice.at,
      },
    ],
    allowed_mentions: { parse: [] as string[] },
  };
}
