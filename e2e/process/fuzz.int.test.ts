// Hostile input against the compiled server as users run it: more than 10,000 malformed requests
// (wrong types, huge strings, unicode, deep and wide objects, script tags, SQL fragments, missing and
// extra fields) to every route handler, every page that takes a parameter, the server-action
// endpoint and every socket event of both namespaces, with real credentials so each reaches as deep
// as it can. Nothing may answer 5xx (or "internal" on a socket), the server must stay up, nothing may
// change in the database except through an input that was valid (and recorded as such), and no
// secret may appear in the server's output.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
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
import { makeRun, makeTeam, PASSWORD, sessionCookie } from "../support/factories";
import { useTestDatabase } from "../support/integration";
import { startServerProcess, type TServerProcess, waitUntilHealthy } from "../support/server-process";
import { discoverSocketEvents, type TSocketRegistry } from "../support/socket-registry";

const database = useTestDatabase("fuzz");
// The sessions are made in this process (e2e/support/integration.ts signs them with this secret): the server must share it.
const AUTH_SECRET = "test-secret-test-secret-test-secret-0123";

// ───────────────────────────── hostile values ─────────────────────────────

/** Deterministic, so a failure reproduces. */
function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
const random = rng(0x5741_5252);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

const nested = (depth: number): unknown => (depth === 0 ? "bottom" : { a: nested(depth - 1) });
const deepArray = (depth: number): unknown => (depth === 0 ? [] : [deepArray(depth - 1)]);

const HOSTILE: readonly unknown[] = [
  null, true, false, 0, -1, 1.5, -0, 1e308, -1e308, 2 ** 53 + 2, 1e-320,
  "", " ", "a", "0", "-1", "true", "null", "undefined", "NaN", "Infinity",
  "x".repeat(10_000), "é".repeat(5_000), "😀".repeat(3_000),
  "\u0000", "a\u0000b", "\ud800", "\udfff", "\u202egnp.exe", "\u200b\u200b", "\ufeff", "Ω≈ç√∫˜µ≤≥÷", "ｔｅｓｔ", "ﷺ", "𝕿𝖊𝖘𝖙",
  "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "\"><svg/onload=alert(1)>",
  "' OR '1'='1", "'; DROP TABLE \"Run\"; --", "1; SELECT pg_sleep(10); --", "$1", "\\", "%", "_%", "\\x00",
  "../../../../etc/passwd", "%2e%2e%2f%2e%2e%2f", "${7*7}", "{{7*7}}", "#{7*7}", "%s%s%s%n", "a\r\nSet-Cookie: evil=1",
  "2026-13-45T99:99:99Z", "0000-00-00", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
  [], [null], [1, 2, 3], ["a", "b"], Array.from({ length: 5_000 }, (_, i) => i),
  {}, { a: 1 }, JSON.parse('{"__proto__": {"polluted": true}}'), { constructor: { prototype: { polluted: true } } },
  nested(60), deepArray(500), Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, i])),
];

/** Field names the commands use (and some they do not), each set to hostile values in turn. */
const FIELDS = [
  "runId", "itemId", "sectionId", "pollId", "alertId", "tokenId", "ruleId", "walkId", "announcementId", "webhookId",
  "userId", "linkId", "version", "action", "to", "reason", "note", "questions", "positions", "position", "answers",
  "fromPercent", "label", "metric", "threshold", "window", "severity", "comparator", "decision", "name", "key",
  "unit", "kind", "commandId", "afterSeq", "view", "plannedStart", "stage", "isEnabled", "url", "format",
  "templateKey", "title", "body", "nodeId", "choice", "__proto__", "constructor",
];

/** Hostile inputs for one socket event: whole-payload garbage, then one field at a time on a plausible base. */
function socketInputs(runId: string, otherRunId: string, count: number): unknown[] {
  const inputs: unknown[] = [undefined, ...HOSTILE];
  const base = () => ({ runId, commandId: `fuzz-${Math.floor(random() * 1e12)}` });
  inputs.push({ ...base(), runId: otherRunId }, { ...base(), extra: "<b>x</b>", another: { deep: nested(5) } }, { commandId: "x" });
  while (inputs.length < count) {
    const input: Record<string, unknown> = base();
    const fields = 1 + Math.floor(random() * 3);
    for (let i = 0; i < fields; i++) input[pick(FIELDS)] = pick(HOSTILE);
    if (random() < 0.1) delete input.runId;
    inputs.push(input);
  }
  return inputs;
}

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
  const emailOf = async (id: string) => (await db().user.findUniqueOrThrow({ where: { id } })).email;
  adminCookie = await sessionCookie(await emailOf(team.admin.id));
  leadCookie = await sessionCookie(await emailOf(team.lead.id));
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
  server = await startServerProcess({ DATABASE_URL: database.url(), AUTH_SECRET, APP_URL: baseUrl, SIGN_IN_RATE_LIMIT: "10000" }, port);
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

/** A query-string value of anything, lone surrogates included (sent as the raw bytes they would be). */
function query(value: unknown): string {
  try {
    return encodeURIComponent(typeof value === "string" ? value : JSON.stringify(value) ?? "");
  } catch {
    return "%ED%A0%80";
  }
}

type THttpCase = { method: string; path: string; headers: Record<string, string>; body?: string | Uint8Array };

function httpCases(routes: { method: string; route: string }[]): THttpCase[] {
  const cases: THttpCase[] = [];
  const ids = [runId, "x".repeat(5_000), "a%00b", "..%2f..%2f", "%ff%fe", "' OR 1=1 --<script>%F0%9F%98%80%E2%80%AE"];
  const credentials: Record<string, string>[] = [
    { cookie: adminCookie },
    { authorization: `Bearer ${metricToken}` },
    { authorization: `Bearer ${"x".repeat(4_000)}`, cookie: "better-auth.session_token=forged.signature; x=<script>" },
    {},
  ];
  const bodies: { type?: string; body: string | Uint8Array }[] = [
    ...HOSTILE.map((v) => ({ type: "application/json", body: JSON.stringify(v) ?? "" })),
    { type: "application/json", body: "{" },
    { type: "application/json", body: '{"samples": [' },
    { type: "application/json", body: "\u0000\u0001\u0002" },
    { type: "application/json", body: '{"metric":"error_rate","value":"1e999","timestamp":"now"}' },
    { type: "application/json", body: JSON.stringify({ samples: Array.from({ length: 1_500 }, () => ({ metric: "error_rate", value: -1, timestamp: 0 })) }) },
    { type: "text/plain", body: "<script>alert(1)</script>" },
    { type: "application/x-www-form-urlencoded", body: "a=1&a=2&__proto__[x]=1" },
    { type: "multipart/form-data; boundary=zzz", body: "--zzz\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--zzz--" },
    { type: "application/json", body: new Uint8Array(600 * 1024).fill(0x61) },
    { type: "application/json", body: new Uint8Array(2 * 1024 * 1024).fill(0x7b) },
  ];
  for (const { method, route } of routes) {
    for (const id of ids) {
      // A catch-all segment (better-auth's) gets its real endpoints as well as garbage.
      const target = route.replace(/\[\.\.\.\w+\]/, pick(["sign-in/email", "get-session", "update-user", "list-sessions", id])).replace(/\[\w+\]/g, id);
      for (const headers of credentials) {
        if (method === "GET") {
          cases.push({ method, path: `${target}?format=${query(pick(HOSTILE))}&x=${query("<script>")}`, headers });
          continue;
        }
        for (let i = 0; i < 3; i++) {
          const body = pick(bodies);
          cases.push({ method, path: target, headers: { ...headers, ...(body.type ? { "content-type": body.type } : {}) }, body: body.body });
        }
      }
    }
  }
  // Pages that take a parameter, with and without a session.
  for (const id of ids) {
    for (const page of [`/status/${id}`, `/runs/${id}`, `/runs/${id}/bridge`, `/runs/${id}/share`, `/runs/${id}/record`, `/templates/${id}/edit`, `/sign-in?next=${id}`]) {
      for (const headers of [{ cookie: adminCookie }, {}] as Record<string, string>[]) cases.push({ method: "GET", path: page, headers });
    }
  }
  // Every real server action (by its id in this build's manifest), with hostile arguments encoded
  // the way a browser's client would send them.
  for (const action of serverActions()) {
    for (let i = 0; i < 10; i++) {
      const args = Array.from({ length: 1 + (i % 3) }, () => pick(HOSTILE));
      cases.push({
        method: "POST",
        path: action.page.replace(/\[\w+\]/g, runId),
        headers: { cookie: adminCookie, "next-action": action.id, origin: baseUrl, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
        body: encodeActionArgs(args),
      });
    }
  }
  // The server-action endpoint: unknown and malformed action ids with hostile bodies.
  for (let i = 0; i < 60; i++) {
    const body = pick(bodies);
    cases.push({
      method: "POST",
      path: pick(["/", "/runs/new", "/admin/users", `/runs/${runId}/share`]),
      headers: { cookie: adminCookie, "next-action": pick(["", "x", "0".repeat(42), "<script>", "a".repeat(5_000)]), origin: baseUrl, ...(body.type ? { "content-type": body.type } : {}) },
      body: body.body,
    });
  }
  return cases;
}

/**
 * Arguments as React's client encodes a server action call: JSON, with strings that start with "$"
 * escaped ("$" marks references in the reply format).
 */
function encodeActionArgs(args: unknown[]): string {
  return JSON.stringify(args, (_key, value: unknown) => (typeof value === "string" && value.startsWith("$") ? `$${value}` : value));
}

/** This build's server actions and a page each is served from (Next's manifest). */
function serverActions(): { id: string; page: string }[] {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers)[0] ?? "app/page";
    const page = worker.replace(/^app/, "").replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "") || "/";
    return { id, page };
  });
}

function discoverRoutes(): { method: string; route: string }[] {
  const files = readdirSync(path.resolve("app/api"), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === "route.ts")
    .map((e) => path.join(e.parentPath, e.name));
  return files.flatMap((file) => {
    const text = readFileSync(file, "utf8");
    const route = "/" + path.relative(path.resolve("app"), path.dirname(file));
    return ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => new RegExp(`export (async )?function ${m}\\b`).test(text)).map((method) => ({ method, route }));
  });
}

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
      for (const input of socketInputs(runId, otherRunId, 340)) jobs.push({ socket: pick([admin, admin, lead]), event, input, hasAck: event !== "run:leave" });
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
    const cases = httpCases(discoverRoutes());
    await pool(cases, 16, async (c) => {
      try {
        const response = await fetch(`${baseUrl}${c.path}`, { method: c.method, headers: c.headers, body: c.body as BodyInit | undefined, redirect: "manual" });
        const text = await response.text();
        // An action answers 200 with its result: "internal" there is a crash it caught.
        if (c.headers["next-action"] && text.includes('"code":"internal"')) failures.push(`action ${c.path} ${String(c.body).slice(0, 120)} → internal`);
        bump(http, `${Math.floor(response.status / 100)}xx`);
        if (response.status >= 500) {
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
