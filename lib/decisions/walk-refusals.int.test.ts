// A walk id says nothing to whoever may not walk guides: over a real socket, a viewer or a member
// asking to step, apply or close a walk that does not exist is told `forbidden` (what their role may
// do), never `not_found` (which would tell them which ids exist). A lead asking the same learns it is
// not there. Real PostgreSQL, a real Socket.IO server and clients.
import { io as connect } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { makeRun } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { useRealtimeWorld } from "../../e2e/support/realtime-world";
import type { TRole } from "../domain/roles";
import type { TAck } from "../realtime/events";
import type { TClientSocket } from "../realtime/client/client";

useTestDatabase("walk_refusals");
const world = useRealtimeWorld({ signedIn: ["lead", "member", "viewer"] });
const sockets: TClientSocket[] = [];
afterAll(() => sockets.forEach((s) => s.close()));

async function socketOf(role: TRole): Promise<TClientSocket> {
  const socket = connect(world.baseUrl, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie: world.cookies.get(role)! } }) as TClientSocket;
  sockets.push(socket);
  await new Promise((resolve) => socket.once("session:ready", resolve));
  return socket;
}

const emit = (socket: TClientSocket, name: string, input: object) =>
  (socket.timeout(10_000) as unknown as { emitWithAck: (n: string, i: object) => Promise<TAck<{ seq: number }>> }).emitWithAck(name, input);

describe("a walk that does not exist", () => {
  it("is forbidden to viewers and members, and not found for a lead", async () => {
    const run = await makeRun(world.team.lead);
    const missing = "walk-that-does-not-exist";
    const calls = [
      ["decision:step", { runId: run.id, walkId: missing, step: { kind: "back" }, version: 0 }],
      ["decision:apply", { runId: run.id, walkId: missing, version: 0 }],
      ["decision:abandon", { runId: run.id, walkId: missing, version: 0 }],
    ] as const;
    for (const role of ["viewer", "member"] as const) {
      const socket = await socketOf(role);
      for (const [name, input] of calls) expect(await emit(socket, name, input), `${role} ${name}`).toMatchObject({ error: { code: "forbidden" } });
      // Nor does a missing run tell them anything.
      expect(await emit(socket, "decision:step", { ...calls[0][1], runId: "no-such-run" })).toMatchObject({ error: { code: "forbidden" } });
    }
    const lead = await socketOf("lead");
    for (const [name, input] of calls) expect(await emit(lead, name, input), `lead ${name}`).toMatchObject({ error: { code: "not_found" } });
  });
});
