// A connection lost while a join is in flight loses that join's answer: the feed must join afresh on
// reconnect (it once waited for the lost answer forever and never followed the run again).
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeRun, makeTeam, sessionCookie } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { userFromHeaders } from "../auth/session";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import type { TRole } from "../domain/roles";
import { changeItem } from "../runs/item-commands";
import { getRunSnapshot } from "../runs/queries";
import type { TClientSocket } from "../realtime/client/client";
import { setIo, type TIo } from "../realtime/server/io";
import { RunFeed } from "../realtime/client/run-feed";
import { createSocketServer } from "./socket-server";

useTestDatabase("run_feed_rejoin");

let httpServer: HttpServer;
let io: TIo;
let baseUrl: string;
let team: Record<TRole, TActor>;

beforeAll(async () => {
  team = await makeTeam();
  httpServer = createServer();
  io = createSocketServer(httpServer, { allowedOrigins: [], authenticate: userFromHeaders });
  setIo(io);
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  setIo(undefined);
  await new Promise((resolve) => io.close(resolve));
});

it("joins afresh after a disconnect that swallowed the join's answer, and follows the run again", async () => {
  const run = await makeRun(team.lead);
  const { email } = await db().user.findUniqueOrThrow({ where: { id: team.member.id } });
  const socket = connect(baseUrl, { transports: ["websocket"], reconnectionDelay: 20, extraHeaders: { cookie: await sessionCookie(email) } }) as TClientSocket;
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  let lastSeq = 0;
  const feed = new RunFeed(socket, (await getRunSnapshot(run.id))!, "war_room", { onSnapshot: (s) => (lastSeq = s.lastSeq) });
  const stop = feed.start(); // joins at once (connected) …
  socket.disconnect(); // … and the answer is lost with the connection
  socket.connect();
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const item = await db().runItem.findFirstOrThrow({ where: { section: { phase: { runId: run.id }, intervalMinutes: null } } });
  const { event } = await changeItem(team.lead, { runId: run.id, itemId: item.id, version: 0, action: { kind: "done" } });
  await expect.poll(() => lastSeq, { timeout: 5000 }).toBe(event.seq);
  stop();
  socket.close();
});
