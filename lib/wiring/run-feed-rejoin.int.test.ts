// A connection lost while a join is in flight loses that join's answer: the feed must join afresh on
// reconnect (it once waited for the lost answer forever and never followed the run again).
import { io as connect } from "socket.io-client";
import { expect, it } from "vitest";
import { makeRun } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { useRealtimeWorld } from "../../e2e/support/realtime-world";
import { db } from "../db/client";
import { changeItem } from "../runs/item-commands";
import { getRunSnapshot } from "../runs/queries";
import type { TClientSocket } from "../realtime/client/client";
import { RunFeed } from "../realtime/client/run-feed";

useTestDatabase("run_feed_rejoin");

const world = useRealtimeWorld({ signedIn: ["member"] });

it("joins afresh after a disconnect that swallowed the join's answer, and follows the run again", async () => {
  const run = await makeRun(world.team.lead);
  const socket = connect(world.baseUrl, { transports: ["websocket"], reconnectionDelay: 20, extraHeaders: { cookie: world.cookies.get("member")! } }) as TClientSocket;
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  let lastSeq = 0;
  const feed = new RunFeed(socket, (await getRunSnapshot(run.id))!, "war_room", { onSnapshot: (s) => (lastSeq = s.lastSeq) });
  const stop = feed.start(); // joins at once (connected) …
  socket.disconnect(); // … and the answer is lost with the connection
  socket.connect();
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const item = await db().runItem.findFirstOrThrow({ where: { section: { phase: { runId: run.id }, intervalMinutes: null } } });
  const { event } = await changeItem(world.team.lead, { runId: run.id, itemId: item.id, version: 0, action: { kind: "done" } });
  await expect.poll(() => lastSeq, { timeout: 5000 }).toBe(event.seq);
  stop();
  socket.close();
});
