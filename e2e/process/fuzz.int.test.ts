// Hostile input against the compiled server as users run it: more than 10,000 malformed requests
// (wrong types, huge strings, unicode, deep and wide objects, script tags, SQL fragments, missing and
// extra fields) to every route handler, every page that takes a parameter, the server-action
// endpoint and every socket event of both namespaces, with real credentials so each reaches as deep
// as it can. Nothing may answer 5xx (or "internal" on a socket), the server must stay up, nothing may
// change in the database except through an input that was valid (and recorded as such), and no
// secret may appear in the server's output.
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { freePort } from "../../lib/db/embedded";
import { applyRunEvent, stateFingerprint, type TRunSnapshot } from "../../lib/domain/run-snapshot";
import { createApiToken } from "../../lib/metrics/tokens";
import { STATUS_NAMESPACE } from "../../lib/realtime/events";
import { getRunSnapshot } from "../../lib/runs/queries";
import { createShareLink } from "../../lib/share/server/share-links";
import { eventsAfter } from "../../lib/timeline/events";
import { dbChangesSince, dbMark, watchDbChanges } from "../support/db-changes";
import { makeRun, makeTeam, PASSWORD } from "../support/factories";
import { useTestDatabase } from "../support/integration";
import { sessionCookieOf } from "../support/realtime-world";
import { LIMITS_OUT_OF_THE_WAY, startServerProcess, type TServerProcess, waitUntilHealthy } from "../support/server-process";
import { discoverSocketEvents, type TSocketRegistry } from "../support/socket-registry";
import { discoverRoutes, httpCases, pick, socketInputs } from "./fuzz-inputs";

const database = useTestDatabase("fuzz");
// The sessions are made in this process (e2e/support/integration.ts signs them with this secret): the server must share it.
const AUTH_SECRET = "test-secret-test-secret-test-secret-0123";

// ───────────────────────────── the world ─────────────────────────────

let server: TServerProcess;
let baseUrl: string;
let runId: string;
let otherRunId: string;
let adminCookie: string;
let leadCookie: string;
let shareToken: string;
let metricToken: string;
let registry: TSocketRegistry;
let before: TRunSnapshot;
let mark: number;
const secrets: string[] = [AUTH_SECRET, PASSWORD];

beforeAll(async () => {
  const t0 = Date.now();
  const lap = (what: string) => console.log(`[fuzz] setup: ${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const team = await makeTeam();
  lap("team");
  const run = await makeRun(team.lead);
  runId = run.id;
  otherRunId = (await makeRun(team.lead)).id;
  adminCookie = await sessionCookieOf(team.admin);
  leadCookie = await sessionCookieOf(team.lead);
  shareToken = (await createShareLink(team.lead, { runId, label: "fuzz" })).token;
  metricToken = (await createApiToken(team.lead, { runId, name: "fuzz" })).token;
  secrets.push(shareToken, metricToken, ...[adminCookie, leadCookie].map((c) => decodeURIComponent(c.split("=")[1].split(".")[0])));
  lap("runs, cookies, links");
  registry = await discoverSocketEvents({ cookie: adminCookie, shareToken });
  lap("socket registry");
  await watchDbChanges();
  lap("triggers");

  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  // The per-caller limits raised out of the way (as for the benchmarks): hostile inputs must reach as
  // deep as they can, not stop at the door as rate_limited.
  server = await startServerProcess({ DATABASE_URL: database.url(), AUTH_SECRET, APP_URL: baseUrl, SIGN_IN_RATE_LIMIT: "10000", ...LIMITS_OUT_OF_THE_WAY }, port);
  await waitUntilHealthy(server);
  lap("server up");
  before = (await getRunSnapshot(runId))!;
  mark = await dbMark();
}, 120_000);

afterAll(async () => {
  // Graceful shutdown has its own test (server-process.int.test.ts); this database is dropped anyway.
  server?.child.kill("SIGKILL");
  await server?.exited;
});

// ───────────────────────────── sending ─────────────────────────────

type TCounts = Record<string, number>;
const bump = (counts: TCounts, key: string) => (counts[key] = (counts[key] ?? 0) + 1);

/** Runs jobs with a bounded number in flight. */
async function pool<T>(items: readonly T[], concurrency: number, job: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await job(items[next++]);
  }));
}

function openSocket(namespace: string, options: { cookie?: string; token?: string }): Promise<Socket> {
  const socket = connect(`${baseUrl}${namespace}`, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    extraHeaders: options.cookie ? { cookie: options.cookie } : {},
    auth: options.token ? { token: options.token } : {},
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

/** Events typed `=> void` in lib/realtime/events.ts: leaving a room answers nothing, so nothing is awaited. */
const FIRE_AND_FORGET = ["run:leave", "tower:leave"];

// ───────────────────────────── the test ─────────────────────────────

describe("fuzzing the running server", () => {
  it("answers ≥ 10,000 hostile inputs without a 5xx, stays up, changes nothing invalid and logs no secret", async () => {
    const http: TCounts = {};
    const sockets: TCounts = {};
    const failures: string[] = [];
    const acceptedSeqs: number[] = [];
    let httpMutationsAccepted = 0;

    const startedAt = Date.now();
    // Socket events of the war room's namespace, as an admin (the deepest reach) and as a lead.
    const admin = await openSocket("/", { cookie: adminCookie });
    const lead = await openSocket("/", { cookie: leadCookie });
    const status = await openSocket(STATUS_NAMESPACE, { token: shareToken });
    const jobs: { socket: Socket; event: string; input: unknown; hasAck: boolean }[] = [];
    for (const event of registry.main) {
      for (const input of socketInputs(runId, otherRunId, 340)) jobs.push({ socket: pick([admin, admin, lead]), event, input, hasAck: !FIRE_AND_FORGET.includes(event) });
    }
    for (const event of [...registry.status, "item:change", "run:join", "share:revoke", "<script>", "x".repeat(1_000)]) {
      for (const input of socketInputs(runId, otherRunId, 120)) jobs.push({ socket: status, event, input, hasAck: true });
    }
    await pool(jobs, 16, async ({ socket, event, input, hasAck }) => {
      if (!hasAck) {
        socket.emit(event, input);
        bump(sockets, "sent without ack");
        return;
      }
      try {
        const reply = (await socket.timeout(10_000).emitWithAck(event, input)) as { data?: { seq?: number }; error?: { code: string; message: string } };
        if (reply?.error) {
          bump(sockets, `error ${reply.error.code}`);
          if (["internal", "unavailable"].includes(reply.error.code)) failures.push(`socket ${event} ${JSON.stringify(input)?.slice(0, 200)} → ${reply.error.code}`);
        } else {
          bump(sockets, "accepted");
          if (typeof reply?.data?.seq === "number" && socket !== status) acceptedSeqs.push(reply.data.seq);
        }
      } catch {
        bump(sockets, "no answer");
        failures.push(`socket ${event} ${JSON.stringify(input)?.slice(0, 200)} → no answer`);
      }
    });

    const socketsDoneAt = Date.now();
    // HTTP: every route handler, the pages with parameters, the server-action endpoint.
    const cases = httpCases(discoverRoutes(), { baseUrl, runId, adminCookie, metricToken });
    await pool(cases, 16, async (c) => {
      try {
        const response = await fetch(`${baseUrl}${c.path}`, { method: c.method, headers: c.headers, body: c.body as BodyInit | undefined, redirect: "manual" });
        const text = await response.text();
        // An action answers 200 with its result: "internal" there is a crash it caught.
        if (c.headers["next-action"] && text.includes('"code":"internal"')) failures.push(`action ${c.path} ${String(c.body).slice(0, 120)} → internal`);
        // A 503 "unavailable" says the flooded server is busy (nothing written, retry): counted apart.
        const isBusy = response.status === 503 && text.includes('"code":"unavailable"');
        bump(http, isBusy ? "503 busy" : `${Math.floor(response.status / 100)}xx`);
        if (response.status >= 500 && !isBusy) {
          const body = typeof c.body === "string" ? c.body.slice(0, 120) : c.body ? `<${c.body.length} bytes>` : "";
          failures.push(`HTTP ${c.method} ${c.path.slice(0, 120)} ${c.headers["next-action"] ? `action ${c.headers["next-action"].slice(0, 12)} ` : ""}${body} → ${response.status}`);
        }
        if (c.method !== "GET" && response.status < 300 && c.path.startsWith("/api/")) httpMutationsAccepted++;
      } catch (error) {
        // Node refuses a request line over its 16 KiB header limit (431) and closes; the server may also
        // close on a refused oversized upload before reading it all. Anything else is a failure.
        bump(http, "connection closed");
        // (And fetch itself refuses an answer whose headers pass its limit: a redirect echoing a huge query.)
        const isClientLimit = (error as { cause?: { code?: string } }).cause?.code === "UND_ERR_HEADERS_OVERFLOW";
        const isOversized = isClientLimit || Buffer.byteLength(c.path) > 16 * 1024 || (c.body instanceof Uint8Array && c.body.length > 1024 * 1024);
        if (!isOversized) failures.push(`HTTP ${c.method} ${c.path.slice(0, 120)} → ${(error as Error).message}`);
      }
    });
    for (const s of [admin, lead, status]) s.close();

    const total = Object.values(sockets).reduce((a, b) => a + b, 0) + Object.values(http).reduce((a, b) => a + b, 0);
    console.log(`[fuzz] ${total} hostile inputs: ${jobs.length} socket events (${registry.main.length} war-room events, ${registry.status.length} status-link events), ${cases.length} HTTP requests`);
    console.log(`[fuzz] socket answers (${((socketsDoneAt - startedAt) / 1000).toFixed(1)} s): ${JSON.stringify(sockets)}`);
    console.log(`[fuzz] HTTP answers (${((Date.now() - socketsDoneAt) / 1000).toFixed(1)} s): ${JSON.stringify(http)}`);
    expect(total).toBeGreaterThanOrEqual(10_000);
    if (failures.length) console.log(server.output().slice(-6000));
    expect(failures.slice(0, 40)).toEqual([]);

    // Still up and healthy.
    expect(server.child.exitCode).toBeNull();
    expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);

    // Every change in the database came with an input that was accepted, and is on the record: the
    // run's events folded onto its state before the fuzz give exactly its state now.
    const changes = await dbChangesSince(mark);
    console.log(`[fuzz] accepted (valid) inputs: ${acceptedSeqs.length} socket commands, ${httpMutationsAccepted} HTTP; rows written: ${changes.join(", ") || "none"}`);
    if (acceptedSeqs.length === 0 && httpMutationsAccepted === 0) expect(changes).toEqual([]);
    const { events } = await eventsAfter(runId, before.lastSeq);
    expect(events.map((e) => e.seq).sort((a, b) => a - b)).toEqual(expect.arrayContaining([...acceptedSeqs].sort((a, b) => a - b)));
    const after = (await getRunSnapshot(runId))!;
    expect(stateFingerprint(events.reduce(applyRunEvent, before))).toBe(stateFingerprint(after));
    // Accounts, templates and the other run were out of reach of every input.
    for (const table of ["user", "account", "Template", "TemplatePhase", "TemplateSection", "TemplateItem"]) {
      expect(changes.filter((c) => c.startsWith(`${table} `)), table).toEqual([]);
    }
    expect((await db().timelineEvent.count({ where: { runId: otherRunId } }))).toBe(1);

    // No secret in anything the server printed.
    const output = server.output();
    for (const secret of secrets) expect(output.includes(secret), `the server's output contains a secret (${secret.slice(0, 4)}…)`).toBe(false);
  }, 120_000);
});
