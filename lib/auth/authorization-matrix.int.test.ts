// The authorization matrix: every mutation Warroom exposes (socket event, route handler, server
// action) × every kind of caller (admin, lead, member, viewer, share-link holder, metric-token
// holder, and nobody at all). Expected outcomes come from the one permission table
// (lib/domain/roles.ts PERMISSIONS); each entry below only names which permission its mutation
// needs and how to make a valid call. Allowed callers must succeed (and change the database);
// everyone else must be refused with nothing changed. The list of mutations is discovered from the
// running code (the socket server's registered events, app/api/**/route.ts, every "use server"
// module): a mutation added without an entry here fails the first test.
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { io as connect, Socket as ClientSocket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dbChangesSince, dbMark, watchDbChanges } from "../../e2e/support/db-changes";
import { makeRun, makeTeam, PASSWORD, sessionCookie } from "../../e2e/support/factories";
import { discoverSocketEvents } from "../../e2e/support/socket-registry";
import { TEST_APP_URL, useTestDatabase } from "../../e2e/support/integration";
import { db } from "../db/client";
import { ACTOR_KINDS, can, type TActorKind, type TPermission, type TRole } from "../domain/roles";
import { manualTriggers } from "../domain/metric-defaults";
import { ensureRules } from "../metrics/rules";
import { createApiToken } from "../metrics/tokens";
import { triggerRollback } from "../metrics/rollback-commands";
import { STATUS_NAMESPACE } from "../realtime/events";
import { setIo, type TIo } from "../realtime/io";
import { createRealtimeServer } from "../realtime/server";
import { createGlobalWebhook, saveRunWebhook } from "../comms/webhooks";
import { startWalk, stepWalk } from "../decisions/commands";
import { closePoll, openPoll, votePoll } from "../runs/poll-commands";
import { resetRateLimits } from "../security/rate-limit";
import { createTemplate } from "../templates/create-template";
import { copyTemplate } from "../templates/edit-commands";
import { getTemplateForEditor } from "../templates/editor-queries";
import { seedDefaultTemplate } from "../templates/seed";
import { defaultTemplate } from "../../prisma/seed/default-template";
import { createShareLink } from "../share/share-links";
import { createDataSource } from "../datasources/commands";
import { createUser, type TActor } from "./users";
import { userFromHeaders } from "./session";

// Server actions and route handlers read the request through next/headers: here it is the caller's.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => undefined, delete: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

useTestDatabase("authz_matrix");

/** Every caller: the six kinds of the permission table, and someone with no credential at all. */
const CALLERS = [...ACTOR_KINDS, "anonymous"] as const;
type TCaller = (typeof CALLERS)[number];
const ACCOUNT_ROLES: readonly TCaller[] = ["admin", "lead", "member", "viewer"];
const isAccount = (c: TCaller): c is TRole => ACCOUNT_ROLES.includes(c);

type TOutcome = { ok: true } | { ok: false; code: string };
/** What a refusal may say: not who you are, or not allowed (never "invalid input": the calls are valid). */
const REFUSAL_CODES = ["unauthenticated", "forbidden", "unauthorized", "link_invalid"];

type TRun = { id: string };
type TCase = {
  caller: TCaller;
  run: TRun;
  /** The caller's credentials for this run. */
  cookie?: string;
  shareToken?: string;
  metricToken?: string;
};

type TEntry = {
  /**
   * The permission the mutation needs; "anyone" for public reads, "nobody" for what is closed to all,
   * "own session" for what any account does to its own session (signing out).
   */
  permission: TPermission | "anyone" | "nobody" | "own session";
  /** A rule on top of the permission, enforced by the feature (prepare arranges it for allowed callers). */
  rule?: string;
  /** Whether a successful call writes to the database. */
  isMutation: boolean;
  /** Arranges the state a valid call needs (before the database is fingerprinted). */
  prepare: (c: TCase) => Promise<unknown>;
  /** Makes the call as the caller. */
  call: (c: TCase, input: unknown) => Promise<TOutcome>;
  /** Waits for work a successful call started after answering (webhook deliveries): part of its change. */
  settle?: () => Promise<void>;
  /** Undoes what the case left behind that would leak into later cases (global webhooks). */
  cleanup?: () => Promise<void>;
};

// ───────────────────────────── the world ─────────────────────────────

let httpServer: HttpServer;
let receiver: HttpServer;
let io: TIo;
let baseUrl: string;
let team: Record<TRole, TActor>;
const cookies = new Map<TRole, string>();
const sockets = new Map<TRole, ClientSocket>();

beforeAll(async () => {
  await watchDbChanges();
  team = await makeTeam();
  for (const role of ["admin", "lead", "member", "viewer"] as const) {
    const { email } = await db().user.findUniqueOrThrow({ where: { id: team[role].id } });
    cookies.set(role, await sessionCookie(email));
  }
  httpServer = createServer();
  io = createRealtimeServer(httpServer, { allowedOrigins: [], authenticate: userFromHeaders });
  setIo(io);
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  receiver = createServer((req, res) => req.resume().on("end", () => res.writeHead(200).end("ok")));
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  for (const role of ["admin", "lead", "member", "viewer"] as const) {
    const socket = connect(baseUrl, { transports: ["websocket"], extraHeaders: { cookie: cookies.get(role)! } });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("connect_error", reject);
    });
    sockets.set(role, socket);
  }
});

afterAll(async () => {
  for (const s of sockets.values()) s.close();
  setIo(undefined);
  await new Promise((resolve) => io.close(resolve));
  await new Promise((resolve) => receiver.close(resolve));
});

// ───────────────────────────── calling ─────────────────────────────

const refusedWith = (code: string): TOutcome => ({ ok: false, code });

/** A browser-like request carries its Origin; socket clients here are scripts and send none (origin.test.ts covers that check). */
function credentialHeaders(c: TCase, isBrowser = true): Record<string, string> {
  const headers: Record<string, string> = isBrowser ? { origin: TEST_APP_URL } : {};
  if (c.cookie) headers.cookie = c.cookie;
  if (c.metricToken) headers.authorization = `Bearer ${c.metricToken}`;
  return headers;
}

/** One short-lived socket for callers without a session (they must not get in). */
async function connectAs(c: TCase, namespace = "/"): Promise<ClientSocket | TOutcome> {
  if (namespace === "/" && isAccount(c.caller)) return sockets.get(c.caller)!;
  const socket = connect(`${baseUrl}${namespace === "/" ? "" : namespace}`, {
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    extraHeaders: credentialHeaders(c, false),
    auth: c.shareToken ? { token: c.shareToken } : {},
  });
  return new Promise((resolve) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => {
      socket.close();
      resolve(refusedWith(error.message));
    });
  });
}

function socketCall(event: string, namespace = "/"): TEntry["call"] {
  return async (c, input) => {
    const socket = await connectAs(c, namespace);
    if (!(socket instanceof ClientSocket)) return socket as TOutcome;
    try {
      const reply = (await socket.timeout(5000).emitWithAck(event, input)) as { data?: unknown; error?: { code: string } };
      return reply.error ? refusedWith(reply.error.code) : { ok: true };
    } finally {
      if (!isAccount(c.caller) || namespace !== "/") socket.close();
    }
  };
}

/** Events that answer nothing (run:leave): the caller may send them; they must change nothing. */
function socketFireAndForget(event: string): TEntry["call"] {
  return async (c, input) => {
    const socket = await connectAs(c);
    if (!(socket instanceof ClientSocket)) return socket as TOutcome;
    socket.emit(event, input);
    // A round trip after it proves the server has handled it.
    await socket.timeout(5000).emitWithAck("run:join", { runId: "none" }).catch(() => undefined);
    if (!isAccount(c.caller)) socket.close();
    return { ok: true };
  };
}

type TRouteModule = Record<string, (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>>;

function routeCall(file: string, method: string, url: (c: TCase) => string, params: (c: TCase) => Record<string, string | string[]>, body?: (c: TCase, input: unknown) => string): TEntry["call"] {
  return async (c, input) => {
    const module = (await import(/* @vite-ignore */ path.resolve(file))) as TRouteModule;
    const headers = new Headers(credentialHeaders(c));
    const init: RequestInit = { method, headers };
    if (body) {
      init.body = body(c, input);
      headers.set("content-type", "application/json");
    }
    const req = new Request(`${TEST_APP_URL}${url(c)}`, init);
    request.headers = req.headers;
    const response = await module[method](req, { params: Promise.resolve(params(c)) });
    if (response.status < 300) return { ok: true };
    const text = await response.text();
    const code = (() => {
      try {
        return (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? String(response.status);
      } catch {
        return String(response.status);
      }
    })();
    if (response.status === 401 || response.status === 403) return refusedWith(response.status === 401 ? "unauthenticated" : code);
    return refusedWith(`HTTP ${response.status} ${code}`);
  };
}

type TActionModule = Record<string, (...args: unknown[]) => Promise<{ ok: boolean; code?: string }>>;

function actionCall(file: string, name: string, args: (c: TCase, input: unknown) => unknown[]): TEntry["call"] {
  return async (c, input) => {
    const module = (await import(/* @vite-ignore */ path.resolve(file))) as TActionModule;
    request.headers = new Headers(credentialHeaders(c));
    try {
      const result = await module[name](...args(c, input));
      return result && result.ok === false ? refusedWith(result.code ?? "refused") : { ok: true };
    } catch (error) {
      // Next's redirect() after a successful action (createRunAction) signals by throwing.
      if (String((error as { digest?: string }).digest ?? "").startsWith("NEXT_REDIRECT")) return { ok: true };
      throw error;
    }
  };
}

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
};

// ───────────────────────────── arranging state ─────────────────────────────

let smallTemplateId: string | undefined;

/**
 * The seed runbook cut to one item per section (every phase, recurring section and playbook rule
 * kept): each matrix case makes a fresh run, and a full copy of the runbook per case is slow.
 */
async function smallTemplate(): Promise<string> {
  if (smallTemplateId) return smallTemplateId;
  await seedDefaultTemplate();
  const trimmed = {
    ...defaultTemplate,
    key: "matrix-small",
    name: "Matrix (small)",
    phases: defaultTemplate.phases.map((p) => ({ ...p, sections: p.sections.map((s) => ({ ...s, items: s.items.slice(0, 1) })) })),
  };
  smallTemplateId = (await createTemplate(trimmed)).id;
  return smallTemplateId;
}

async function freshRun(): Promise<TRun> {
  const run = await makeRun(team.lead, { templateId: await smallTemplate(), roles: { deployment_lead: team.lead.id } });
  // Reading a run the first time sets up its default metric rules: done here, not inside a case.
  await db().$transaction((tx) => ensureRules(tx, run.id, run.playbook));
  return run;
}

async function setStatus(runId: string, status: string) {
  await db().run.update({ where: { id: runId }, data: { status: status as never } });
}

/** A run at go/no-go (checklist done) whose Deployment Lead position is held by `holder`. */
async function runAtGoNoGo(holder: TActor = team.lead): Promise<TRun> {
  const run = await freshRun();
  await db().runItem.updateMany({ where: { section: { phase: { runId: run.id } } }, data: { state: "done" } });
  await setStatus(run.id, "go_no_go");
  await db().run.update({ where: { id: run.id }, data: { lastSeq: { increment: 1 } } }).then(async (r) =>
    db().timelineEvent.create({ data: { runId: run.id, seq: r.lastSeq, actorName: "test", type: "run.status_changed", payload: { to: "go_no_go" } } }),
  );
  await db().runRole.update({ where: { runId_role: { runId: run.id, role: "deployment_lead" } }, data: { userId: holder.id } });
  return run;
}

const QUESTION = ["Ready for production?"];
async function openRound(runId: string) {
  const { event } = await openPoll(team.lead, { runId, questions: QUESTION, positions: ["deployment_lead"] });
  return (event.payload as { pollId: string }).pollId;
}
async function closedRound(runId: string, answer: "go" | "no_go") {
  const pollId = await openRound(runId);
  await votePoll(team.lead, { runId, pollId, position: "deployment_lead", answers: [{ questionIndex: 0, answer, reason: answer === "no_go" ? "Not ready yet" : undefined, version: 0 }] });
  await closePoll(team.lead, { runId, pollId });
  return pollId;
}

/** The caller's account if it may hold a position, else the lead (who then keeps it). */
const holderFor = (c: TCase): TActor => (isAccount(c.caller) && c.caller !== "viewer" ? team[c.caller] : team.lead);

async function recurringSection(runId: string) {
  const section = await db().runSection.findFirstOrThrow({ where: { phase: { runId }, intervalMinutes: { not: null } }, include: { phase: true } });
  await db().runPhase.update({ where: { id: section.phaseId }, data: { startedAt: new Date() } });
  return section;
}

async function manualAlert(runId: string): Promise<string> {
  const run = await db().run.findUniqueOrThrow({ where: { id: runId } });
  await triggerRollback(team.lead, { runId, label: manualTriggers(run.playbook)[0], note: "Seen in the logs" });
  return (await db().rollbackAlert.findFirstOrThrow({ where: { runId } })).id;
}

/** A run ten minutes into its canary (decision guides are walked during the rollout). */
async function inCanary(runId: string) {
  const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
  await db().run.update({ where: { id: runId }, data: { status: "production", rolloutPercent: 10, startedAt: ago(60), checkpointStartedAt: ago(10) } });
  await db().runPhase.updateMany({ where: { runId, key: "production" }, data: { startedAt: ago(10) } });
}

async function walk(runId: string, treeKey: string): Promise<string> {
  await inCanary(runId);
  const { event } = await startWalk(team.lead, { runId, treeKey });
  return (event.payload as { walk: { id: string } }).walk.id;
}

/** Webhooks post to a receiver in this test that says 200 at once, so deliveries settle fast. */
let receiverUrl = "";
const webhookUrl = () => `${receiverUrl}/hook-${randomUUID().slice(0, 8)}`;

async function runWebhook(runId: string): Promise<string> {
  const { event } = await saveRunWebhook(team.lead, { runId, name: "Team chat", url: webhookUrl(), format: "slack" });
  return (event.payload as { webhook: { id: string } }).webhook.id;
}

/** An announcement whose one delivery failed, ready to be resent. */
async function failedAnnouncement(runId: string): Promise<string> {
  const webhookId = await runWebhook(runId);
  const announcement = await db().announcement.create({
    data: {
      runId,
      templateKey: "in_progress",
      title: "In progress",
      body: "Half way",
      fields: {},
      postedByName: "Lee Lead",
      postedAt: new Date(),
      deliveries: { create: [{ webhookId, targetName: "Team chat", format: "slack", status: "failed", attempts: 5, lastError: "HTTP 500" }] },
    },
  });
  return announcement.id;
}

async function deliveriesDone() {
  for (let i = 0; i < 100 && (await db().announcementDelivery.count({ where: { status: "pending" } })) > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // The delivery's own timeline event is written right after its status.
  await new Promise((resolve) => setTimeout(resolve, 100));
}

async function removeGlobalWebhooks() {
  await db().webhook.deleteMany({ where: { runId: null } });
}

/** A data source at a port nothing listens on: testing it answers "refused" at once. */
const DATA_SOURCE_FIELDS = { name: "Prometheus", url: "http://127.0.0.1:1", authKind: "none", timeoutSeconds: "2", stageLabel: "track", stageCanary: "canary", stageProduction: "stable", stageStaging: "staging" };
async function removeDataSources() {
  await db().dataSource.deleteMany({});
}

let spareUsers = 0;
async function spareUser(role: TRole = "member") {
  return createUser(team.admin, { name: `Spare ${++spareUsers}`, email: `spare-${randomUUID()}@example.com`, password: PASSWORD, role });
}

// ───────────────────────────── the matrix ─────────────────────────────

const socketEntry = (event: string, permission: TEntry["permission"], prepare: TEntry["prepare"], extra: Partial<TEntry> = {}): [string, TEntry] => [
  `socket ${event}`,
  { permission, isMutation: true, prepare, call: socketCall(event), ...extra },
];

const MATRIX: Record<string, TEntry> = Object.fromEntries([
  // Socket events of the war room (namespace /): lib/realtime/command-handlers.ts and friends.
  socketEntry("run:join", "runs.read", async (c) => ({ runId: c.run.id }), { isMutation: false }),
  socketEntry("run:leave", "runs.read", async (c) => ({ runId: c.run.id }), { isMutation: false, call: socketFireAndForget("run:leave") }),
  socketEntry("item:change", "items.tick", async (c) => {
    const item = await db().runItem.findFirstOrThrow({ where: { section: { phase: { runId: c.run.id }, intervalMinutes: null } } });
    return { runId: c.run.id, itemId: item.id, version: 0, action: { kind: "done" } };
  }),
  socketEntry("run:status", "runs.control", async (c) => ({ runId: c.run.id, to: "pre_deployment", version: 0 })),
  socketEntry("rollout:advance", "runs.control", async (c) => {
    await setStatus(c.run.id, "production");
    return { runId: c.run.id, fromPercent: 0 };
  }),
  socketEntry("check:complete", "items.tick", async (c) => ({ runId: c.run.id, sectionId: (await recurringSection(c.run.id)).id, note: "All green" })),
  socketEntry("poll:open", "runs.control", async (c) => {
    c.run = await runAtGoNoGo();
    return { runId: c.run.id, questions: QUESTION, positions: ["deployment_lead"] };
  }),
  socketEntry("poll:reopen", "runs.control", async (c) => {
    c.run = await runAtGoNoGo();
    return { runId: c.run.id, pollId: await closedRound(c.run.id, "no_go") };
  }),
  socketEntry(
    "poll:vote",
    "poll.vote",
    async (c) => {
      c.run = await runAtGoNoGo(holderFor(c));
      const pollId = await openRound(c.run.id);
      return { runId: c.run.id, pollId, position: "deployment_lead", answers: [{ questionIndex: 0, answer: "go", version: 0 }] };
    },
    { rule: "only the position's holder votes for it (prepare hands the position to the caller when it can hold one)" },
  ),
  socketEntry("poll:close", "runs.control", async (c) => {
    c.run = await runAtGoNoGo();
    const pollId = await openRound(c.run.id);
    await votePoll(team.lead, { runId: c.run.id, pollId, position: "deployment_lead", answers: [{ questionIndex: 0, answer: "go", version: 0 }] });
    return { runId: c.run.id, pollId };
  }),
  socketEntry("poll:override", "runs.control", async (c) => {
    c.run = await runAtGoNoGo();
    return { runId: c.run.id, pollId: await closedRound(c.run.id, "no_go"), reason: "Known flaky check, accepted by the CTO" };
  }),
  socketEntry("run:reassign-role", "users.manage", async (c) => ({ runId: c.run.id, role: "tech_lead", userId: (await spareUser()).id })),
  socketEntry("metrics:rule-save", "runs.control", async (c) => ({
    runId: c.run.id,
    metric: "error_rate",
    severity: "escalate",
    comparator: ">",
    threshold: 3,
    window: { kind: "immediate" },
  })),
  socketEntry("metrics:declare", "runs.control", async (c) => ({ runId: c.run.id, key: `queue_${randomUUID().slice(0, 6)}`, label: "Queue depth", unit: "", kind: "count" })),
  socketEntry("token:create", "runs.control", async (c) => ({ runId: c.run.id, name: "prometheus" })),
  socketEntry("token:revoke", "runs.control", async (c) => {
    const { event } = await createApiToken(team.lead, { runId: c.run.id, name: "to revoke" });
    return { runId: c.run.id, tokenId: (event.payload as { token: { id: string } }).token.id };
  }),
  socketEntry("rollback:trigger", "runs.control", async (c) => {
    const run = await db().run.findUniqueOrThrow({ where: { id: c.run.id } });
    return { runId: c.run.id, label: manualTriggers(run.playbook)[0], note: "Checksums differ" };
  }),
  socketEntry("rollback:acknowledge", "runs.control", async (c) => ({ runId: c.run.id, alertId: await manualAlert(c.run.id) })),
  socketEntry("rollback:decide", "runs.control", async (c) => ({ runId: c.run.id, alertId: await manualAlert(c.run.id), decision: "continue", reason: "A false alarm" })),

  // Communications (lib/comms): announcements, their deliveries, templates, the run's webhooks.
  socketEntry("comms:post", "comms.post", async (c) => ({ runId: c.run.id, templateKey: "in_progress", body: "Staging is green; production starts at 15:00." }), { settle: deliveriesDone }),
  socketEntry("comms:redeliver", "comms.post", async (c) => ({ runId: c.run.id, announcementId: await failedAnnouncement(c.run.id) }), { settle: deliveriesDone }),
  socketEntry("comms:template-save", "comms.post", async (c) => ({ runId: c.run.id, key: "in_progress", body: "Status: {{phase}}", version: 0 })),
  socketEntry("webhook:save", "comms.post", async (c) => ({ runId: c.run.id, name: "Team chat", url: webhookUrl(), format: "slack" })),
  socketEntry("webhook:remove", "comms.post", async (c) => ({ runId: c.run.id, webhookId: await runWebhook(c.run.id) })),

  // Decision guides (lib/decisions): walking a tree, applying or abandoning the walk.
  socketEntry("decision:start", "decisions.walk", async (c) => {
    await inCanary(c.run.id);
    return { runId: c.run.id, treeKey: "canary_red" };
  }),
  socketEntry("decision:step", "decisions.walk", async (c) => ({ runId: c.run.id, walkId: await walk(c.run.id, "canary_red"), step: { kind: "choose", nodeId: "isolated-to-canary" }, version: 0 })),
  socketEntry("decision:apply", "decisions.walk", async (c) => {
    const walkId = await walk(c.run.id, "rollout_errors");
    await stepWalk(team.lead, { runId: c.run.id, walkId, step: { kind: "choose", nodeId: "environmental-infra-issue" }, version: 0 });
    await stepWalk(team.lead, { runId: c.run.id, walkId, step: { kind: "choose", nodeId: "address-infra-resume" }, version: 1 });
    return { runId: c.run.id, walkId, version: 2 };
  }),
  socketEntry("decision:abandon", "decisions.walk", async (c) => ({ runId: c.run.id, walkId: await walk(c.run.id, "canary_red"), version: 0 })),

  // Socket events of status links (namespace /status): lib/share/status-socket.ts.
  [
    "socket /status status:join",
    { permission: "status.read", isMutation: false, prepare: async () => ({ afterSeq: 0 }), call: socketCall("status:join", STATUS_NAMESPACE) },
  ],

  // Route handlers: app/api/**/route.ts.
  [
    "route GET /api/health",
    { permission: "anyone", isMutation: false, prepare: async () => null, call: routeCall("app/api/health/route.ts", "GET", () => "/api/health", () => ({})) },
  ],
  [
    "route GET /api/runs/[id]",
    {
      permission: "runs.read",
      isMutation: false,
      prepare: async () => null,
      call: routeCall("app/api/runs/[id]/route.ts", "GET", (c) => `/api/runs/${c.run.id}`, (c) => ({ id: c.run.id })),
    },
  ],
  [
    "route GET /api/runs/[id]/record",
    {
      permission: "runs.read",
      isMutation: false,
      prepare: async () => null,
      call: routeCall("app/api/runs/[id]/record/route.ts", "GET", (c) => `/api/runs/${c.run.id}/record?format=json`, (c) => ({ id: c.run.id })),
    },
  ],
  [
    "route GET /api/runs/[id]/metrics",
    {
      permission: "runs.read",
      isMutation: false,
      prepare: async () => null,
      call: routeCall("app/api/runs/[id]/metrics/route.ts", "GET", (c) => `/api/runs/${c.run.id}/metrics`, (c) => ({ id: c.run.id })),
    },
  ],
  [
    "route POST /api/runs/[id]/metrics",
    {
      permission: "metrics.ingest",
      rule: "only the token of that very run",
      isMutation: true,
      prepare: async () => ({ metric: "error_rate", value: 0.4, timestamp: new Date().toISOString() }),
      call: routeCall("app/api/runs/[id]/metrics/route.ts", "POST", (c) => `/api/runs/${c.run.id}/metrics`, (c) => ({ id: c.run.id }), (_c, input) => JSON.stringify(input)),
    },
  ],
  // better-auth's endpoints act on the caller's own session: signing out deletes it; without one there
  // is nothing to do. (Sign-in needs no credential and is rate-limited: e2e/rate-limit.spec.ts.)
  [
    "route POST /api/auth/[...all]",
    {
      permission: "own session",
      isMutation: true,
      // A session of its own to end (the shared ones stay for the other cases).
      prepare: async (c) => (isAccount(c.caller) ? freshCookie(c.caller) : null),
      call: async (c, cookie) => {
        const own = typeof cookie === "string" ? { ...c, cookie } : c;
        const before = await db().session.count();
        const outcome = await routeCall("app/api/auth/[...all]/route.ts", "POST", () => "/api/auth/sign-out", () => ({ all: ["sign-out"] }), () => "{}")(own, null);
        if (!outcome.ok) return outcome;
        // Without a session better-auth answers 200 and ends nothing: for this matrix, nothing was allowed.
        return (await db().session.count()) < before ? { ok: true } : refusedWith("unauthenticated");
      },
    },
  ],
  [
    "route GET /api/auth/[...all]",
    {
      permission: "anyone",
      rule: "reads the caller's own session",
      isMutation: false,
      prepare: async () => null,
      call: routeCall("app/api/auth/[...all]/route.ts", "GET", () => "/api/auth/get-session", () => ({ all: ["get-session"] })),
    },
  ],

  // Server actions: every export of every "use server" module.
  [
    "action lib/auth/actions.ts#setupAction",
    {
      permission: "nobody",
      rule: "only before the first account exists",
      isMutation: true,
      prepare: async () => form({ name: "Mallory", email: `m-${randomUUID()}@example.com`, password: "long enough password" }),
      call: actionCall("lib/auth/actions.ts", "setupAction", (_c, input) => [null, input]),
    },
  ],
  [
    "action lib/auth/actions.ts#createUserAction",
    {
      permission: "users.manage",
      isMutation: true,
      prepare: async () => form({ name: "New Person", email: `n-${randomUUID()}@example.com`, password: "long enough password", role: "member" }),
      call: actionCall("lib/auth/actions.ts", "createUserAction", (_c, input) => [null, input]),
    },
  ],
  [
    "action lib/auth/actions.ts#setUserRoleAction",
    {
      permission: "users.manage",
      isMutation: true,
      prepare: async () => (await spareUser("member")).id,
      call: actionCall("lib/auth/actions.ts", "setUserRoleAction", (_c, userId) => [userId, "lead"]),
    },
  ],
  [
    "action lib/runs/actions.ts#createRunAction",
    {
      permission: "runs.create",
      isMutation: true,
      prepare: async () => {
        const template = await db().template.findFirstOrThrow({ where: { isDefault: true } });
        return form({ templateId: template.id, name: "Matrix run", service: "api", targetVersion: "1.0.0", plannedStart: new Date().toISOString(), plannedDurationMin: "60" });
      },
      call: actionCall("lib/runs/actions.ts", "createRunAction", (_c, input) => [null, input]),
    },
  ],
  [
    "action lib/templates/actions.ts#copyTemplateAction",
    {
      permission: "templates.edit",
      isMutation: true,
      prepare: async () => form({ templateId: await smallTemplate(), name: `Matrix copy ${randomUUID()}` }),
      call: actionCall("lib/templates/actions.ts", "copyTemplateAction", (_c, input) => [null, input]),
    },
  ],
  [
    "action lib/templates/actions.ts#saveTemplateAction",
    {
      permission: "templates.edit",
      rule: "not a built-in template, and only over the version it was opened at",
      isMutation: true,
      prepare: async () => {
        const { id } = await copyTemplate(team.lead, { templateId: await smallTemplate(), name: `Matrix edit ${randomUUID()}` });
        const { version, draft } = (await getTemplateForEditor(id))!;
        return { templateId: id, version, draft: { ...draft, name: `Edited ${randomUUID()}` } };
      },
      call: actionCall("lib/templates/actions.ts", "saveTemplateAction", (_c, input) => [input]),
    },
  ],
  [
    "action lib/comms/actions.ts#refreshCommsContextAction",
    {
      permission: "runs.read",
      isMutation: false,
      prepare: async () => null,
      call: actionCall("lib/comms/actions.ts", "refreshCommsContextAction", (c) => [c.run.id]),
    },
  ],
  [
    "action lib/comms/actions.ts#createGlobalWebhookAction",
    {
      permission: "webhooks.manage",
      isMutation: true,
      prepare: async () => form({ name: "Company chat", url: webhookUrl(), format: "json" }),
      call: actionCall("lib/comms/actions.ts", "createGlobalWebhookAction", (_c, input) => [null, input]),
      cleanup: removeGlobalWebhooks,
    },
  ],
  [
    "action lib/comms/actions.ts#setGlobalWebhookEnabledAction",
    {
      permission: "webhooks.manage",
      isMutation: true,
      prepare: async () => (await createGlobalWebhook(team.admin, { name: "Company chat", url: webhookUrl(), format: "json" })).id,
      call: actionCall("lib/comms/actions.ts", "setGlobalWebhookEnabledAction", (_c, webhookId) => [webhookId, false]),
      cleanup: removeGlobalWebhooks,
    },
  ],
  [
    "action lib/comms/actions.ts#removeGlobalWebhookAction",
    {
      permission: "webhooks.manage",
      isMutation: true,
      prepare: async () => (await createGlobalWebhook(team.admin, { name: "Company chat", url: webhookUrl(), format: "json" })).id,
      call: actionCall("lib/comms/actions.ts", "removeGlobalWebhookAction", (_c, webhookId) => [webhookId]),
      cleanup: removeGlobalWebhooks,
    },
  ],
  [
    "action lib/datasources/actions.ts#saveDataSourceAction",
    {
      permission: "datasources.manage",
      isMutation: true,
      prepare: async () => form(DATA_SOURCE_FIELDS),
      call: actionCall("lib/datasources/actions.ts", "saveDataSourceAction", (_c, input) => [null, input]),
      cleanup: removeDataSources,
    },
  ],
  [
    "action lib/datasources/actions.ts#deleteDataSourceAction",
    {
      permission: "datasources.manage",
      isMutation: true,
      prepare: async () => (await createDataSource(team.admin, { name: "Prometheus", url: "http://127.0.0.1:1", authKind: "none", timeoutMs: 2000, stageLabel: { label: "track", values: { staging: "staging", canary: "canary", production: "stable" } } })).id,
      call: actionCall("lib/datasources/actions.ts", "deleteDataSourceAction", (_c, id) => [id]),
      cleanup: removeDataSources,
    },
  ],
  [
    "action lib/datasources/actions.ts#testDataSourceAction",
    {
      permission: "datasources.manage",
      isMutation: false,
      prepare: async () => form(DATA_SOURCE_FIELDS),
      call: actionCall("lib/datasources/actions.ts", "testDataSourceAction", (_c, input) => [null, input]),
    },
  ],
  [
    "action lib/share/actions.ts#createShareLinkAction",
    {
      permission: "share.manage",
      isMutation: true,
      prepare: async (c) => ({ runId: c.run.id, label: "Stakeholders" }),
      call: actionCall("lib/share/actions.ts", "createShareLinkAction", (_c, input) => [input]),
    },
  ],
  [
    "action lib/share/actions.ts#revokeShareLinkAction",
    {
      permission: "share.manage",
      isMutation: true,
      prepare: async (c) => ({ runId: c.run.id, linkId: (await createShareLink(team.lead, { runId: c.run.id, label: "To revoke" })).link.id }),
      call: actionCall("lib/share/actions.ts", "revokeShareLinkAction", (_c, input) => [input]),
    },
  ],
]);

async function freshCookie(role: TRole): Promise<string> {
  const { email } = await db().user.findUniqueOrThrow({ where: { id: team[role].id } });
  return sessionCookie(email);
}

// ───────────────────────────── discovering the real mutations ─────────────────────────────

const ROOT = process.cwd();
const SOURCE_DIRS = ["app", "lib", "components"];
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

async function discoverMutations(): Promise<string[]> {
  const found: string[] = [];
  // Routes: every app/api/**/route.ts and each HTTP method it exports.
  for (const file of sourceFiles("app/api").filter((f) => f.endsWith("/route.ts"))) {
    const module = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, unknown>;
    const route = "/" + path.dirname(file).replace(/^app\//, "");
    for (const method of HTTP_METHODS) if (typeof module[method] === "function") found.push(`route ${method} ${route}`);
  }
  // Server actions: every function exported by a module that starts with "use server".
  for (const file of SOURCE_DIRS.flatMap(sourceFiles)) {
    const text = readFileSync(path.join(ROOT, file), "utf8");
    if (!/^\s*(\/\/[^\n]*\n\s*)*["']use server["']/.test(text)) continue;
    const module = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) if (typeof value === "function") found.push(`action ${file}#${name}`);
  }
  // And every server action of the last build (it also knows actions declared inline in components).
  const manifestPath = path.join(ROOT, ".next/server/server-reference-manifest.json");
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { node: Record<string, { filename: string; exportedName: string }> };
    for (const { filename, exportedName } of Object.values(manifest.node)) {
      // A build older than the source may name what has since been removed: only what still exists counts.
      if (existsSync(path.join(ROOT, filename))) found.push(`action ${filename}#${exportedName}`);
    }
  }
  // Socket events: what the server registers on a freshly connected socket of each namespace.
  const run = await freshRun();
  const { token } = await createShareLink(team.lead, { runId: run.id, label: "probe" });
  const events = await discoverSocketEvents({ cookie: cookies.get("admin")!, shareToken: token });
  for (const event of events.main) found.push(`socket ${event}`);
  for (const event of events.status) found.push(`socket ${STATUS_NAMESPACE} ${event}`);
  return [...new Set(found)].sort();
}

// ───────────────────────────── the tests ─────────────────────────────

function isAllowed(entry: TEntry, caller: TCaller): boolean {
  if (entry.permission === "anyone") return true;
  if (entry.permission === "own session") return isAccount(caller);
  if (entry.permission === "nobody" || caller === "anonymous") return false;
  return can(caller as TActorKind, entry.permission);
}

/** The caller's credentials for the case's run (a share link or metric token is made for that run). */
async function credentialsFor(caller: TCaller, run: TRun): Promise<Partial<TCase>> {
  if (isAccount(caller)) return { cookie: cookies.get(caller) };
  if (caller === "share_link") return { shareToken: (await createShareLink(team.lead, { runId: run.id, label: "matrix" })).token };
  if (caller === "metric_token") return { metricToken: (await createApiToken(team.lead, { runId: run.id, name: "matrix" })).token };
  return {};
}

describe("the authorization matrix", () => {
  it("has an entry for every socket event, route handler and server action (and none for what does not exist)", async () => {
    const discovered = await discoverMutations();
    const listed = Object.keys(MATRIX).sort();
    expect(discovered.filter((m) => !listed.includes(m)), "mutations without a matrix entry: add them to MATRIX").toEqual([]);
    expect(listed.filter((m) => !discovered.includes(m)), "matrix entries for mutations that no longer exist").toEqual([]);
  });

  it("names only permissions that are in the table", () => {
    for (const [key, entry] of Object.entries(MATRIX)) {
      if (entry.permission === "anyone" || entry.permission === "nobody" || entry.permission === "own session") continue;
      expect(can("admin", entry.permission) || can("share_link", entry.permission) || can("metric_token", entry.permission), key).toBe(true);
    }
  });

  for (const [key, entry] of Object.entries(MATRIX)) {
    it(`${key} — ${entry.permission}${entry.rule ? ` (${entry.rule})` : ""}`, async () => {
      resetRateLimits();
      const expected: Record<string, string> = {};
      const actual: Record<string, string> = {};
      // Callers expected to be refused share one prepared state (a refusal changes nothing, which is
      // checked); each caller expected to succeed gets a fresh one.
      let refusedState: { run: TRun; input: unknown } | undefined;
      for (const caller of CALLERS) {
        const isExpected = isAllowed(entry, caller);
        const c: TCase = { caller, run: refusedState && !isExpected ? refusedState.run : await freshRun() };
        const input = refusedState && !isExpected ? refusedState.input : await entry.prepare(c);
        if (!isExpected) refusedState ??= { run: c.run, input };
        Object.assign(c, await credentialsFor(caller, c.run));
        const mark = await dbMark();
        const outcome = await entry.call(c, input);
        if (outcome.ok) await entry.settle?.();
        const changed = await dbChangesSince(mark);
        await entry.cleanup?.();
        expected[caller] = isExpected ? "allowed" : "refused";
        if (outcome.ok) {
          actual[caller] = entry.isMutation && changed.length === 0 ? "allowed but wrote nothing" : "allowed";
          if (!entry.isMutation && changed.length) actual[caller] = `read that wrote ${changed.join(", ")}`;
        } else {
          const cleanRefusal = REFUSAL_CODES.includes(outcome.code) || (entry.permission === "nobody" && outcome.code === "setup_done");
          actual[caller] = !cleanRefusal ? `failed: ${outcome.code}` : changed.length ? `refused but changed ${changed.join(", ")}` : "refused";
        }
      }
      expect(actual).toEqual(expected);
    });
  }

  it("a lead who does not hold the position cannot vote for it", async () => {
    const run = await runAtGoNoGo(team.member);
    const pollId = await openRound(run.id);
    const mark = await dbMark();
    const reply = await sockets.get("lead")!.timeout(5000).emitWithAck("poll:vote", { runId: run.id, pollId, position: "deployment_lead", answers: [{ questionIndex: 0, answer: "go", version: 0 }] });
    expect(reply).toMatchObject({ error: { code: "forbidden" } });
    expect(await dbChangesSince(mark)).toEqual([]);
  });

  it("a metric token pushes only to its own run, and a share link follows only its own run", async () => {
    const mine = await freshRun();
    const other = await freshRun();
    const { token } = await createApiToken(team.lead, { runId: mine.id, name: "mine" });
    const mark = await dbMark();
    const outcome = await MATRIX["route POST /api/runs/[id]/metrics"].call({ caller: "metric_token", run: other, metricToken: token }, { metric: "error_rate", value: 1, timestamp: new Date().toISOString() });
    expect(outcome).toEqual({ ok: false, code: "unauthenticated" });
    expect(await dbChangesSince(mark)).toEqual([]);
    // A share link's socket is bound to its run when it connects: whatever it asks, it gets that run.
    const link = await createShareLink(team.lead, { runId: mine.id, label: "mine" });
    const socket = connect(`${baseUrl}${STATUS_NAMESPACE}`, { transports: ["websocket"], forceNew: true, auth: { token: link.token } });
    const reply = (await socket.timeout(5000).emitWithAck("status:join", { afterSeq: 0 })) as { data: { events: { runId: string }[] } };
    socket.close();
    expect(reply.data.events.length).toBeGreaterThan(0);
    expect(new Set(reply.data.events.map((e) => e.runId))).toEqual(new Set([mine.id]));
  });
});
