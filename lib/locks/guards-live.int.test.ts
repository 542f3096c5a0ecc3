// Locks and freezes reach open runs lists live (#18 item 5), on a real Socket.IO server with real
// clients: taking and releasing a lock and saving a freeze each send every signed-in socket the
// workspace's locks and freezes as they now are, and the run's own room hears the lock too (war room
// and bridge banners).
import { io as connect } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { makeRun } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { useRealtimeWorld } from "../../e2e/support/realtime-world";
import type { TRole } from "../domain/roles";
import type { TRawRunEvent, TWorkspaceGuards } from "../realtime/events";
import type { TClientSocket } from "../realtime/client/client";
import { releaseLock, saveFreeze, takeLock } from "./commands";

useTestDatabase("guards_live");
const world = useRealtimeWorld({ signedIn: ["viewer", "member"] });
const sockets: TClientSocket[] = [];
afterAll(() => sockets.forEach((s) => s.close()));

async function socketOf(role: TRole): Promise<TClientSocket> {
  const socket = connect(world.baseUrl, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { cookie: world.cookies.get(role)! } }) as TClientSocket;
  sockets.push(socket);
  await new Promise((resolve) => socket.once("session:ready", resolve));
  return socket;
}

const nextGuards = (socket: TClientSocket) => new Promise<TWorkspaceGuards>((resolve) => socket.once("guards:changed", resolve));

describe("a runs list open on a socket", () => {
  it("hears a lock taken and released and a freeze saved, with the workspace's locks and freezes as they now are", async () => {
    const run = await makeRun(world.team.lead, { service: "live-list" });
    const [viewer, member] = [await socketOf("viewer"), await socketOf("member")];
    // The member has the run's war room open: its banner hears the lock through the run's own events.
    const roomEvents: TRawRunEvent[] = [];
    member.on("run:event", (event) => roomEvents.push(event));
    expect(await member.timeout(10_000).emitWithAck("run:join", { runId: run.id })).toHaveProperty("data");

    const onTake = [nextGuards(viewer), nextGuards(member)];
    const lock = await takeLock(world.team.lead, { service: "live-list", reason: "Database migration" });
    for (const guards of await Promise.all(onTake)) expect(guards.locks).toEqual([lock]);
    await expect.poll(() => roomEvents.map((e) => e.type)).toContain("lock.taken");

    const onFreeze = nextGuards(viewer);
    const freeze = await saveFreeze(world.team.lead, { service: null, reason: "Year-end freeze", kind: "range", startsAt: "2026-12-20T00:00:00Z", endsAt: "2027-01-04T00:00:00Z", timeZone: "Europe/Paris" });
    expect(await onFreeze).toEqual({ locks: [lock], freezes: [freeze] });

    const onRelease = nextGuards(viewer);
    await releaseLock(world.team.lead, { service: "live-list" });
    expect(await onRelease).toEqual({ locks: [], freezes: [freeze] });
  });
});
