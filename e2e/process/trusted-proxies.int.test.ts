// TRUSTED_PROXIES at the compiled server: the proxy at 127.0.0.1 is trusted, a client at 127.0.0.2
// is not (Linux routes all of 127/8 to loopback). X-Forwarded-For names the client only through the
// trusted hop, and the server-action origin gate reads host and scheme from the same trusted view,
// never from a client's own X-Forwarded-Host.
import { request as httpRequest } from "node:http";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { freePort } from "../../lib/db/embedded";
import { TOKEN_FAILURE_LIMIT } from "../../lib/security/failure-limit";
import { makeRun, makeTeam, PASSWORD } from "../support/factories";
import { useTestDatabase } from "../support/integration";
import { startServerProcess, type TServerProcess, waitUntilHealthy } from "../support/server-process";

const database = useTestDatabase("trusted_proxies");
const AUTH_SECRET = "test-secret-test-secret-test-secret-0123";
const APP_URL = "https://warroom.example";
const PROXY = "127.0.0.1";
const STRANGER = "127.0.0.2";

let server: TServerProcess;
let runId: string;
let leadCookie: string;

type TAnswer = { status: number; text: string };

/** One HTTP request to the server from a chosen local address (the peer the server sees). */
function requestFrom(localAddress: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<TAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: server.port, path, method: init.method ?? "GET", headers: init.headers, localAddress }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

function actionId(file: string, name: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { filename: string; exportedName: string }> };
  const found = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === name);
  if (!found) throw new Error(`no server action ${file}#${name} in this build`);
  return found[0];
}

beforeAll(async () => {
  const team = await makeTeam();
  runId = (await makeRun(team.lead)).id;
  server = await startServerProcess({ DATABASE_URL: database.url(), AUTH_SECRET, APP_URL, TRUSTED_PROXIES: PROXY }, await freePort());
  await waitUntilHealthy(server);
  const { email } = await db().user.findUniqueOrThrow({ where: { id: team.lead.id } });
  const signIn = await fetch(`http://127.0.0.1:${server.port}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: APP_URL },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  leadCookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}, 120_000);

afterAll(async () => {
  server?.child.kill("SIGKILL");
  await server?.exited;
});

describe("the server-action origin gate on the trusted view", () => {
  const createLink = (from: string, headers: Record<string, string>) =>
    requestFrom(from, `/runs/${runId}/share`, {
      method: "POST",
      headers: {
        "next-action": actionId("lib/share/server/actions.ts", "createShareLinkAction"),
        cookie: leadCookie,
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
        ...headers,
      },
      body: JSON.stringify([{ runId, label: "From elsewhere" }]),
    });

  it("refuses a client that is not a trusted proxy naming another site in its own X-Forwarded-Host", async () => {
    const answer = await createLink(STRANGER, { origin: "https://evil.example", "x-forwarded-host": "evil.example" });
    expect(answer.status).toBe(403);
    expect(answer.text).toContain("this site's own pages");
    expect(await db().shareLink.count({ where: { runId } })).toBe(0);
  });

  it("refuses a page of the other scheme than the trusted proxy says the client used (and than APP_URL's)", async () => {
    const answer = await createLink(PROXY, { origin: "http://warroom.example", "x-forwarded-host": "warroom.example", "x-forwarded-proto": "https" });
    expect(answer.status).toBe(403);
    expect(await db().shareLink.count({ where: { runId } })).toBe(0);
  });

  it("accepts the app's own page through the trusted proxy", async () => {
    const answer = await createLink(PROXY, { origin: APP_URL, "x-forwarded-host": "warroom.example", "x-forwarded-proto": "https" });
    expect(answer.status).toBe(200);
    expect(await db().shareLink.count({ where: { runId } })).toBe(1);
  });
});

describe("the client address behind proxies", () => {
  // Each bad token has its own prefix, so only the per-address count can be what refuses.
  const badToken = (n: number) => `wrm_${String(n).padStart(6, "0")}-not-a-token`;
  const push = (from: string, forwardedFor: string, n: number) =>
    requestFrom(from, `/api/runs/${runId}/metrics`, {
      method: "POST",
      headers: { authorization: `Bearer ${badToken(n)}`, "content-type": "application/json", "x-forwarded-for": forwardedFor },
      body: JSON.stringify({ metric: "error_rate", value: 0.1, timestamp: new Date().toISOString() }),
    });

  it("is the address the trusted proxy forwarded: two clients behind it are counted apart", async () => {
    for (let i = 0; i < TOKEN_FAILURE_LIMIT.max; i++) expect((await push(PROXY, "6.6.6.6, 198.51.100.1", i)).status).toBe(401);
    expect((await push(PROXY, "198.51.100.1", 100)).status).toBe(429);
    expect((await push(PROXY, "198.51.100.2", 101)).status).toBe(401);
  });

  it("is the peer itself for a client that is not a trusted proxy, whatever X-Forwarded-For it sends", async () => {
    for (let i = 0; i < TOKEN_FAILURE_LIMIT.max; i++) expect((await push(STRANGER, `203.0.113.${i}`, 200 + i)).status).toBe(401);
    expect((await push(STRANGER, "203.0.113.250", 300)).status).toBe(429);
  });
});
