// One member cannot starve a lead (issue 16, finding 4), on a real Socket.IO server with real clients
// and real PostgreSQL: a member's flood is refused at the door as `rate_limited` (retryable, with the
// wait), the lead's change in the same second goes through, commands naming what is not in the run
// are refused without waiting on the run's row lock, and replays are bounded per socket.
import { Client } from "pg";
import { io as connect } from "socket.io-client";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { makeRun } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { useRealtimeWorld } from "../../e2e/support/realtime-world";
import { db } from "../db/client";
import type { TRole } from "../domain/roles";
import type { TAck, TRawRunEvent } from "../realtime/events";
import type { TClientSocket } from "../realtime/client/client";
import { DEFAULT_LIMITS } from "../security/limits";
import { resetRateLimits } from "../security/rate-limit";
import { resetCommandAllowances } from "./command-gate";

const database = useTestDatabase("command_limits");
const world = useRealtimeWorld({ signedIn: ["lead", "member"] });
const sockets: TClientSocket[] = [];
afterAll(() => sockets.forEach((s) => s.close()));
beforeEach(() => {
  resetRateLimits();
  resetCommandAllowances();
});

type TReply = TAck<{ seq: number }>;

async function socketOf(role: TRole): Promise<TClientSocket> {
  const socket = connect(world.baseUrl, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { cookie: world.cookies.get(role)! } }) as TClientSocket;
  sockets.push(socket);
  await new Promise((resolve) => socket.once("session:ready", resolve));
  return socket;
}

const emit = (socket: TClientSocket, name: string, input: object, timeoutMs = 20_000) =>
  (socket.timeout(timeoutMs) as unknown as { emitWithAck: (n: string, i: object) => Promise<TReply> }).emitWithAck(name, input);

async function tickableItems(runId: string) {
  return db().runItem.findMany({ where: { section: { phase: { runId }, intervalMinutes: null } }, select: { id: true, version: true }, orderBy: { id: "asc" } });
}

describe("a member's flood", () => {
  it("is refused as rate_limited while the lead's change in the same second succeeds", async () => {
    const run = await makeRun(world.team.lead);
    const [leadItem, memberItem] = await tickableItems(run.id);
    const [lead, member] = [await socketOf("lead"), await socketOf("member")];
    // 300 commands at once, as the pass found: most name no item of the run.
    const flood = Array.from({ length: 300 }, (_, i) => emit(member, "item:change", { runId: run.id, itemId: `nope-${i}`, version: 0, action: { kind: "done" } }));
    const leadChange = emit(lead, "item:change", { runId: run.id, itemId: leadItem!.id, version: 0, action: { kind: "done" } });
    const [floodReplies, leadReply] = [await Promise.all(flood), await leadChange];

    expect(leadReply).toMatchObject({ data: { seq: expect.any(Number) } });
    const codes = floodReplies.map((r) => ("error" in r ? r.error.code : "ok"));
    const limited = floodReplies.filter((r): r is Extract<TReply, { error: unknown }> => "error" in r && r.error.code === "rate_limited");
    // At most a burst (twice the rate) gets past the door in the first second; answers free places meanwhile.
    expect(limited.length).toBeGreaterThanOrEqual(300 - 2 * 2 * DEFAULT_LIMITS.commandsPerSecond);
    for (const refusal of limited) expect(refusal.error.retryAfterMs).toBeGreaterThan(0);
    // The few let in were refused for what they are, before any change: nothing of the flood applied.
    expect(new Set(codes.filter((c) => c !== "rate_limited"))).toEqual(new Set(["not_found"]));

    // Retryable: after the advised wait the member's own real change goes through.
    await new Promise((resolve) => setTimeout(resolve, Math.max(...limited.map((r) => r.error.retryAfterMs ?? 0))));
    expect(await emit(member, "item:change", { runId: run.id, itemId: memberItem!.id, version: 0, action: { kind: "done" } })).toMatchObject({ data: { seq: expect.any(Number) } });
  });

  it("counts a user's sockets together: more tabs do not buy more commands in flight", async () => {
    const run = await makeRun(world.team.lead);
    const items = await tickableItems(run.id);
    const tabs = [await socketOf("member"), await socketOf("member"), await socketOf("member"), await socketOf("member")];
    // The run's row lock held elsewhere: admitted changes wait on it, so none is answered (freeing its place) meanwhile.
    const locker = new Client({ connectionString: database.url() });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query(`SELECT id FROM "Run" WHERE id = $1 FOR NO KEY UPDATE`, [run.id]);
      const pending = tabs.flatMap((tab, t) =>
        Array.from({ length: DEFAULT_LIMITS.commandsInFlight }, (_, i) => emit(tab, "item:change", { runId: run.id, itemId: items[t * DEFAULT_LIMITS.commandsInFlight + i]!.id, version: 0, action: { kind: "done" } })),
      );
      const refusals: TReply[] = [];
      for (const reply of pending) void reply.then((r) => "error" in r && r.error.code === "rate_limited" && refusals.push(r));
      // Four sockets could each have four in flight; the user as a whole gets twice one socket's.
      await expect.poll(() => refusals.length).toBe(4 * DEFAULT_LIMITS.commandsInFlight - 2 * DEFAULT_LIMITS.commandsInFlight);
      await locker.query("COMMIT");
      const replies = await Promise.all(pending);
      expect(replies.filter((r) => "error" in r && r.error.code === "rate_limited")).toHaveLength(2 * DEFAULT_LIMITS.commandsInFlight);
    } finally {
      await locker.end();
    }
  });
});

describe("turns on a run", () => {
  it("go round-robin between people: a lead's change waits behind at most one of a member's queued commands", async () => {
    const run = await makeRun(world.team.lead);
    const items = await tickableItems(run.id);
    const [lead, member] = [await socketOf("lead"), await socketOf("member")];
    const locker = new Client({ connectionString: database.url() });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query(`SELECT id FROM "Run" WHERE id = $1 FOR NO KEY UPDATE`, [run.id]);
      const memberChanges = Array.from({ length: DEFAULT_LIMITS.commandsInFlight }, (_, i) => emit(member, "item:change", { runId: run.id, itemId: items[i]!.id, version: 0, action: { kind: "done" } }));
      // Give the member's commands time to arrive and line up before the lead's (setup, not a measurement).
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const leadChange = emit(lead, "item:change", { runId: run.id, itemId: items.at(-1)!.id, version: 0, action: { kind: "done" } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await locker.query("COMMIT");
      const seqs = (await Promise.all(memberChanges)).map((r) => ("data" in r ? r.data.seq : Number.NaN));
      const leadReply = await leadChange;
      if (!("data" in leadReply)) throw new Error(leadReply.error.message);
      // The member's first (already waiting on the lock), one more of theirs, then the lead's turn.
      const before = seqs.filter((seq) => seq < leadReply.data.seq);
      expect(before.length).toBeLessThanOrEqual(2);
    } finally {
      await locker.end();
    }
  });
});

describe("what a command names", () => {
  it("is checked before the run's row lock: unknown items are refused while the run is locked, real changes wait for it", async () => {
    const run = await makeRun(world.team.lead);
    const [item] = await tickableItems(run.id);
    const member = await socketOf("member");
    const locker = new Client({ connectionString: database.url() });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query(`SELECT id FROM "Run" WHERE id = $1 FOR NO KEY UPDATE`, [run.id]);
      // Answered with the lock still held (a command that waited on it would not be answered at all).
      expect(await emit(member, "item:change", { runId: run.id, itemId: "no-such-item", version: 0, action: { kind: "done" } }, 4000)).toMatchObject({
        error: { code: "not_found", message: "No such item in this run." },
      });
      expect(await emit(member, "check:complete", { runId: run.id, sectionId: "no-such-section", note: "" }, 4000)).toMatchObject({ error: { code: "not_found" } });
      let isAnswered = false;
      const real = emit(member, "item:change", { runId: run.id, itemId: item!.id, version: 0, action: { kind: "done" } }).finally(() => (isAnswered = true));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(isAnswered).toBe(false);
      await locker.query("COMMIT");
      expect(await real).toMatchObject({ data: { seq: expect.any(Number) } });
    } finally {
      await locker.end();
    }
  });
});

describe("a burst of invalid changes", () => {
  it("never waits for the run's row lock: 300 naming no item or a stale version are all answered while the lock is held, and the lead's change then succeeds", async () => {
    const run = await makeRun(world.team.lead);
    const items = await tickableItems(run.id);
    const [lead, member] = [await socketOf("lead"), await socketOf("member")];
    const locker = new Client({ connectionString: database.url() });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query(`SELECT id FROM "Run" WHERE id = $1 FOR NO KEY UPDATE`, [run.id]);
      const leadChange = emit(lead, "item:change", { runId: run.id, itemId: items[0]!.id, version: 0, action: { kind: "done" } });
      // Half name no item of the run, half a real item at a version it never had.
      const flood = Array.from({ length: 300 }, (_, i) =>
        emit(member, "item:change", i % 2 ? { runId: run.id, itemId: `nope-${i}`, version: 0, action: { kind: "done" } } : { runId: run.id, itemId: items[1 + (i % 5)]!.id, version: 1_000 + i, action: { kind: "done" } }),
      );
      // Every one answered with the lock still held: none waited for it (one that did would hang here).
      const codes = (await Promise.all(flood)).map((r) => ("error" in r ? r.error.code : "ok"));
      expect(new Set(codes)).toEqual(new Set(["rate_limited", "not_found", "conflict"]));
      await locker.query("COMMIT");
      expect(await leadChange).toMatchObject({ data: { seq: expect.any(Number) } });
      // Nothing of the flood applied.
      expect((await tickableItems(run.id)).filter((item) => item.version > 0).map((item) => item.id)).toEqual([items[0]!.id]);
    } finally {
      await locker.end();
    }
  });

  it("refuses a stale version as the locked path would, naming the state it lost to; a retry of an applied change still gets its result", async () => {
    const run = await makeRun(world.team.lead);
    const [item] = await tickableItems(run.id);
    const [lead, member] = [await socketOf("lead"), await socketOf("member")];
    const applied = await emit(lead, "item:change", { runId: run.id, itemId: item!.id, version: 0, action: { kind: "done" }, commandId: "tick-once" });
    expect(applied).toHaveProperty("data");
    expect(await emit(member, "item:change", { runId: run.id, itemId: item!.id, version: 0, action: { kind: "skip", reason: "not needed" } })).toMatchObject({
      error: { code: "conflict", message: expect.stringMatching(/^Not applied: someone changed it first\. It is now done \(/) },
    });
    expect(await emit(lead, "item:change", { runId: run.id, itemId: item!.id, version: 0, action: { kind: "done" }, commandId: "tick-once" })).toEqual(applied);
  });
});

describe("replays", () => {
  it("are bounded per socket; a join with nothing to replay is not one", async () => {
    const run = await makeRun(world.team.lead);
    const member = await socketOf("member");
    const join = (afterSeq: number) => emit(member, "run:join", { runId: run.id, afterSeq }) as unknown as Promise<TAck<{ lastSeq: number; events: TRawRunEvent[] }>>;
    const first = await join(0);
    if (!("data" in first)) throw new Error(first.error.message);
    expect(first.data.events.length).toBeGreaterThan(0);
    for (let i = 1; i < DEFAULT_LIMITS.replaysPerMinute; i++) expect(await join(0)).toHaveProperty("data");
    const refused = await join(0);
    expect(refused).toMatchObject({ error: { code: "rate_limited", retryAfterMs: expect.any(Number) } });
    expect(await join(first.data.lastSeq)).toMatchObject({ data: { events: [] } });
    // Another socket of the same person has its own replays.
    expect(await emit(await socketOf("member"), "run:join", { runId: run.id, afterSeq: 0 })).toHaveProperty("data");
  });
});
