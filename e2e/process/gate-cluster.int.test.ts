// The gate's long-poll across instances: two compiled servers on one database (the PostgreSQL
// socket adapter between them); a pipeline waits on instance B while a lock is taken through
// instance A. B must answer from A's event, carried by the adapter as a server-side "run:changed" —
// not from its own re-check, which comes only every 15 s (MAX_RECHECK_MS in lib/api/gate.ts).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createWorkspaceKey } from "../../lib/api/keys";
import { API_SCOPES } from "../../lib/api/scopes";
import { disconnectDb } from "../../lib/db/client";
import { freePort } from "../../lib/db/embedded";
import { setRuntime } from "../../lib/runtime";
import { makeRun, makeTeam } from "../support/factories";
import { startServerProcess, stop, waitUntilHealthy, type TServerProcess } from "../support/server-process";
import { createTestDatabase, type TTestDatabase } from "../support/test-database";

const SAFETY_NET_MS = 15_000;

let database: TTestDatabase;
const servers: TServerProcess[] = [];
let urls: string[] = [];
let key: string;
let runId: string;

beforeAll(async () => {
  database = await createTestDatabase(inject("pgAdminUrl"), "gate_cluster");
  const authSecret = randomBytes(32).toString("hex");
  setRuntime({ databaseUrl: database.url, authSecret, appUrl: "http://127.0.0.1", signInRateLimit: 1000, startedAt: new Date(), version: "test" });
  const team = await makeTeam();
  runId = (await makeRun(team.lead, { service: "cluster-svc" })).id;
  key = (await createWorkspaceKey(team.admin, { name: "ci", scopes: [...API_SCOPES] })).token;
  await disconnectDb();
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = await startServerProcess({ DATABASE_URL: database.url, HOST: "127.0.0.1", APP_URL: url, AUTH_SECRET: authSecret, LOG_LEVEL: "warn" }, port);
    servers.push(server);
    urls.push(url);
    await waitUntilHealthy(server, 120_000);
  }
}, 240_000);

afterAll(async () => {
  for (const server of servers) await stop(server);
  await disconnectDb();
  await database?.drop();
});

const auth = () => ({ authorization: `Bearer ${key}`, "content-type": "application/json" });

describe("a gate long-poll on one instance", () => {
  it("answers as soon as a change is made through another instance", async () => {
    const before = (await (await fetch(`${urls[1]}/api/v1/runs/${runId}/gate`, { headers: auth() })).json()) as { decision: string };
    expect(before.decision).toBe("wait");
    // The adapter's heartbeat lets each instance know the other is there before anything is sent.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const waiting = fetch(`${urls[1]}/api/v1/runs/${runId}/gate?wait=45s&while=wait`, { headers: auth() }).then((r) => r.json() as Promise<{ decision: string; waitedMs: number; reasons: { message: string }[] }>);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const locked = await fetch(`${urls[0]}/api/v1/locks`, { method: "POST", headers: auth(), body: JSON.stringify({ service: "cluster-svc", reason: "Incident 4411" }) });
    expect(locked.status).toBe(201);
    const answer = await waiting;
    expect(answer.decision).toBe("no_go");
    expect(answer.reasons[0].message).toBe("cluster-svc is locked by API key “ci”: Incident 4411");
    // From A's event through the adapter, not from B's own 15-second re-check.
    expect(answer.waitedMs).toBeLessThan(SAFETY_NET_MS);
  }, 120_000);
});
