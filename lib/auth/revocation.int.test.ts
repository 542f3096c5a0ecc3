// An open socket does not keep the powers its user had at the handshake: a role change or sign-out
// drops the user's sockets within a second, and a socket that went stale without being dropped (the
// notice lost between instances) is refused before its command runs, then dropped.
import { randomUUID } from "node:crypto";
import { io as connect } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { makeRun, makeUser, sessionCookie } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { useRealtimeWorld } from "../../e2e/support/realtime-world";
import { db } from "../db/client";
import type { TRole } from "../domain/roles";
import { changeItem } from "../runs/item-commands";
import type { TClientSocket } from "../realtime/client/client";
import { auth } from "./auth";
import { setUserRole } from "./users";

useTestDatabase("revocation");
const world = useRealtimeWorld();
const sockets: TClientSocket[] = [];
afterAll(() => sockets.forEach((s) => s.close()));

async function freshAccount(role: TRole) {
  const email = `${role}-${randomUUID()}@example.com`;
  const user = await makeUser(world.team.admin, { name: `Fresh ${role}`, email, role });
  return { user, cookie: await sessionCookie(email) };
}

async function openSocket(cookie: string): Promise<TClientSocket> {
  const socket = connect(world.baseUrl, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { cookie } }) as TClientSocket;
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return socket;
}

/** Milliseconds from now until the server drops the socket (rejects after `within`). */
function disconnectedWithin(socket: TClientSocket, within: number): Promise<number> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still connected after ${within} ms`)), within);
    socket.once("disconnect", (reason) => {
      clearTimeout(timer);
      expect(reason).toBe("io server disconnect");
      resolve(Date.now() - start);
    });
  });
}

async function firstOpenItem(runId: string) {
  return db().runItem.findFirstOrThrow({ where: { section: { phase: { runId }, intervalMinutes: null }, state: "open" } });
}

describe("revocation reaches open sockets", () => {
  it("a demoted lead's open socket is disconnected within 1 s, and its reconnect has the new role", async () => {
    const { user, cookie } = await freshAccount("lead");
    const socket = await openSocket(cookie);
    const dropped = disconnectedWithin(socket, 1_000);
    await setUserRole(world.team.admin, { userId: user.id, role: "viewer" });
    await dropped;
    const again = await openSocket(cookie);
    const run = await makeRun(world.team.lead);
    const item = await firstOpenItem(run.id);
    const reply = await again.timeout(5_000).emitWithAck("item:change", { runId: run.id, itemId: item.id, version: 0, action: { kind: "done" } });
    expect(reply).toMatchObject({ error: { code: "forbidden" } });
  });

  it("a socket demoted elsewhere (its notice lost) is refused with a clear error before the command runs, then dropped", async () => {
    const { user, cookie } = await freshAccount("lead");
    const socket = await openSocket(cookie);
    // As another instance would commit it, without this instance hearing about it.
    await db().user.update({ where: { id: user.id }, data: { role: "viewer", authEpoch: { increment: 1 } } });
    const run = await makeRun(world.team.lead);
    const dropped = disconnectedWithin(socket, 5_000);
    const reply = await socket.timeout(5_000).emitWithAck("run:status", { runId: run.id, to: "aborted", version: 0, reason: "stale socket" });
    expect(reply).toMatchObject({ error: { code: "unauthenticated", message: expect.stringMatching(/access has changed/) } });
    await dropped;
    expect((await db().run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("planned");
  });

  it("a signed-out viewer's socket is dropped within 1 s and receives no further events", async () => {
    const { cookie } = await freshAccount("viewer");
    const socket = await openSocket(cookie);
    const witness = await openSocket((await freshAccount("member")).cookie);
    const run = await makeRun(world.team.lead);
    for (const s of [socket, witness]) expect(await s.timeout(5_000).emitWithAck("run:join", { runId: run.id })).toHaveProperty("data");
    const witnessed: number[] = [];
    witness.on("run:event", (e) => witnessed.push(e.seq));
    const received: number[] = [];
    socket.on("run:event", (e) => received.push(e.seq));
    const first = await changeItem(world.team.lead, { runId: run.id, itemId: (await firstOpenItem(run.id)).id, version: 0, action: { kind: "done" } });
    await expect.poll(() => received).toEqual([first.event.seq]);
    const dropped = disconnectedWithin(socket, 1_000);
    await auth().api.signOut({ headers: new Headers({ cookie }) });
    await dropped;
    const second = await changeItem(world.team.lead, { runId: run.id, itemId: (await firstOpenItem(run.id)).id, version: 0, action: { kind: "done" } });
    // The member's socket in the same room has it, so it was sent: the signed-out viewer got none.
    await expect.poll(() => witnessed).toContain(second.event.seq);
    expect(received).toEqual([first.event.seq]);
    // And the signed-out cookie opens nothing.
    await expect(openSocket(cookie)).rejects.toThrow(/unauthorized/);
  });
});
