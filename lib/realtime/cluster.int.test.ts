// Two Socket.IO servers on one database, joined by the PostgreSQL adapter, as two Warroom instances
// behind a load balancer would be: a change made through one reaches clients of the other, and
// presence lists the people on both.
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeTeam, sessionCookie } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { userFromHeaders } from "../auth/session";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import type { TRole } from "../domain/roles";
import type { TRunSnapshot } from "../domain/run-snapshot";
import { getRunSnapshot } from "../runs/queries";
import { clusterAdapter, type TClusterAdapter } from "./adapter";
import type { TClientSocket } from "./client";
import type { TPresentUser } from "./events";
import { setIo, type TIo } from "./io";
import { RunFeed } from "./run-feed";
import { createRealtimeServer } from "./server";

const database = useTestDatabase("cluster");

type TInstance = { http: HttpServer; io: TIo; cluster: TClusterAdapter; url: string };
const instances: TInstance[] = [];
const sockets: TClientSocket[] = [];
let team: Record<TRole, TActor>;
const cookies = new Map<TRole, string>();

async function startInstance(): Promise<TInstance> {
  const http = createServer();
  const cluster = clusterAdapter(database.url());
  const io = createRealtimeServer(http, { allowedOrigins: [], authenticate: userFromHeaders, adapter: cluster.adapter });
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
  await startInstance();
  await startInstance();
  // Commands in this process broadcast through instance B, as they would on B's machine.
  setIo(instances[1].io);
  // The adapters find each other by heartbeat; until then a presence query sees one instance only.
  const knownNodes = (instance: TInstance) => (instance.io.of("/").adapter as unknown as { nodesMap: Map<string, unknown> }).nodesMap.size;
  await eventually(() => instances.every((instance) => knownNodes(instance) >= 1), "the two instances to find each other");
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  setIo(undefined);
  for (const { io, cluster } of instances) {
    await new Promise((resolve) => io.close(resolve));
    await cluster.close();
  }
});

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

async function eventually(check: () => boolean, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("two instances on one database", () => {
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
      const reply = await onB.emitWithAck("item:change", { runId: run.id, itemId: item.id, version: 0, action: { kind: "done" }, commandId: `cluster-${i}-tick` });
      expect(reply).toEqual({ data: { seq: initial.lastSeq + i + 1 } });
    }
    await eventually(() => a.snapshot.lastSeq === initial.lastSeq + 3, "the three ticks on instance A");
    expect(a.snapshot.timeline.slice(0, 3).map((e) => e.seq)).toEqual([initial.lastSeq + 3, initial.lastSeq + 2, initial.lastSeq + 1]);

    onB.disconnect();
    await eventually(() => a.present.length === 1, "B's client leaving");
  });
});
