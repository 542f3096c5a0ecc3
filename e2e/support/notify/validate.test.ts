// The validator the receiver uses must refuse what each target refuses, or the tests that rely on it
// would pass whatever Warroom sent.
import { describe, expect, it } from "vitest";
import { payloadProblems } from "./validate";

const check = (kind: Parameters<typeof payloadProblems>[0], body: unknown, path = `/${kind}/x`) => payloadProblems(kind, path, JSON.stringify(body));
const section = (text: string) => ({ type: "section", text: { type: "plain_text", text } });

describe("the targets' documented shapes and limits", () => {
  it("Discord: content ≤ 2,000, 6,000 across embeds, allowed_mentions required and empty", () => {
    const ok = { content: "hi", embeds: [{ title: "t", description: "d" }], allowed_mentions: { parse: [] } };
    expect(check("discord", ok)).toEqual([]);
    expect(check("discord", { ...ok, content: "x".repeat(2001) })).not.toEqual([]);
    expect(check("discord", { ...ok, allowed_mentions: { parse: ["everyone"] } })).not.toEqual([]);
    expect(check("discord", { content: "hi" })).not.toEqual([]);
    const big = { embeds: [{ description: "x".repeat(4000) }, { description: "x".repeat(2001) }], allowed_mentions: { parse: [] } };
    expect(check("discord", big)).toEqual(["discord: 6001 characters across embeds (at most 6,000)"]);
  });

  it("Slack Block Kit: at most 50 blocks and 3,000 characters a section, header ≤ 150", () => {
    expect(check("slack_blocks", { text: "t", blocks: [section("x".repeat(3000))] })).toEqual([]);
    expect(check("slack_blocks", { text: "t", blocks: [section("x".repeat(3001))] })).not.toEqual([]);
    expect(check("slack_blocks", { text: "t", blocks: Array.from({ length: 51 }, () => section("x")) })).not.toEqual([]);
    expect(check("slack_blocks", { text: "t", blocks: [{ type: "header", text: { type: "plain_text", text: "x".repeat(151) } }] })).not.toEqual([]);
  });

  it("Teams: an Adaptive Card 1.4 message under 28 KB", () => {
    const card = (text: string) => ({ type: "message", attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: { type: "AdaptiveCard", version: "1.4", body: [{ type: "TextBlock", text }] } }] });
    expect(check("teams", card("hello"))).toEqual([]);
    expect(check("teams", card("🟢".repeat(7500)))).toEqual([expect.stringMatching(/^teams: \d+ bytes \(at most 28 KB\)$/)]);
    expect(check("teams", { ...card("x"), type: "MessageCard" })).not.toEqual([]);
  });

  it("PagerDuty: a trigger's summary ≤ 1,024; a resolve needs its dedup_key; change events at their own path", () => {
    const trigger = { routing_key: "k", event_action: "trigger", dedup_key: "d", payload: { summary: "s", source: "x", severity: "critical" } };
    expect(check("pagerduty", trigger, "/pagerduty/x/v2/enqueue")).toEqual([]);
    expect(check("pagerduty", { ...trigger, payload: { ...trigger.payload, summary: "x".repeat(1025) } }, "/pagerduty/x/v2/enqueue")).not.toEqual([]);
    expect(check("pagerduty", { routing_key: "k", event_action: "resolve" }, "/pagerduty/x/v2/enqueue")).not.toEqual([]);
    expect(check("pagerduty", { routing_key: "k", payload: { summary: "deployed" } }, "/pagerduty/x/v2/change/enqueue")).toEqual([]);
    expect(check("pagerduty", trigger, "/pagerduty/x/v2/change/enqueue")).not.toEqual([]);
  });

  it("Mattermost: a fallback on every attachment, 16,383 characters a post", () => {
    expect(check("mattermost", { text: "t", attachments: [{ fallback: "f", text: "x" }] })).toEqual([]);
    expect(check("mattermost", { text: "t", attachments: [{ text: "x" }] })).not.toEqual([]);
    expect(check("mattermost", { text: "t".repeat(10_000), attachments: [{ fallback: "f", text: "x".repeat(10_000) }] })).toEqual(["mattermost: 20000 characters in the post (at most 16,383)"]);
  });
});
