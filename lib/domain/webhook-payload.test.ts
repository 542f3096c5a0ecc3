import { describe, expect, it } from "vitest";
import { describeAttempt, isRetryable, jsonPayload, slackPayload, webhookHost, ZWebhookUrl } from "./webhook-payload";

const announcement = { id: "a1", templateKey: "rollback", title: "Rollback", body: "🚨 ROLLBACK IN PROGRESS\n\nIssue: x", postedByName: "Dee", postedAt: "2025-11-03T14:00:00.000Z" };
const run = { id: "r1", name: "Deploy", service: "midi-api", targetVersion: "9.0.0", commit: "6eb59fa", status: "rolled_back", url: "http://localhost:3000/runs/r1" };

describe("payloads", () => {
  it("sends Slack exactly { text } with ordinary text as posted", () => {
    expect(slackPayload(announcement)).toEqual({ text: announcement.body });
  });

  it("sends the generic JSON with the announcement and its run", () => {
    expect(jsonPayload(announcement, run)).toEqual({
      type: "warroom.announcement",
      announcement: { id: "a1", kind: "rollback", title: "Rollback", text: announcement.body, postedBy: "Dee", postedAt: announcement.postedAt },
      run: { id: "r1", name: "Deploy", service: "midi-api", version: "9.0.0", commit: "6eb59fa", status: "rolled_back", url: run.url },
    });
  });
});

describe("hostile text in payloads", () => {
  const ZWSP = "\u200B";
  const hostile = { ...announcement, title: "<!channel> \u202Edone", body: "Done <!here> <@U024BE7LH> @everyone & <https://t.example|status>\u202E", postedByName: "Mal\u2066lory" };
  const hostileRun = { ...run, name: "Deploy \u202E9.0", commit: "ab\u200Fcd" };

  it("escapes Slack's &, < and > and breaks plain-word pings", () => {
    expect(slackPayload(hostile)).toEqual({ text: `Done &lt;!here&gt; &lt;@U024BE7LH&gt; @${ZWSP}everyone &amp; &lt;https://t.example|status&gt;` });
  });

  it("sends JSON consumers no bidi controls and no live mention tokens", () => {
    const body = jsonPayload(hostile, hostileRun);
    expect(body.announcement).toMatchObject({ title: `<${ZWSP}!channel> done`, text: `Done <${ZWSP}!here> <${ZWSP}@U024BE7LH> @${ZWSP}everyone & <https://t.example|status>`, postedBy: "Mallory" });
    expect(body.run).toMatchObject({ name: "Deploy 9.0", commit: "abcd" });
    expect(JSON.stringify(body)).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/);
  });
});

describe("retries", () => {
  it("retries the network, timeouts, 429 and 5xx; not other 4xx, redirects or refused addresses", () => {
    expect(isRetryable({ kind: "network", reason: "connection refused" })).toBe(true);
    for (const status of [408, 429, 500, 503]) expect(isRetryable({ kind: "http", status })).toBe(true);
    for (const status of [301, 302, 400, 403, 404]) expect(isRetryable({ kind: "http", status })).toBe(false);
    expect(isRetryable({ kind: "refused", reason: "refused: 127.0.0.1 is a loopback address" })).toBe(false);
    expect(isRetryable({ kind: "ok" })).toBe(false);
  });

  it("describes a failure by its status or classified reason only", () => {
    expect(describeAttempt({ kind: "http", status: 404 })).toBe("HTTP 404");
    expect(describeAttempt({ kind: "http", status: 302 })).toBe("HTTP 302 (redirects are not followed)");
    expect(describeAttempt({ kind: "network", reason: "timed out (no answer within 10 s)" })).toBe("timed out (no answer within 10 s)");
  });
});

describe("webhook URLs", () => {
  it("accepts http(s) only, without credentials, and shows only the host", () => {
    expect(ZWebhookUrl.safeParse("https://hooks.slack.com/services/T0/B0/secret").success).toBe(true);
    expect(ZWebhookUrl.safeParse("ftp://example.com/x").success).toBe(false);
    expect(ZWebhookUrl.safeParse("https://user:pw@example.com/x").success).toBe(false);
    expect(ZWebhookUrl.safeParse("not a url").success).toBe(false);
    expect(webhookHost("https://hooks.slack.com/services/T0/B0/secret")).toBe("hooks.slack.com");
  });
});
