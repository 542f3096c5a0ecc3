// The control tower and the calendar against a real PostgreSQL and a real Socket.IO server: a run
// created in a clashing window is made and comes back with its conflicts (never refused); the
// calendar flags both sides; a viewer's socket in the tower's room hears a tick and a lock taken
// with no run under way, named by the catalogue's event types, and reads the board again.
import { io as connect } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { makeRun } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { useRealtimeWorld } from "../../e2e/support/realtime-world";
import { db } from "../db/client";
import type { TTowerBoard } from "../domain/tower";
import { releaseLock, saveFreeze, takeLock } from "../locks/commands";
import type { TClientSocket } from "../realtime/client/client";
import type { TAck, TTowerChange } from "../realtime/events";
import { changeItem } from "../runs/item-commands";
import { changeStatus } from "../runs/status-commands";
import { plannedRunsBetween } from "./windows";

useTestDatabase("tower");
const world = useRealtimeWorld({ signedIn: ["viewer"] });
const sockets: TClientSocket[] = [];
afterAll(() => sockets.forEach((s) => s.close()));

const HOUR = 3_600_000;
const T = Date.parse("2031-03-10T09:00:00Z");
const iso = (at: number) => new Date(at).toISOString();

describe("conflicts flagged on create", () => {
  it("two runs of one service overlapping: the second is created, with the first named as the reason", async () => {
    const first = await makeRun(world.team.lead, { name: "Checkout 3.0", service: "checkout", plannedStart: iso(T), plannedDurationMin: 240, roles: {} });
    expect(first.conflicts).toEqual([]);
    const second = await makeRun(world.team.lead, { name: "Checkout hotfix", service: "Checkout ", plannedStart: iso(T + 3 * HOUR), plannedDurationMin: 60, roles: {} });
    expect(await db().run.count({ where: { id: second.id } })).toBe(1);
    expect(second.conflicts).toEqual([
      { kind: "service_overlap", withId: first.id, reason: "Overlaps “Checkout 3.0” (2031-03-10 09:00–13:00 UTC): two runs of checkout at once" },
    ]);
    // Back to back is no clash.
    expect((await makeRun(world.team.lead, { service: "checkout", plannedStart: iso(T + 4 * HOUR), plannedDurationMin: 60, roles: {} })).conflicts).toEqual([]);
  });

  it("the same lead on two runs at once, across services", async () => {
    const roles = { deployment_lead: world.team.lead.id };
    const first = await makeRun(world.team.lead, { name: "Search 9", service: "search", plannedStart: iso(T + 48 * HOUR), plannedDurationMin: 120, roles });
    const second = await makeRun(world.team.lead, { name: "Billing 2", service: "billing", plannedStart: iso(T + 49 * HOUR), plannedDurationMin: 120, roles });
    expect(second.conflicts).toEqual([{ kind: "lead_double_booked", withId: first.id, reason: "Lee Lead also leads “Search 9” (2031-03-12 09:00–11:00 UTC)" }]);
  });

  it("a window inside a freeze, with the freeze's reason; a finished run's window clashes with nothing", async () => {
    const freeze = await saveFreeze(world.team.admin, { kind: "range", service: null, reason: "Quarter close", startsAt: iso(T + 96 * HOUR), endsAt: iso(T + 120 * HOUR) });
    const inside = await makeRun(world.team.lead, { service: "ledger", plannedStart: iso(T + 100 * HOUR), plannedDurationMin: 60, roles: {} });
    expect(inside.conflicts).toEqual([{ kind: "freeze", withId: freeze.id, reason: "Inside a freeze (every service, 2031-03-14 09:00 – 2031-03-15 09:00 UTC): Quarter close" }]);
    await changeStatus(world.team.lead, { runId: inside.id, to: "aborted", reason: "Frozen", version: 0 });
    const later = await makeRun(world.team.lead, { service: "ledger", plannedStart: iso(T + 100 * HOUR), plannedDurationMin: 60, roles: {} });
    expect(later.conflicts.map((c) => c.kind)).toEqual(["freeze"]);
  });

  it("the calendar flags both runs of a clash and lists the freezes", async () => {
    const { runs, freezes } = await plannedRunsBetween(T, T + 24 * HOUR);
    const flagged = runs.filter((r) => r.conflicts.length > 0).map((r) => r.name).sort();
    expect(flagged).toEqual(["Checkout 3.0", "Checkout hotfix"]);
    expect(freezes.map((f) => f.reason)).toContain("Quarter close");
  });
});

describe("the tower's room", () => {
  function open(): TClientSocket {
    const socket = connect(world.baseUrl, { transports: ["websocket"], extraHeaders: { cookie: world.cookies.get("viewer")! } }) as TClientSocket;
    sockets.push(socket);
    return socket;
  }
  const join = (socket: TClientSocket) => new Promise<TAck<TTowerBoard>>((resolve) => socket.emit("tower:join", {}, resolve));
  const next = (socket: TClientSocket, matches: (c: TTowerChange) => boolean) =>
    new Promise<TTowerChange>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no tower:changed")), 5000);
      const on = (change: TTowerChange) => {
        if (!matches(change)) return;
        clearTimeout(timer);
        socket.off("tower:changed", on);
        resolve(change);
      };
      socket.on("tower:changed", on);
    });

  it("a viewer joins, reads the board, and hears a tick on a run under way and a lock with no run to record it", async () => {
    const run = await makeRun(world.team.lead, { name: "Tower watch", service: "watch-svc", plannedStart: iso(Date.now()), plannedDurationMin: 120 });
    await changeStatus(world.team.lead, { runId: run.id, to: "pre_deployment", version: 0 });
    const socket = open();
    const reply = await join(socket);
    if ("error" in reply) throw new Error(reply.error.message);
    const row = reply.data.runs.find((r) => r.id === run.id);
    expect(row).toMatchObject({ status: "pre_deployment", name: "Tower watch" });
    // The board is the snapshot less what the tower never shows.
    expect(row).not.toHaveProperty("timeline");

    const item = await db().runItem.findFirstOrThrow({ where: { section: { phase: { runId: run.id, key: "pre_deployment" }, intervalMinutes: null } }, orderBy: { position: "asc" } });
    const ticked = next(socket, (c) => c.runId === run.id && c.type === "item.changed");
    await changeItem(world.team.lead, { runId: run.id, itemId: item.id, action: { kind: "done" }, version: 0 });
    expect(await ticked).toEqual({ runId: run.id, type: "item.changed" });
    const again = await join(socket);
    if ("error" in again) throw new Error(again.error.message);
    const items = again.data.runs.find((r) => r.id === run.id)!.phases.flatMap((p) => p.sections.flatMap((s) => s.items));
    expect(items.find((i) => i.id === item.id)?.state).toBe("done");

    const locked = next(socket, (c) => c.runId === null);
    await takeLock(world.team.lead, { service: "nobody-deploys-this", reason: "Migration" });
    expect(await locked).toEqual({ runId: null, type: "lock.taken" });
    const withLock = await join(socket);
    expect("data" in withLock && withLock.data.locks.map((l) => l.service)).toContain("nobody-deploys-this");
    await releaseLock(world.team.lead, { service: "nobody-deploys-this" });
  });

  it("a run created is heard too (its first event is written outside the command path)", async () => {
    const socket = open();
    await join(socket);
    const created = next(socket, (c) => c.type === "run.created");
    const run = await makeRun(world.team.lead, { name: "Fresh", plannedStart: iso(Date.now() + HOUR) });
    expect(await created).toEqual({ runId: run.id, type: "run.created" });
  });
});
