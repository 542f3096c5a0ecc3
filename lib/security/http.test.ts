import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, guardRequest, MAX_BODY_BYTES } from "./http";

const PROD = { isDev: false, isHttps: false };

function fakeExchange(url: string, headers: Record<string, string>, method = "POST") {
  const req = { url, method, headers: { ...headers } } as unknown as IncomingMessage;
  const sent: { status?: number; headers: Record<string, unknown>; body?: string } = { headers: {} };
  const res = {
    setHeader: (name: string, value: string) => (sent.headers[name.toLowerCase()] = value),
    writeHead: (status: number) => (sent.status = status),
    end: (body: string) => (sent.body = body),
  } as unknown as ServerResponse;
  return { req, res, sent };
}

describe("content security policy", () => {
  it("allows scripts only by nonce in production: no unsafe-eval, no unsafe-inline scripts, no framing", () => {
    const csp = contentSecurityPolicy("abc123", PROD);
    const script = csp.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(script).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it("allows eval only for React's development build", () => {
    expect(contentSecurityPolicy("n", { isDev: true, isHttps: false })).toContain("'unsafe-eval'");
  });
});

describe("guardRequest", () => {
  it("sets the headers and hands Next the same nonce policy it sends, replacing any the client sent", () => {
    const { req, res, sent } = fakeExchange("/runs", { "content-security-policy": "script-src 'nonce-evil'" }, "GET");
    expect(guardRequest(req, res, PROD)).toBe(true);
    expect(req.headers["content-security-policy"]).toBe(sent.headers["content-security-policy"]);
    expect(String(req.headers["content-security-policy"])).not.toContain("evil");
    expect(String(req.headers["content-security-policy"])).toMatch(/'nonce-[A-Za-z0-9+/]+={0,2}'/);
    expect(sent.headers).toMatchObject({ "x-content-type-options": "nosniff", "referrer-policy": "same-origin", "x-frame-options": "DENY" });
    expect(sent.headers["strict-transport-security"]).toBeUndefined();
  });

  it("a fresh nonce every request", () => {
    const a = fakeExchange("/", {}, "GET");
    const b = fakeExchange("/", {}, "GET");
    guardRequest(a.req, a.res, PROD);
    guardRequest(b.req, b.res, PROD);
    expect(a.sent.headers["content-security-policy"]).not.toBe(b.sent.headers["content-security-policy"]);
  });

  it("keeps the token of a status page out of every Referer and out of search engines", () => {
    const { req, res, sent } = fakeExchange("/status/abc", {}, "GET");
    guardRequest(req, res, PROD);
    expect(sent.headers).toMatchObject({ "referrer-policy": "no-referrer", "x-robots-tag": "noindex, nofollow" });
  });

  it("adds HSTS behind HTTPS", () => {
    const { req, res, sent } = fakeExchange("/", {}, "GET");
    guardRequest(req, res, { isDev: false, isHttps: true });
    expect(sent.headers["strict-transport-security"]).toBe("max-age=31536000");
  });

  it("refuses an oversized or malformed Content-Length (413) and a chunked upload (411)", () => {
    for (const length of [String(MAX_BODY_BYTES + 1), "-1", "12abc"]) {
      const { req, res, sent } = fakeExchange("/api/x", { "content-length": length });
      expect(guardRequest(req, res, PROD)).toBe(false);
      expect(sent.status).toBe(413);
    }
    const chunked = fakeExchange("/api/x", { "transfer-encoding": "chunked" });
    expect(guardRequest(chunked.req, chunked.res, PROD)).toBe(false);
    expect(chunked.sent.status).toBe(411);
    const ok = fakeExchange("/api/x", { "content-length": String(MAX_BODY_BYTES) });
    expect(guardRequest(ok.req, ok.res, PROD)).toBe(true);
  });
});

describe("malformed addresses", () => {
  it("answers 400 for a path that is not valid percent-encoding, before Next tries to decode it", () => {
    const bad = fakeExchange("/api/runs/%ff%fe", {}, "GET");
    expect(guardRequest(bad.req, bad.res, PROD)).toBe(false);
    expect(bad.sent.status).toBe(400);
    const good = fakeExchange("/status/abc?x=%ff", {}, "GET");
    expect(guardRequest(good.req, good.res, PROD)).toBe(true);
  });
});
