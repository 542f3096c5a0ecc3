// Two real clients on a real Socket.IO server (random port, real sessions, real PostgreSQL), each
// following the run through RunFeed, the same code the browser screens use.
import { io as connect } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { makeRun } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { useRealtimeWorld } from "../../e2e/support/realtime-world";
import { db } from "../db/client";
import type { TRole } from "../domain/roles";
import { stateFingerprint, type TRunSnapshot } from "../domain/run-snapshot";
import { changeItem } from "../runs/item-commands";
import { getRunSnapshot } from "../runs/queries";
import type { TClientSocket } from "../realtime/client/client";
import type { TAck, TPresentUser, TRawRunEvent as TRunEvent } from "../realtime/events";
import { RunFeed } from "../realtime/client/run-feed";

useTestDatabase("live_sync");

const world = useRealtimeWorld({ signedIn: ["lead", "member", "viewer"] });
const sockets: TClientSocket[] = [];

afterAll(() => {
  for (const socket of sockets) socket.close();
});

function open(role: TRole): TClientSocket {
  const socket = connect(world.baseUrl, { transports: ["websocket"], reconnectionDelay: 20, extraHeaders: { cookie: world.cookies.get(role)! } }) as TClientSocket;
  sockets.push(socket);
  return socket;
}

/** A client following the run: its feed, and promises for what it will have seen. */
function follow(socket: TClientSocket, initial: TRunSnapshot, view: "war_room" | "bridge" = "war_room") {
  const received: number[] = [];
  let snapshot = initial;
  let present: TPresentUser[] = [];
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((w) => w());
  socket.on("run:event", (e: TRunEvent) => received.push(e.seq));
  const feed = new RunFeed(socket, initial, view, {
    onSnapshot: (s) => {
      snapshot = s;
      notify();
    },
    onPresence: (p) => {
      present = p;
      notify();
    },
  });
  const stop = feed.start();
  const until = (check: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 5000);
      const test = () => {
        if (check()) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(test);
      };
      test();
    });
  return {
    feed,
    stop,
    received,
    get snapshot() {
      return snapshot;
    },
    untilSeq: (seq: number) => until(() => snapshot.lastSeq >= seq, `seq ${seq}`),
    untilPresent: (names: string[]) => until(() => present.map((p) => p.name).join() === names.join(), `presence ${names.join()}`),
    get present() {
      return present;
    },
  };
}

const connected = (socket: TClientSocket) => new Promise<void>((resolve) => (socket.connected ? resolve() : socket.once("connect", () => resolve())));

async function openItems(runId: string) {
  return db().runItem.findMany({
    where: { section: { phase: { runId }, intervalMinutes: null } },
    orderBy: [{ section: { phase: { position: "asc" } } }, { section: { position: "asc" } }, { position: "asc" }],
    take: 5,
  });
}

describe("live sync between two real clients", () => {
  it("A ticks and B receives it with the next seq; B disconnects, A makes three changes, B reconnects and has all three in order", async () => {
    const run = await makeRun(world.team.lead);
    const initial = (await getRunSnapshot(run.id))!;
    const items = await openItems(run.id);
    const socketA = open("lead");
    const socketB = open("member");
    await Promise.all([connected(socketA), connected(socketB)]);
    const a = follow(socketA, initial);
    const b = follow(socketB, initial);
    await b.untilPresent(["Lee Lead", "Max Member"]);

    // A ticks through its own socket, the command path the browser uses.
    const reply = await socketA.emitWithAck("item:change", { runId: run.id, itemId: items[0].id, version: 0, action: { kind: "done" }, commandId: "tick-0-aaaa" });
    expect(reply).toEqual({ data: { seq: initial.lastSeq + 1 } });
    await b.untilSeq(initial.lastSeq + 1);
    expect(b.received).toEqual([initial.lastSeq + 1]);

    socketB.disconnect();
    await a.untilPresent(["Lee Lead"]);
    for (const item of items.slice(1, 4)) {
      await changeItem(world.team.lead, { runId: run.id, itemId: item.id, version: 0, action: { kind: "done" } });
    }
    await a.untilSeq(initial.lastSeq + 4);
    expect(b.snapshot.lastSeq).toBe(initial.lastSeq + 1); // B really missed them

    const seqsBefore = b.received.length;
    const appliedOrder: number[] = [];
    const original = b.feed.receive.bind(b.feed);
    b.feed.receive = (events, isReplay) => {
      appliedOrder.push(...events.map((e) => e.seq));
      original(events, isReplay);
    };
    socketB.connect();
    await b.untilSeq(initial.lastSeq + 4);
    expect(appliedOrder).toEqual([initial.lastSeq + 2, initial.lastSeq + 3, initial.lastSeq + 4]);
    expect(b.received.length).toBe(seqsBefore); // they came by replay, not live
    const fresh = (await getRunSnapshot(run.id))!;
    expect(stateFingerprint(b.snapshot)).toBe(stateFingerprint(fresh));
    expect(stateFingerprint(a.snapshot)).toBe(stateFingerprint(fresh));
    await a.untilPresent(["Lee Lead", "Max Member"]);
    a.stop();
    b.stop();
  });

  it("a gap in live events (one lost) makes the client fetch the missing one before applying the next", async () => {
    const run = await makeRun(world.team.lead);
    const initial = (await getRunSnapshot(run.id))!;
    const items = await openItems(run.id);
    const socketB = open("member");
    await connected(socketB);
    const b = follow(socketB, initial);
    await b.untilPresent(["Max Member"]);
    // Two commits; B is told only of the second, as if the first was lost on the way.
    const first = await changeItem(world.team.lead, { runId: run.id, itemId: items[0].id, version: 0, action: { kind: "done" } });
    await b.untilSeq(first.event.seq);
    socketB.off("run:event");
    const second = await changeItem(world.team.lead, { runId: run.id, itemId: items[1].id, version: 0, action: { kind: "done" } });
    const third = await changeItem(world.team.lead, { runId: run.id, itemId: items[2].id, version: 0, action: { kind: "done" } });
    expect(b.snapshot.lastSeq).toBe(first.event.seq);
    b.feed.receive([third.event]);
    expect(b.snapshot.lastSeq).toBe(first.event.seq); // held back, not applied out of order
    await b.untilSeq(third.event.seq);
    expect(b.snapshot.timeline.slice(0, 2).map((e) => e.seq)).toEqual([third.event.seq, second.event.seq]);
    b.stop();
  });

  it("presence lists each person once with how they watch, and drops them when they leave", async () => {
    const run = await makeRun(world.team.lead);
    const initial = (await getRunSnapshot(run.id))!;
    const lead = open("lead");
    const leadTab2 = open("lead");
    const tv = open("viewer");
    await Promise.all([connected(lead), connected(leadTab2), connected(tv)]);
    const l1 = follow(lead, initial);
    const l2 = follow(leadTab2, initial);
    const screen = follow(tv, initial, "bridge");
    await l1.untilPresent(["Lee Lead", "Vera Viewer"]);
    expect(l1.present).toEqual([
      { userId: world.team.lead.id, name: "Lee Lead", role: "lead", views: ["war_room"] },
      { userId: world.team.viewer.id, name: "Vera Viewer", role: "viewer", views: ["bridge"] },
    ]);
    screen.stop();
    await l1.untilPresent(["Lee Lead"]);
    leadTab2.disconnect();
    await new Promise((r) => setTimeout(r, 400));
    expect(l1.present.map((p) => p.name)).toEqual(["Lee Lead"]); // one tab closed, the other still here
    l1.stop();
    l2.stop();
  });

  it("a viewer's command is refused over the socket and changes nothing", async () => {
    const run = await makeRun(world.team.lead);
    const [item] = await openItems(run.id);
    const viewer = open("viewer");
    await connected(viewer);
    const reply: TAck<{ seq: number }> = await viewer.emitWithAck("item:change", { runId: run.id, itemId: item.id, version: 0, action: { kind: "done" } });
    expect(reply).toMatchObject({ error: { code: "forbidden" } });
    expect((await db().runItem.findUniqueOrThrow({ where: { id: item.id } })).state).toBe("open");
  });
});
