// The route wrapper's own promises, without a database: every answer is no-store, and whatever a
// handler or a parser throws becomes the right status with a body that names the field or the code
// and never the internals.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { CLIENT_IP_HEADER } from "../auth/auth";
import { AppError, ERROR_STATUS, type TErrorCode } from "../errors";
import { log } from "../log";
import { resetRateLimits } from "../security/rate-limit";
import { TOKEN_FAILURE_LIMIT } from "../security/failure-limit";
import { route, type TRouteContext } from "./route";

const context = (params: Record<string, string> = {}): TRouteContext => ({ params: Promise.resolve(params) });
const get = (path = "/api/x", headers: Record<string, string> = {}) => new Request(`http://localhost${path}`, { headers });
const post = (body: string) => new Request("http://localhost/api/x", { method: "POST", body, headers: { "content-type": "application/json" } });

beforeEach(resetRateLimits);
afterEach(() => vi.restoreAllMocks());

describe("answers", () => {
  it("sends a returned object as JSON with no-store", async () => {
    const response = await route({ auth: "public", what: "test" }, async () => ({ ok: 1 }))(get(), context());
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ ok: 1 });
  });

  it("keeps a returned Response's status and headers, adding no-store", async () => {
    const handler = route({ auth: "public", what: "test" }, async () => new Response("# md", { status: 503, headers: { "content-type": "text/markdown" } }));
    const response = await handler(get(), context());
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe("text/markdown");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("hands the handler parsed params, the first value of each query name, and the body", async () => {
    const seen = vi.fn();
    const handler = route(
      { auth: "public", what: "test", params: z.object({ id: z.string() }), query: z.object({ format: z.enum(["a", "b"]) }), body: z.object({ n: z.number() }) },
      async (input) => (seen(input.params, input.query, input.body), {}),
    );
    const request = new Request("http://localhost/api/x?format=a&format=b", { method: "POST", body: '{"n":1}' });
    expect((await handler(request, context({ id: "r1" }))).status).toBe(200);
    expect(seen).toHaveBeenCalledWith({ id: "r1" }, { format: "a" }, { n: 1 });
  });
});

describe("errors", () => {
  it("a query that fails its schema → 422 invalid_input naming the field", async () => {
    const handler = route({ auth: "public", what: "test", query: z.object({ format: z.enum(["markdown", "json"], { error: "must be markdown or json" }) }) }, async () => ({}));
    const response = await handler(get("/api/x?format=pdf"), context());
    expect(response.status).toBe(422);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ error: { code: "invalid_input", message: "format: must be markdown or json" } });
  });

  it("a body that fails its schema → 422 naming the field; one that is not JSON → 400", async () => {
    const handler = route({ auth: "public", what: "test", body: z.object({ name: z.string() }) }, async () => ({}));
    const invalid = await handler(post('{"name":3}'), context());
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).error.message).toMatch(/^name: /);
    const garbled = await handler(post("{"), context());
    expect(garbled.status).toBe(400);
    expect(await garbled.json()).toEqual({ error: { code: "bad_request", message: "Body is not valid JSON." } });
  });

  it("an AppError → the status of its code, with its code and message", async () => {
    // 503s are logged like any failure on our side; the log is not what this test is about.
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    for (const [code, status] of Object.entries(ERROR_STATUS) as [TErrorCode, number][]) {
      const response = await route({ auth: "public", what: "test" }, async () => {
        throw new AppError(code, `because ${code}`);
      })(get(), context());
      expect(response.status, code).toBe(status);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.json()).toEqual({ error: { code, message: `because ${code}` } });
    }
  });

  it("anything else → a generic 500 that leaks nothing (logged on the server)", async () => {
    const logged = vi.spyOn(log, "error").mockImplementation(() => undefined);
    const response = await route({ auth: "public", what: "test route" }, async () => {
      throw new Error("password=hunter2 at /srv/warroom/lib/x.ts:12");
    })(get(), context());
    expect(response.status).toBe(500);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: { code: "internal", message: "Something went wrong on our side." } });
    expect(text).not.toContain("hunter2");
    expect(logged).toHaveBeenCalledWith("test route failed", expect.objectContaining({ message: expect.stringContaining("hunter2") }));
  });
});

describe("metric-token routes", () => {
  const push = route({ auth: "metric-token", what: "push", params: z.object({ id: z.string() }) }, async () => ({}));

  it("refuse a missing bearer token with 401 and a Bearer challenge (session routes send no challenge)", async () => {
    const response = await push(get("/api/runs/r1/metrics"), context({ id: "r1" }));
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="warroom-metrics"');
    const failing = route({ auth: "public", what: "test" }, async () => {
      throw new AppError("unauthenticated", "Sign in first.");
    });
    expect((await failing(get(), context())).headers.get("www-authenticate")).toBeNull();
  });

  it("answer failures past the bad-token limit with 429 and Retry-After, for that client only", async () => {
    const from = (ip: string) => get("/api/runs/r1/metrics", { [CLIENT_IP_HEADER]: ip, authorization: "Basic nope" });
    for (let i = 0; i < TOKEN_FAILURE_LIMIT.max; i++) expect((await push(from("10.0.0.1"), context({ id: "r1" }))).status).toBe(401);
    const blocked = await push(from("10.0.0.1"), context({ id: "r1" }));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const body = await blocked.json();
    expect(body.error).toMatchObject({ code: "rate_limited", retryAfterMs: expect.any(Number) });
    expect(body.error.message).toMatch(/Send this run's API token/);
    expect((await push(get("/api/runs/r1/metrics", { [CLIENT_IP_HEADER]: "10.0.0.2", authorization: "Basic other" }), context({ id: "r1" }))).status).toBe(401);
  });
});
