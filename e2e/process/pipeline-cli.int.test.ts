// Issue 18's "done when", end to end with real processes: a fresh database; the compiled server
// started with WARROOM_ADMIN_EMAIL/PASSWORD (the first admin, never logged); `npm run -s
// token:create` printing only a key; then `npx warroom` as a pipeline runs it — create a run, wait
// on the gate (exit 3 with reasons: no poll, no data), wait again while two leads vote PROCEED over
// their own sockets and the pipeline pushes green metrics as Prometheus text (exit 0), and a
// rollback recommended makes the gate exit 2.
import { randomBytes, randomUUID } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { TActor } from "../../lib/auth/users";
import { freePort } from "../../lib/db/embedded";
import { disconnectDb, db } from "../../lib/db/client";
import { reassignRole } from "../../lib/runs/role-commands";
import { changeStatus } from "../../lib/runs/status-commands";
import { setRuntime } from "../../lib/runtime";
import { makeUser } from "../support/factories";
import { signInOverHttp } from "../support/http-sign-in";
import { startServerProcess, stop, waitUntilHealthy, type TServerProcess } from "../support/server-process";
import { runProcess } from "../support/run-process";
import { createTestDatabase, type TTestDatabase } from "../support/test-database";

const ADMIN_EMAIL = "ops@example.com";
const ADMIN_PASSWORD = `bootstrap-${randomBytes(6).toString("hex")}`;
const QUESTIONS = ["Ready for production?", "Rollback plan ready?"];


let database: TTestDatabase;
let server: TServerProcess;
let baseUrl: string;
let cliEnv: Record<string, string>;
const sockets: Socket[] = [];

const warroom = (args: string[], stdin?: string) => runProcess("npx", ["--no-install", "warroom", ...args], cliEnv, stdin);

beforeAll(async () => {
  database = await createTestDatabase(inject("pgAdminUrl"), "cli");
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = await startServerProcess({ DATABASE_URL: database.url, HOST: "127.0.0.1", APP_URL: baseUrl, WARROOM_ADMIN_EMAIL: ADMIN_EMAIL, WARROOM_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: "info" }, port);
  await waitUntilHealthy(server, 120_000);
  setRuntime({ databaseUrl: database.url, authSecret: randomBytes(32).toString("hex"), appUrl: baseUrl, signInRateLimit: 1000, startedAt: new Date(), version: "test" });
}, 180_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  if (server) await stop(server);
  await disconnectDb();
  await database?.drop();
});

async function leadSocket(email: string): Promise<Socket> {
  const cookie = await signInOverHttp(baseUrl, email);
  const socket = io(baseUrl, { transports: ["websocket"], forceNew: true, extraHeaders: { cookie, origin: baseUrl } });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("session:ready", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

async function send(socket: Socket, event: string, input: object): Promise<{ seq: number }> {
  const reply = (await socket.timeout(15_000).emitWithAck(event, input)) as { data?: { seq: number }; error?: { message: string } };
  if (!reply.data) throw new Error(`${event}: ${reply.error?.message}`);
  return reply.data;
}

/** Healthy values of every metric the built-in runbook's rules judge, as an exporter would print them. */
const GREEN_EXPOSITION = ["canary", "production"]
  .flatMap((stage) => [
    `error_rate{stage="${stage}"} 0.05`,
    `warroom_response_time_avg{stage="${stage}"} 180`,
    `http_request_duration_seconds{quantile="0.95",stage="${stage}"} 0.42`,
    `db_query_time{stage="${stage}"} 40`,
    `db_connection_failures{stage="${stage}"} 0`,
    `memory{stage="${stage}"} 55`,
    `process_cpu_seconds_total{stage="${stage}"} 12`,
  ])
  .join("\n");

describe("a pipeline drives a run with `npx warroom` on a fresh database", () => {
  let runId: string;
  let leads: TActor[];

  it("creates the first admin from the environment without printing the password", async () => {
    expect(server.output()).toContain("created the first admin from WARROOM_ADMIN_EMAIL");
    expect(server.output()).not.toContain(ADMIN_PASSWORD);
    const admin = await db().user.findFirstOrThrow({ where: { email: ADMIN_EMAIL } });
    expect(admin.role).toBe("admin");
    await signInOverHttp(baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
  });

  it("token:create prints only the new workspace key", async () => {
    const result = await runProcess("npm", ["run", "-s", "token:create", "--", "--label", "ci-deploy", "--scopes", "all"], { DATABASE_URL: database.url });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^wrm_[\w-]{43}\n$/);
    cliEnv = { WARROOM_URL: baseUrl, WARROOM_TOKEN: result.stdout.trim() };
  }, 60_000);

  it("runs create --json prints the id and the war room's URL", async () => {
    const result = await warroom(["runs", "create", "--template", "Deployment Day", "--service", "midi-api", "--version", "9.1.0", "--commit", "6eb59fa", "--commit-at", "2026-12-04T16:20:00+01:00", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const created = JSON.parse(result.stdout) as { id: string; url: string };
    expect(created.url).toBe(`${baseUrl}/runs/${created.id}`);
    runId = created.id;
    // The commit's time is kept for lead time for changes (lib/domain/dora.ts).
    expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).commitAt?.toISOString()).toBe("2026-12-04T15:20:00.000Z");
    const event = await db().timelineEvent.findFirstOrThrow({ where: { runId, type: "run.created" } });
    expect(event.actorName).toBe("API key “ci-deploy”");
  }, 60_000);

  it("gate --wait --timeout 5s exits 3 with the reasons: no poll yet, no data", async () => {
    const result = await warroom(["gate", "--run", runId, "--stage", "production", "--wait", "--timeout", "5s"]);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stdout).toContain("WAIT");
    expect(result.stdout).toContain("No go/no-go poll has been held yet.");
    expect(result.stdout).toMatch(/error_rate: no sample for \d+:\d\d — is the monitoring feed running\?/);
  }, 60_000);

  it("exits 0 once the leads vote PROCEED and the metrics pushed are green with data", async () => {
    // The team and the run's state up to go/no-go, written as the war room would have.
    const adminRow = await db().user.findFirstOrThrow({ where: { email: ADMIN_EMAIL } });
    const admin: TActor = { id: adminRow.id, name: adminRow.name, role: "admin" };
    const emails = [`lee-${randomUUID()}@example.com`, `tess-${randomUUID()}@example.com`];
    leads = await Promise.all(emails.map(async (email, i) => {
      const user = await makeUser(admin, { name: i === 0 ? "Lee Lead" : "Tess Tech", email, role: "lead" });
      return { id: user.id, name: user.name, role: user.role };
    }));
    await reassignRole(admin, { runId, role: "deployment_lead", userId: leads[0].id });
    await reassignRole(admin, { runId, role: "tech_lead", userId: leads[1].id });
    await db().runItem.updateMany({ where: { section: { phase: { runId } } }, data: { state: "done" } });
    let version = (await db().run.findUniqueOrThrow({ where: { id: runId } })).version;
    for (const to of ["pre_deployment", "staging", "smoke_tests", "go_no_go"]) await changeStatus(leads[0], { runId, to, version: version++ });

    const waiting = warroom(["gate", "--run", runId, "--stage", "production", "--wait", "--timeout", "2m"]);
    const [lee, tess] = await Promise.all(emails.map(leadSocket));
    await send(lee, "poll:open", { runId, questions: QUESTIONS, positions: ["deployment_lead", "tech_lead"] });
    const poll = await db().goNoGoPoll.findFirstOrThrow({ where: { runId } });
    const answers = QUESTIONS.map((_, questionIndex) => ({ questionIndex, answer: "go", version: 0 }));
    await send(lee, "poll:vote", { runId, pollId: poll.id, position: "deployment_lead", answers });
    await send(tess, "poll:vote", { runId, pollId: poll.id, position: "tech_lead", answers });
    await send(lee, "poll:close", { runId, pollId: poll.id });

    const pushed = await warroom(["metrics", "push", "--run", runId, "--format", "prometheus", "--map", 'http_request_duration_seconds{quantile="0.95"}=response_time_p95', "-"], GREEN_EXPOSITION);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.stdout).toBe("pushed: 12 accepted, 0 duplicates\n");
    expect(pushed.stderr).toContain("skipped 2 series that map to no metric");

    const result = await waiting;
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toContain("GO");
    expect(result.stdout).toContain("said PROCEED");
    expect(result.stdout).toContain("gating rules for production are ok with fresh data");
  }, 180_000);

  it("a lock makes the gate exit 1 naming it; taking it twice fails naming the holder; unlocked, go again", async () => {
    const locked = await warroom(["lock", "--service", "midi-api", "--reason", "Incident 4411: ledger drift"]);
    expect(locked.code, locked.stderr).toBe(0);
    expect(locked.stdout).toBe("locked midi-api (API key “ci-deploy”)\n");
    const gate = await warroom(["gate", "--run", runId, "--stage", "production"]);
    expect(gate.code).toBe(1);
    expect(gate.stdout).toContain("midi-api is locked by API key “ci-deploy”: Incident 4411: ledger drift");
    const again = await warroom(["lock", "--service", "MIDI-API", "--reason", "Deploying 9.2"]);
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/HTTP 409 \[service\]: midi-api is already locked by API key “ci-deploy” since .* UTC: Incident 4411: ledger drift/);
    expect((await warroom(["unlock", "--service", "midi-api"])).code).toBe(0);
    expect((await warroom(["gate", "--run", runId, "--stage", "production"])).code).toBe(0);
  }, 120_000);

  it("ticks an item by its key, previews an announcement, steps nothing out of turn", async () => {
    const item = await db().runItem.findFirstOrThrow({ where: { section: { phase: { runId, key: "production" }, intervalMinutes: null } }, orderBy: { position: "asc" } });
    await db().runItem.update({ where: { id: item.id }, data: { state: "open" } });
    const tick = await warroom(["tick", "--run", runId, "--item", item.text]);
    expect(tick.code, tick.stderr).toBe(0);
    expect(tick.stdout).toMatch(/^tick: .* — midi-api 9\.1\.0: go_no_go, rollout 0% \(event #\d+\)\n$/);
    const preview = await warroom(["announce", "--run", runId, "--template", "pre_deployment", "--field", "phoneNumber=+1 555 0100"]);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain("+1 555 0100");
    expect(preview.stdout).not.toMatch(/\{\{/);
    const rollout = await warroom(["rollout", "--run", runId, "--step", "50"]);
    expect(rollout.code).toBe(4);
    expect(rollout.stderr).toContain("HTTP 409");
  }, 120_000);

  it("exits 2 once a rollback is recommended", async () => {
    const lee = sockets[0];
    await send(lee, "rollback:trigger", { runId, label: "Data corruption detected", note: "Orders table shows duplicates" });
    const result = await warroom(["gate", "--run", runId, "--stage", "production", "--wait", "--timeout", "5s"]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toContain("A rollback is recommended: Data corruption detected.");
  }, 60_000);

  it("an unknown run or a bad token exits 4", async () => {
    const unknown = await warroom(["gate", "--run", "no-such-run"]);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toContain("HTTP 404 [id]: No such run.");
    const badToken = await runProcess("npx", ["--no-install", "warroom", "gate", "--run", runId], { WARROOM_URL: baseUrl, WARROOM_TOKEN: "wrm_nope" });
    expect(badToken.code).toBe(4);
    expect(badToken.stderr).toContain("HTTP 401");
  }, 60_000);
});
