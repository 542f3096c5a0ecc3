// Failure limiters never refuse a credential that validates: 30 bad metric tokens, API keys, status
// links or passwords from one address (or with one token's prefix), then the real one → accepted.
// Failures past the limit are answered 429 with Retry-After. Real PostgreSQL, real Socket.IO.
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { callApi } from "../../e2e/support/api-client";
import { makeRun } from "../../e2e/support/factories";
import { TEST_APP_URL, useTestDatabase } from "../../e2e/support/integration";
import { useRealtimeWorld } from "../../e2e/support/realtime-world";
import { POST as pushRoute } from "../../app/api/runs/[id]/metrics/route";
import { POST as authPost } from "../../app/api/auth/[...all]/route";
import { createWorkspaceKey } from "../api/keys";
import { CLIENT_IP_HEADER } from "../auth/auth";
import { db } from "../db/client";
import { createApiToken } from "../metrics/tokens";
import { LINK_INVALID, LINK_RATE_LIMITED } from "../share/protocol";
import { createShareLink } from "../share/server/share-links";
import { TOKEN_FAILURE_LIMIT } from "./failure-limit";
import { resetRateLimits } from "./rate-limit";

// The route module also serves the signed-in chart read (server-only imports); this test calls POST only.
vi.mock("server-only", () => ({}));

const SIGN_IN_LIMIT = 10;
useTestDatabase("failure_limits", { signInRateLimit: SIGN_IN_LIMIT });
const world = useRealtimeWorld();
const sockets: Socket[] = [];
afterAll(() => sockets.forEach((s) => s.close()));
beforeEach(resetRateLimits);

function push(runId: string, token: string, ip: string) {
  const request = new Request(`${TEST_APP_URL}/api/runs/${runId}/metrics`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", [CLIENT_IP_HEADER]: ip },
    body: JSON.stringify({ metric: "error_rate", value: 0.1, timestamp: new Date().toISOString() }),
  });
  return pushRoute(request, { params: Promise.resolve({ id: runId }) });
}

describe("metric tokens", () => {
  it("30 bad tokens from one address, then the valid one → 200; the next bad one → 429 with Retry-After", async () => {
    const run = await makeRun(world.team.lead);
    const { token } = await createApiToken(world.team.lead, { runId: run.id, name: "script" });
    for (let i = 0; i < TOKEN_FAILURE_LIMIT.max; i++) expect((await push(run.id, `wrm_bad${i}`, "10.1.1.1")).status).toBe(401);
    expect((await push(run.id, token, "10.1.1.1")).status).toBe(200);
    const refused = await push(run.id, "wrm_bad-again", "10.1.1.1");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await refused.json()).error.code).toBe("rate_limited");
    expect((await push(run.id, token, "10.1.1.1")).status).toBe(200);
    // Another address's failures are its own.
    expect((await push(run.id, "wrm_bad-elsewhere", "10.1.1.2")).status).toBe(401);
  });

  it("counts one token prefix across addresses, and still accepts the valid token", async () => {
    const run = await makeRun(world.team.lead);
    const { token } = await createApiToken(world.team.lead, { runId: run.id, name: "script" });
    const revokedLookalike = `${token.slice(0, 10)}-revoked-or-mistyped`;
    for (let i = 0; i < TOKEN_FAILURE_LIMIT.max; i++) expect((await push(run.id, revokedLookalike, `10.2.0.${i}`)).status).toBe(401);
    expect((await push(run.id, revokedLookalike, "10.2.1.1")).status).toBe(429);
    expect((await push(run.id, token, "10.2.1.1")).status).toBe(200);
  });
});

describe("API keys", () => {
  it("30 bad keys from one address, then the valid one → 200", async () => {
    const run = await makeRun(world.team.lead);
    const { token } = await createWorkspaceKey(world.team.admin, { name: "ci", scopes: ["gate:read"] });
    const gate = (key: string) => callApi("GET", `/api/v1/runs/${run.id}/gate`, { key, headers: { [CLIENT_IP_HEADER]: "10.3.3.3" } });
    for (let i = 0; i < TOKEN_FAILURE_LIMIT.max; i++) expect((await gate(`wrm_nope${i}`)).status).toBe(401);
    expect((await gate(token)).status).toBe(200);
    const refused = await gate("wrm_nope-again");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
  });
});

describe("sign-in", () => {
  const signIn = (email: string, password: string, ip: string) =>
    authPost(
      new Request(`${TEST_APP_URL}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: TEST_APP_URL, [CLIENT_IP_HEADER]: ip },
        body: JSON.stringify({ email, password }),
      }),
    );

  it("30 wrong passwords from one address, then the right one → 200; wrong ones past the limit → 429", async () => {
    const { email } = await db().user.findUniqueOrThrow({ where: { id: world.team.member.id } });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await signIn(email, `wrong password ${i}`, "10.4.4.4")).status);
    expect(statuses.slice(0, SIGN_IN_LIMIT).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(SIGN_IN_LIMIT).every((s) => s === 429)).toBe(true);
    const limited = await signIn(email, "still wrong", "10.4.4.4");
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await limited.json()).toMatchObject({ message: expect.stringMatching(/Too many failed sign-in attempts/) });
    const right = await signIn(email, "correct horse battery", "10.4.4.4");
    expect(right.status).toBe(200);
    expect(right.headers.getSetCookie().join(";")).toMatch(/session_token=/);
  });

  it("counts failures per account across addresses, and the account's owner still signs in", async () => {
    const { email } = await db().user.findUniqueOrThrow({ where: { id: world.team.viewer.id } });
    for (let i = 0; i < SIGN_IN_LIMIT; i++) expect((await signIn(email, "guess", `10.5.0.${i}`)).status).toBe(401);
    expect((await signIn(email.toUpperCase(), "guess", "10.5.1.1")).status).toBe(429);
    expect((await signIn(email, "correct horse battery", "10.5.1.1")).status).toBe(200);
  });
});

describe("status links", () => {
  const openStatus = (token: string, headers: Record<string, string> = {}) => {
    const socket = connect(`${world.baseUrl}/status`, { transports: ["websocket"], reconnection: false, auth: { token }, extraHeaders: headers });
    sockets.push(socket);
    return new Promise<string>((resolve) => {
      socket.once("connect", () => resolve("connected"));
      socket.once("connect_error", (error) => resolve(error.message));
    });
  };

  it("30 bad tokens from one address, then the valid one → connected; a forged X-Forwarded-For changes nothing", async () => {
    const run = await makeRun(world.team.lead);
    const { token } = await createShareLink(world.team.lead, { runId: run.id, label: "Execs" });
    for (let i = 0; i < TOKEN_FAILURE_LIMIT.max; i++) expect(await openStatus(`${"g".repeat(30)}${String(i).padStart(2, "0")}`)).toBe(LINK_INVALID);
    expect(await openStatus(token)).toBe("connected");
    // Without TRUSTED_PROXIES the client's own X-Forwarded-For is not believed: still the same address.
    expect(await openStatus(`${"h".repeat(32)}`, { "x-forwarded-for": "198.51.100.99" })).toBe(LINK_RATE_LIMITED);
    expect(await openStatus(token, { "x-forwarded-for": "198.51.100.99" })).toBe("connected");
  });
});
