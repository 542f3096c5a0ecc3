// Two Socket.IO servers on one database, joined by a cluster adapter, as two Warroom instances
// behind a load balancer would be: a change made through one reaches clients of the other, and
// presence lists the people on both. Once with the PostgreSQL adapter (the default), once with the
// Redis streams adapter (REDIS_URL), when a Redis answers at REDIS_URL or 127.0.0.1:6379.
import { randomUUID } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeTeam, makeUser, sessionCookie } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { dropRedisStream, REDIS_TEST_URL, redisUnavailable } from "../../e2e/support/redis";
import { userFromHeaders } from "../auth/session";
import { setUserRole, type TActor } from "../auth/users";
import { db } from "../db/client";
import type { TRole } from "../domain/roles";
import type { TRunSnapshot } from "../domain/run-snapshot";
import { getRunSnapshot } from "../runs/queries";
import { clusterAdapter, redisScope, type TClusterAdapter } from "../realtime/server/adapter";
import type { TClientSocket } from "../realtime/client/client";
import type { TPresentUser } from "../realtime/events";
import { setIo, type TIo } from "../realtime/server/io";
import { redisClusterAdapter } from "../realtime/server/redis-adapter";
import { RunFeed } from "../realtime/client/run-feed";
import { createSocketServer } from "./socket-server";

const REDIS_URL = REDIS_TEST_URL;
const redisSkipReason = await redisUnavailable(REDIS_URL);

const database = useTestDatabase("cluster");

type TAdapterKind = TClusterAdapter["kind"];
type TInstance = { http: HttpServer; io: TIo; cluster: TClusterAdapter; url: string };
const instances: TInstance[] = [];
const sockets: TClientSocket[] = [];
let team: Record<TRole, TActor>;
const cookies = new Map<TRole, string>();

async function startInstance(kind: TAdapterKind): Promise<TInstance> {
  const http = createServer();
  const cluster = kind === "redis" ? await redisClusterAdapter(REDIS_URL, redisScope(database.url())) : clusterAdapter(database.url());
  const io = createSocketServer(http, { allowedOrigins: [], authenticate: userFromHeaders, adapter: cluster.adapter });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const instance = { http, io, cluster, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
  instances.push(instance);
  return instance;
}

beforeAll(async () => {
  team = await makeTeam();
  for (const role of ["lead", "member"] as const) {
    const { email } = await db().user.findUniqueOrThrow({ where: { id: team[role].id } });
    cookies.set(role, await sessionCookie(email));
  }
});

/** Two instances on the adapter, commands in this process broadcasting through the second (as on its machine). */
async function startPair(kind: TAdapterKind): Promise<void> {
  await startInstance(kind);
  await startInstance(kind);
  setIo(instances[1].io);
  // The adapters find each other by heartbeat (or subscription); until then presence sees one instance.
  const counts = () => Promise.all(instances.map((instance) => instance.io.of("/").adapter.serverCount()));
  await eventuallyAsync(async () => (await counts()).every((count) => count >= 2), "the two instances to find each other");
}

async function stopAll(): Promise<void> {
  for (const socket of sockets.splice(0)) socket.close();
  setIo(undefined);
  for (const { io, cluster } of instances.splice(0)) {
    await new Promise((resolve) => io.close(resolve));
    await cluster.close();
  }
}

function open(instance: TInstance, role: TRole): Promise<TClientSocket> {
  const socket = connect(instance.url, { transports: ["websocket"], extraHeaders: { cookie: cookies.get(role)! } }) as TClientSocket;
  sockets.push(socket);
  return new Promise((resolve) => socket.once("connect", () => resolve(socket)));
}

function follow(socket: TClientSocket, initial: TRunSnapshot) {
  const state = { snapshot: initial, present: [] as TPresentUser[] };
  new RunFeed(socket, initial, "war_room", { onSnapshot: (s) => (state.snapshot = s), onPresence: (p) => (state.present = p) }).start();
  return state;
}

async function eventuallyAsync(check: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const eventually = (check: () => boolean, what: string) => eventuallyAsync(async () => check(), what);

function clusterSuite(kind: TAdapterKind) {
  beforeAll(() => startPair(kind));
  afterAll(async () => {
    await stopAll();
    if (kind === "redis") await dropRedisStream(database.url());
  });

  it("a tick sent to instance B reaches a client of instance A, in seq order, and presence spans both", async () => {
    const run = await makeRun(team.lead);
    const initial = (await getRunSnapshot(run.id))!;
    const onA = await open(instances[0], "member");
    const onB = await open(instances[1], "lead");
    const a = follow(onA, initial);
    const b = follow(onB, initial);
    await eventually(() => a.present.length === 2 && b.present.length === 2, "presence across instances");
    expect(a.present.map((p) => p.name)).toEqual(["Lee Lead", "Max Member"]);

    const items = await db().runItem.findMany({ where: { section: { phase: { runId: run.id }, intervalMinutes: null } }, take: 3 });
    for (const [i, item] of items.entries()) {
      const reply = await onB.emitWithAck("item:change", { runId: run.id, itemId: item.id, version: 0, action: { kind: "done" }, commandId: `cluster-${kind}-${i}-tick` });
      expect(reply).toEqual({ data: { seq: initial.lastSeq + i + 1 } });
    }
    await eventually(() => a.snapshot.lastSeq === initial.lastSeq + 3, "the three ticks on instance A");
    expect(a.snapshot.timeline.slice(0, 3).map((e) => e.seq)).toEqual([initial.lastSeq + 3, initial.lastSeq + 2, initial.lastSeq + 1]);

    onB.disconnect();
    await eventually(() => a.present.length === 1, "B's client leaving");
  });

  it("a role change committed through instance B drops the user's socket on instance A within 1 s", async () => {
    const email = `moved-${kind}-${randomUUID()}@example.com`;
    const user = await makeUser(team.admin, { name: "Moe Moved", email, role: "lead" });
    const socket = connect(instances[0].url, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie: await sessionCookie(email) } }) as TClientSocket;
    sockets.push(socket);
    await new Promise((resolve) => socket.once("connect", () => resolve(undefined)));
    const dropped = new Promise<number>((resolve) => {
      const start = Date.now();
      socket.once("disconnect", () => resolve(Date.now() - start));
    });
    await setUserRole(team.admin, { userId: user.id, role: "viewer" });
    expect(await dropped).toBeLessThan(1_000);
  });
}

describe("two instances on one database, PostgreSQL adapter", () => clusterSuite("postgres"));

describe.skipIf(redisSkipReason !== null)(
  `two instances on one database, Redis streams adapter${redisSkipReason ? ` (skipped: ${redisSkipReason})` : ""}`,
  () => clusterSuite("redis"),
);
