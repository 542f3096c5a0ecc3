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
  it("retries the network, timeouts, 429 and 5xx; not other 4xx", () => {
    expect(isRetryable({ kind: "network", message: "ECONNREFUSED" })).toBe(true);
    for (const status of [408, 429, 500, 503]) expect(isRetryable({ kind: "http", status, body: "" })).toBe(true);
    for (const status of [400, 403, 404]) expect(isRetryable({ kind: "http", status, body: "" })).toBe(false);
    expect(isRetryable({ kind: "ok" })).toBe(false);
  });

  it("describes a failure in one short line", () => {
    expect(describeAttempt({ kind: "http", status: 404, body: "  no_service \n" })).toBe("HTTP 404: no_service");
    expect(describeAttempt({ kind: "network", message: "ECONNREFUSED" })).toBe("ECONNREFUSED");
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
