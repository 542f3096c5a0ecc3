import { describe, expect, it } from "vitest";
import { judgeAttempt, retryAfterMs } from "./outcome";
import { chunks, clip } from "./text";

const http = (status: number) => ({ kind: "http" as const, status });

describe("judging one try per kind", () => {
  it("keeps the announcement formats' words and retries", () => {
    expect(judgeAttempt("slack", http(500), null, 0)).toEqual({ kind: "retry", reason: "HTTP 500", waitAtLeastMs: 0 });
    expect(judgeAttempt("json", http(404), null, 0)).toEqual({ kind: "final", reason: "HTTP 404" });
  });

  it("Discord: 429 waits its Retry-After (capped at a minute), 404 is final", () => {
    expect(judgeAttempt("discord", http(429), "2.5", 0)).toEqual({ kind: "retry", reason: "HTTP 429: rate limited", waitAtLeastMs: 2500 });
    expect(judgeAttempt("discord", http(429), "3600", 0)).toMatchObject({ waitAtLeastMs: 60_000 });
    expect(judgeAttempt("discord", http(404), null, 0)).toEqual({ kind: "final", reason: "HTTP 404: the Discord webhook no longer exists (not retried)" });
  });

  it("PagerDuty: 202 delivered, 400 final, 429 and 5xx retried", () => {
    expect(judgeAttempt("pagerduty", { kind: "ok" }, null, 0)).toEqual({ kind: "delivered" });
    expect(judgeAttempt("pagerduty", http(400), null, 0)).toMatchObject({ kind: "final", reason: expect.stringContaining("PagerDuty refused the event") });
    expect(judgeAttempt("pagerduty", http(429), null, 0)).toMatchObject({ kind: "retry" });
    expect(judgeAttempt("pagerduty", http(502), null, 0)).toEqual({ kind: "retry", reason: "HTTP 502: the service failed", waitAtLeastMs: 0 });
  });

  it("never retries a refused address or a redirect; retries the network", () => {
    expect(judgeAttempt("teams", { kind: "refused", reason: "refused: 10.0.0.1 is a private address" }, null, 0).kind).toBe("final");
    expect(judgeAttempt("teams", http(302), null, 0)).toEqual({ kind: "final", reason: "HTTP 302 (redirects are not followed)" });
    expect(judgeAttempt("teams", { kind: "network", reason: "connection refused" }, null, 0)).toMatchObject({ kind: "retry", reason: "connection refused" });
    expect(judgeAttempt("mattermost", http(403), null, 0)).toMatchObject({ kind: "final", reason: "HTTP 403: refused (check the address or key; not retried)" });
  });

  it("reads Retry-After as seconds or a date", () => {
    expect(retryAfterMs("1", 0)).toBe(1000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs("soon", 0)).toBeNull();
    expect(retryAfterMs(null, 0)).toBeNull();
  });
});

describe("cutting text", () => {
  it("never splits an emoji, an escape or an entity", () => {
    expect(clip("ab🚀", 3)).toBe("ab…");
    expect(clip("a🚀🚀", 3, "")).toBe("a🚀");
    expect(clip("ab\\*cd", 4)).toBe("ab…");
    expect(clip("a &amp; b", 5)).toBe("a …");
    expect(clip("short", 10)).toBe("short");
  });

  it("splits at line breaks where it can, each piece within the limit", () => {
    const text = `${"x".repeat(70)}\n${"y".repeat(70)}`;
    expect(chunks(text, 100)).toEqual(["x".repeat(70), "y".repeat(70)]);
    const pieces = chunks("🚀".repeat(100), 51);
    expect(pieces.every((p) => p.length <= 51 && !/^[\uDC00-\uDFFF]/.test(p))).toBe(true);
    expect(pieces.join("")).toBe("🚀".repeat(100));
  });
});
