// The compiled server's defences as a browser meets them: security headers with a fresh CSP nonce,
// session cookies locked down behind HTTPS, the socket handshake's and the server actions' origin
// checks, and request body limits.
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { freePort } from "../../lib/db/embedded";
import { makeRun, makeTeam, PASSWORD } from "../support/factories";
import { useTestDatabase } from "../support/integration";
import { startServerProcess, type TServerProcess, waitUntilHealthy } from "../support/server-process";

const database = useTestDatabase("security");
// Sessions made in this process are signed with e2e/support/integration.ts's secret.
const AUTH_SECRET = "test-secret-test-secret-test-secret-0123";
const APP_URL = "https://warroom.example";

let server: TServerProcess;
let baseUrl: string;
let runId: string;
let leadCookie: string;
let leadEmail: string;

beforeAll(async () => {
  const team = await makeTeam();
  runId = (await makeRun(team.lead)).id;
  leadEmail = (await db().user.findUniqueOrThrow({ where: { id: team.lead.id } })).email;
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  // Behind a TLS proxy: the public URL is https, the process itself speaks plain HTTP.
  server = await startServerProcess({ DATABASE_URL: database.url(), AUTH_SECRET, APP_URL }, port);
  await waitUntilHealthy(server);
  // Behind https the session cookie is named __Secure-…: sign in through the server to get it.
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: APP_URL },
    body: JSON.stringify({ email: leadEmail, password: PASSWORD }),
  });
  leadCookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}, 120_000);

afterAll(async () => {
  // Graceful shutdown has its own test (server-process.int.test.ts); this database is dropped anyway.
  server?.child.kill("SIGKILL");
  await server?.exited;
});

/** The compiled action id of an exported server action (Next's manifest of this build). */
function actionId(file: string, name: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === name);
  if (!found) throw new Error(`no server action ${file}#${name} in this build`);
  return found[0];
}

describe("the compiled server's defences", () => {
  it("sends the security headers, with a fresh CSP nonce on every page and no eval", async () => {
    const [a, b] = await Promise.all([fetch(`${baseUrl}/sign-in`), fetch(`${baseUrl}/sign-in`)]);
    const csp = a.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(b.headers.get("content-security-policy")).not.toBe(csp);
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect(a.headers.get("referrer-policy")).toBe("same-origin");
    expect(a.headers.get("strict-transport-security")).toBe("max-age=31536000");
    // Next put this request's nonce on its own scripts: the page runs under the policy.
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(await a.text()).toContain(`nonce="${nonce}"`);
    // The 404 page too (a page prerendered at build time would carry no nonce and its scripts would not run).
    const missing = await fetch(`${baseUrl}/no-such-page`);
    expect(missing.status).toBe(404);
    const missingNonce = /'nonce-([^']+)'/.exec(missing.headers.get("content-security-policy")!)![1];
    const scripts = [...(await missing.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${missingNonce}"`);
  });

  it("sets the session cookie httpOnly, SameSite=Lax and Secure when the public URL is https", async () => {
    const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: APP_URL },
      body: JSON.stringify({ email: leadEmail, password: PASSWORD }),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((c) => c.includes("session_token"))!;
    expect(cookie).toMatch(/^__Secure-/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
  });

  it("refuses a socket handshake from another site's page, and lets the app's own origin in", async () => {
    const attempt = (origin: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(baseUrl, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { origin, cookie: leadCookie } });
        socket.once("connect", () => (socket.close(), resolve("connected")));
        socket.once("connect_error", () => (socket.close(), resolve("refused")));
      });
    expect(await attempt("https://evil.example")).toBe("refused");
    expect(await attempt(APP_URL)).toBe("connected");
  });

  it("keeps Next's origin check on server actions: a cross-site call changes nothing", async () => {
    const id = actionId("lib/share/actions.ts", "createShareLinkAction");
    const call = (origin: string) =>
      fetch(`${baseUrl}/runs/${runId}/share`, {
        method: "POST",
        headers: { "next-action": id, origin, cookie: leadCookie, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
        body: JSON.stringify([{ runId, label: "From elsewhere" }]),
      });
    const foreign = await call("https://evil.example");
    await foreign.arrayBuffer();
    expect(foreign.status).not.toBe(200);
    expect(await db().shareLink.count({ where: { runId } })).toBe(0);
    // The same call from the page's own origin goes through (so the refusal above was the origin check).
    const own = await call(baseUrl);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain("/status/");
    expect(await db().shareLink.count({ where: { runId } })).toBe(1);
  });

  it("refuses bodies over 1 MiB (413) and uploads of unknown length (411) before reading them", async () => {
    const big = await fetch(`${baseUrl}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(1024 * 1024 + 1) });
    expect(big.status).toBe(413);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${baseUrl}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.write("{");
      req.end("}");
    });
    expect(status).toBe(411);
  });
});
