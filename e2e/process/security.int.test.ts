// The compiled server's defences as a browser meets them: security headers with a fresh CSP nonce,
// session cookies locked down behind HTTPS, the socket handshake's and the server actions' origin
// checks, request body limits, and server-action bodies React's decoder could not read.
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { freePort } from "../../lib/db/embedded";
import { dbChangesSince, dbMark, watchDbChanges } from "../support/db-changes";
import { makeRun, makeTeam, PASSWORD } from "../support/factories";
import { useTestDatabase } from "../support/integration";
import { startServerProcess, type TServerProcess, waitUntilHealthy } from "../support/server-process";

const database = useTestDatabase("security");
// Sessions made in this process are signed with e2e/support/integration.ts's secret.
const AUTH_SECRET = "test-secret-test-secret-test-secret-0123";
const APP_URL = "https://warroom.example";
// What the TLS proxy in front (this test, at 127.0.0.1: TRUSTED_PROXIES) adds to every request it forwards.
const PROXIED = { "x-forwarded-host": new URL(APP_URL).host, "x-forwarded-proto": "https" };

let server: TServerProcess;
let baseUrl: string;
let runId: string;
let leadCookie: string;
let adminCookie: string;
let leadEmail: string;

beforeAll(async () => {
  const team = await makeTeam();
  runId = (await makeRun(team.lead)).id;
  leadEmail = (await db().user.findUniqueOrThrow({ where: { id: team.lead.id } })).email;
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  // Behind a TLS proxy: the public URL is https, the process itself speaks plain HTTP.
  server = await startServerProcess({ DATABASE_URL: database.url(), AUTH_SECRET, APP_URL, TRUSTED_PROXIES: "127.0.0.1" }, port);
  await waitUntilHealthy(server);
  leadCookie = await signInThroughServer(leadEmail);
  adminCookie = await signInThroughServer((await db().user.findUniqueOrThrow({ where: { id: team.admin.id } })).email);
  await watchDbChanges();
}, 120_000);

afterAll(async () => {
  // Graceful shutdown has its own test (server-process.int.test.ts); this database is dropped anyway.
  server?.child.kill("SIGKILL");
  await server?.exited;
});

/** Behind https the session cookie is named __Secure-…: sign in through the server to get it. */
async function signInThroughServer(email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: APP_URL },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  return response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

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

  it("refuses a cross-site server-action call with a 403 that changes nothing", async () => {
    const id = actionId("lib/share/server/actions.ts", "createShareLinkAction");
    const call = (origin: string) =>
      fetch(`${baseUrl}/runs/${runId}/share`, {
        method: "POST",
        headers: { ...PROXIED, "next-action": id, origin, cookie: leadCookie, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
        body: JSON.stringify([{ runId, label: "From elsewhere" }]),
      });
    const foreign = await call("https://evil.example");
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain("this site's own pages");
    expect(await db().shareLink.count({ where: { runId } })).toBe(0);
    // The same call from the page's own origin goes through (so the refusal above was the origin check).
    const own = await call(APP_URL);
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

  it("refuses server-action bodies React's decoder cannot read with a 400 that says why, before any action runs", async () => {
    const mark = await dbMark();
    const statuses: Record<string, number> = {};
    for (const { id, page } of serverActions()) {
      for (const [name, body, contentType] of malformedActionBodies()) {
        const headers: Record<string, string> = { ...PROXIED, "next-action": id, origin: APP_URL, cookie: adminCookie, accept: "text/x-component" };
        if (contentType) headers["content-type"] = contentType;
        const response = await fetch(`${baseUrl}${page.replace(/\[\w+\]/g, runId)}`, { method: "POST", headers, body });
        const reply = await response.text();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        expect(response.status, `${name} → ${reply.slice(0, 200)}`).toBe(400);
        expect((JSON.parse(reply) as { error: { message: string } }).error.message.length, name).toBeGreaterThan(10);
      }
    }
    console.log(`[security] malformed server-action bodies: ${JSON.stringify(statuses)}`);
    expect(await dbChangesSince(mark)).toEqual([]);
    expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
  });

  it("lets the bodies React's client sends through to the action: a form's FormData, and a form posted before hydration", async () => {
    // Entries, not an object: "0" must come last, as the browser sends it (an object would put it first).
    const form = (fields: [string, string][]) => {
      const data = new FormData();
      for (const [name, value] of fields) data.append(name, value);
      return data;
    };
    const user = (email: string) => ({ name: "Grace Hopper", email, password: "a long enough password", role: "member" });
    // useActionState's call: the previous state, then the form's fields under the "_1_" prefix.
    const id = actionId("lib/auth/actions.ts", "createUserAction");
    const fields = Object.entries(user("grace@example.com")).map(([k, v]): [string, string] => [`_1_${k}`, v]);
    const hydrated = await fetch(`${baseUrl}/admin/users`, {
      method: "POST",
      headers: { ...PROXIED, "next-action": id, origin: APP_URL, cookie: adminCookie, accept: "text/x-component" },
      body: form([...fields, ["0", '[null,"$K1"]']]),
    });
    expect(hydrated.status).toBe(200);
    expect(await hydrated.text()).toContain('"ok":true');
    expect(await db().user.count({ where: { email: "grace@example.com" } })).toBe(1);
    // The same form submitted before its JavaScript loaded: the action and its bound previous state travel as fields.
    const early = await fetch(`${baseUrl}/admin/users`, {
      method: "POST",
      headers: { ...PROXIED, origin: APP_URL, cookie: adminCookie },
      body: form([["$ACTION_REF_1", ""], ["$ACTION_1:0", JSON.stringify({ id, bound: "$@1" })], ["$ACTION_1:1", "[null]"], ...Object.entries(user("grace2@example.com"))]),
    });
    await early.arrayBuffer();
    expect(early.status).toBe(200);
    expect(await db().user.count({ where: { email: "grace2@example.com" } })).toBe(1);
  });
});

/** This build's server actions and a page each is served from (Next's manifest). */
function serverActions(): { id: string; page: string }[] {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers)[0] ?? "app/page";
    return { id, page: worker.replace(/^app/, "").replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "") || "/" };
  });
}

/** Bodies no browser of ours sends, each of which made Next's decoder answer 500 before the gate. */
function malformedActionBodies(): [name: string, body: string | FormData, contentType?: string][] {
  const TEXT = "text/plain;charset=UTF-8";
  const multipart = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.append(name, value);
    return data;
  };
  return [
    ["not JSON", "[", TEXT],
    ["empty", "", TEXT],
    ["a number", "5", TEXT],
    ["null", "null", TEXT],
    ["a Map", '["$Q1"]', TEXT],
    ["a missing part", '["$1"]', TEXT],
    ["a template expression", '["${7*7}"]', TEXT],
    ["a server reference", '["$F1"]', TEXT],
    ["a symbol", '["$Sx"]', TEXT],
    ["a big integer that is not one", '["$nx"]', TEXT],
    ["multipart without arguments", multipart({ x: "1" })],
    ["multipart arguments that are not JSON", multipart({ "0": "[" })],
    ["multipart with a Map", multipart({ "0": '["$Q5"]' })],
    ["broken multipart", "--xx\r\nbroken", "multipart/form-data; boundary=xx"],
    ["multipart without a boundary", "abc", "multipart/form-data"],
  ];
}
