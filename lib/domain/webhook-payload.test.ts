import { describe, expect, it } from "vitest";
import { describeAttempt, isRetryable, jsonPayload, slackPayload, webhookHost, ZWebhookUrl } from "./webhook-payload";

const announcement = { id: "a1", templateKey: "rollback", title: "Rollback", body: "🚨 ROLLBACK IN PROGRESS\n\nIssue: x", postedByName: "Dee", postedAt: "2025-11-03T14:00:00.000Z" };
const run = { id: "r1", name: "Deploy", service: "midi-api", targetVersion: "9.0.0", commit: "6eb59fa", status: "rolled_back", url: "http://localhost:3000/runs/r1" };

describe("payloads", () => {
  it("sends Slack exactly { text } with the text as posted", () => {
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
