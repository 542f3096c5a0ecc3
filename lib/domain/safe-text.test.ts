import { describe, expect, it } from "vitest";
import { markdownInline, markdownVerbatim, neutralizeMentions, plainOutboundText, slackText, stripBidiControls, stripBidiControlsDeep } from "./safe-text";

const ZWSP = "\u200B";

describe("stripBidiControls", () => {
  it.each([
    ["RLO reversing what follows", "deploy\u202Egpj.exe", "deploygpj.exe"],
    ["every embedding and override", "a\u202Ab\u202Bc\u202Cd\u202De\u202Ef", "abcdef"],
    ["isolates", "a\u2066b\u2067c\u2068d\u2069e", "abcde"],
    ["marks", "a\u200Eb\u200Fc\u061Cd", "abcd"],
    ["right-to-left letters stay", "שחרור 9.0", "שחרור 9.0"],
    ["plain text unchanged", "Deploy MIDI 9", "Deploy MIDI 9"],
  ])("%s", (_, input, expected) => {
    expect(stripBidiControls(input)).toBe(expected);
  });
});

describe("stripBidiControlsDeep", () => {
  it("cleans every string of a JSON export and leaves the rest alone", () => {
    const input = { run: { name: "MIDI\u202E 9", commit: null, percent: 10, tags: ["a\u2066b"] }, ok: true, ["k\u200F"]: "v" };
    expect(stripBidiControlsDeep(input)).toEqual({ run: { name: "MIDI 9", commit: null, percent: 10, tags: ["ab"] }, ok: true, k: "v" });
  });
});

describe("neutralizeMentions", () => {
  it.each([
    ["@channel", `@${ZWSP}channel`],
    ["hey @here now", `hey @${ZWSP}here now`],
    ["@EVERYONE", `@${ZWSP}EVERYONE`],
    ["<!channel>", `<${ZWSP}!channel>`],
    ["<!subteam^S123|ops>", `<${ZWSP}!subteam^S123|ops>`],
    ["<@U123ABC>", `<${ZWSP}@U123ABC>`],
    ["<#C123>", `<${ZWSP}#C123>`],
    // Not a broadcast word: addresses and handles read as they are.
    ["ops@here.example", "ops@here.example"],
    ["(@here)", `(@${ZWSP}here)`],
    ["@channels-team", "@channels-team"],
    ["mail ops@example.com", "mail ops@example.com"],
  ])("%s", (input, expected) => {
    expect(neutralizeMentions(input)).toBe(expected);
  });
});

describe("slackText", () => {
  it.each([
    ["Slack's three control characters", "a & b < c > d", "a &amp; b &lt; c &gt; d"],
    ["an existing entity is shown, not decoded", "&lt;b&gt;", "&amp;lt;b&amp;gt;"],
    ["a mention token", "<!channel> deploy", "&lt;!channel&gt; deploy"],
    ["a user mention", "ping <@U024BE7LH>", "ping &lt;@U024BE7LH&gt;"],
    ["a disguised link", "<https://evil.example/x|status page>", "&lt;https://evil.example/x|status page&gt;"],
    ["a plain-word ping", "@here canary at 10%", `@${ZWSP}here canary at 10%`],
    ["a bidi override", "v9\u202E.0", "v9.0"],
    ["mrkdwn the lead wrote stays", "*Canary* at `10%`", "*Canary* at `10%`"],
  ])("%s", (_, input, expected) => {
    expect(slackText(input)).toBe(expected);
  });
});

describe("plainOutboundText", () => {
  it("strips bidi controls and neutralises pings, leaving the rest as typed", () => {
    expect(plainOutboundText("\u202Eok <!here> & <b>")).toBe(`ok <${ZWSP}!here> & <b>`);
  });
});

describe("markdownInline", () => {
  it.each([
    ["a heading on a new line", "fine\n# Pwned", "fine # Pwned"],
    ["a heading", "# Pwned", "\\# Pwned"],
    ["CRLF and Unicode line breaks", "a\r\n\r\nb\u2028c\u2029d", "a b c d"],
    ["a tracking image", "![x](https://t.example/p.gif)", "\\!\\[x\\](https\\://t.example/p.gif)"],
    ["a link", "[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))"],
    ["raw HTML", '<img src="https://t.example/p.gif">', '\\<img src="https\\://t.example/p.gif"\\>'],
    ["an autolink", "<https://t.example>", "\\<https\\://t.example\\>"],
    ["a bare URL GFM would link", "see https://t.example/x", "see https\\://t.example/x"],
    ["a www link GFM would link", "see www.t.example", "see www\\.t.example"],
    ["an entity that decodes to an override", "&#x202E;", "\\&#x202E;"],
    ["emphasis and code", "*a* _b_ `c` ~d~", "\\*a\\* \\_b\\_ \\`c\\` \\~d\\~"],
    ["a table cell break", "a | b", "a \\| b"],
    ["a backslash", "C:\\path", "C:\\\\path"],
    ["a leading list marker", "- item", "\\- item"],
    ["a leading ordered marker", "1. item", "1\\. item"],
    ["a setext underline", "===", "\\==="],
    ["a thematic break", "---", "\\---"],
    ["a channel name is not a heading", "#midi-deploy", "#midi-deploy"],
    ["a negative number is not a list", "-5% errors", "-5% errors"],
    ["a version is not an ordered list", "9.0.1", "9.0.1"],
    ["a quote", "> quoted", "\\> quoted"],
    ["Slack's channel ping", "<!channel>", "\\<\\!channel\\>"],
    ["a plain-word ping", "@channel", `\\@${ZWSP}channel`],
    ["a GitHub mention", "@octocat", "\\@octocat"],
    ["a bidi override", "abc\u202Edef", "abcdef"],
    ["ordinary words", "Rollback ok: 5xx < 1% (was 7.4%)", "Rollback ok: 5xx \\< 1% (was 7.4%)"],
    ["a version", "v9.0.1-rc.2", "v9.0.1-rc.2"],
  ])("%s", (_, input, expected) => {
    expect(markdownInline(input)).toBe(expected);
  });

  it("never leaves a line break, an unescaped image, tag or ping in the hostile corpus", () => {
    const hostile = [
      "ok\n\n# Heading\n![t](https://t.example/p.gif)",
      "ok\r<script>alert(1)</script>",
      "<!channel> <!here> @everyone <@U123>",
      "x\n---\ny",
      "[a]: https://t.example/p.gif",
    ];
    for (const text of hostile) {
      const out = markdownInline(text);
      expect(out).not.toMatch(/[\r\n]/);
      expect(out).not.toMatch(/(^|[^\\])[![<]/);
      expect(out).not.toMatch(/@(channel|here|everyone)/);
    }
  });
});

describe("markdownVerbatim", () => {
  it("keeps the lines (a fence shows them as typed) but drops overrides and pings", () => {
    expect(markdownVerbatim("line 1\n@channel\u202E line 2")).toBe(`line 1\n@${ZWSP}channel line 2`);
  });
});
