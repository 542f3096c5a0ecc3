// Share links against a real PostgreSQL and a real Socket.IO server: the token is shown once and
// stored hashed; a status socket follows its run live with the war room's seq/replay guarantees,
// receives nothing internal and can do nothing; revoking or expiry drops it within a second.
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { makeRun } from "../../../e2e/support/factories";
import { useTestDatabase } from "../../../e2e/support/integration";
import { useRealtimeWorld } from "../../../e2e/support/realtime-world";
import { db } from "../../db/client";
import { publicView, type TPublicStatus } from "../../domain/public-status";
import type { TClientToServerEvents, TServerToClientEvents } from "../../realtime/events";
import { broadcastMetricSamples } from "../../timeline/broadcast";
import { changeItem } from "../../runs/item-commands";
import { resetRateLimits } from "../../security/rate-limit";
import { openShareLink, SHARE_FAILURE_LIMIT } from "./access";
import { LINK_INVALID } from "../protocol";
import { getPublicStatus } from "./public-queries";
import { createShareLink, listShareLinks, revokeShareLink } from "./share-links";
import { StatusFeed, type TStatusConnection, type TStatusSocket } from "../client/status-feed";

useTestDatabase("share_links");

const world = useRealtimeWorld({ signedIn: ["lead"] });
const sockets: Socket[] = [];

afterAll(() => {
  for (const socket of sockets) socket.close();
});

beforeEach(resetRateLimits);

function openStatus(token: unknown, extra: { cookie?: string } = {}): TStatusSocket {
  const socket = connect(`${world.baseUrl}/status`, {
    transports: ["websocket"],
    reconnectionDelay: 20,
    auth: { token },
    extraHeaders: extra.cookie ? { cookie: extra.cookie } : {},
  }) as TStatusSocket;
  sockets.push(socket);
  return socket;
}

function openMain(headers: Record<string, string>, auth: Record<string, unknown> = {}): Socket<TServerToClientEvents, TClientToServerEvents> {
  const socket = connect(world.baseUrl, { transports: ["websocket"], reconnection: false, extraHeaders: headers, auth });
  sockets.push(socket);
  return socket;
}

const outcome = (socket: Socket) =>
  new Promise<string>((resolve) => {
    socket.once("connect", () => resolve("connected"));
    socket.once("connect_error", (error) => resolve(error.message));
  });

/** A status page's feed, and promises for what it will have seen. */
function follow(socket: TStatusSocket, initial: TPublicStatus) {
  let status = initial;
  let connection: TStatusConnection = "connecting";
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((w) => w());
  const feed = new StatusFeed(socket, initial, {
    onStatus: (s) => {
      status = s;
      notify();
    },
    onConnection: (c) => {
      connection = c;
      notify();
    },
  });
  const stop = feed.start();
  const until = (check: () => boolean, what: string, timeoutMs = 5000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
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
    get status() {
      return status;
    },
    get connection() {
      return connection;
    },
    untilSeq: (seq: number) => until(() => status.run.lastSeq >= seq, `seq ${seq}`),
    untilConnection: (state: TStatusConnection, timeoutMs?: number) => until(() => connection === state, `connection ${state}`, timeoutMs),
  };
}

async function openItems(runId: string) {
  return db().runItem.findMany({
    where: { section: { phase: { runId }, intervalMinutes: null } },
    orderBy: [{ section: { phase: { position: "asc" } } }, { section: { position: "asc" } }, { position: "asc" }],
    take: 5,
  });
}

describe("creating a link", () => {
  it("shows a 192-bit token once; the database and the timeline hold only its hash and label", async () => {
    const run = await makeRun(world.team.lead);
    const { token, link, event } = await createShareLink(world.team.lead, { runId: run.id, label: "Execs" });
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(event).toMatchObject({ type: "share.created", payload: { linkId: link.id, label: "Execs" } });
    const row = await db().shareLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(event)).not.toContain(token);
    // The default expiry: 24 h after the planned window (420 min from a planned start of now).
    expect(row.expiresAt.getTime() - (await db().run.findUniqueOrThrow({ where: { id: run.id } })).plannedStart.getTime()).toBe((420 + 24 * 60) * 60_000);
    expect(await listShareLinks(run.id)).toEqual([link]);
  });

  it("refuses an expiry in the past or more than 30 days out, and a retried command cannot show the token again", async () => {
    const run = await makeRun(world.team.lead);
    await expect(createShareLink(world.team.lead, { runId: run.id, label: "x", expiresAt: new Date(Date.now() - 1000).toISOString() })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(createShareLink(world.team.lead, { runId: run.id, label: "x", expiresAt: new Date(Date.now() + 31 * 86_400_000).toISOString() })).rejects.toMatchObject({ code: "invalid_input" });
    await createShareLink(world.team.lead, { runId: run.id, label: "x", commandId: "share-retry-1" });
    await expect(createShareLink(world.team.lead, { runId: run.id, label: "x", commandId: "share-retry-1" })).rejects.toMatchObject({ code: "conflict" });
    expect(await db().shareLink.count({ where: { runId: run.id } })).toBe(1);
  });

  it("records the last use at most once a minute", async () => {
    const run = await makeRun(world.team.lead);
    const { token, link } = await createShareLink(world.team.lead, { runId: run.id, label: "Execs" });
    expect(link.lastUsedAt).toBeNull();
    const first = new Date();
    await openShareLink(token, "10.0.0.1", first);
    await openShareLink(token, "10.0.0.1", new Date(first.getTime() + 30_000));
    expect((await db().shareLink.findUniqueOrThrow({ where: { id: link.id } })).lastUsedAt?.getTime()).toBe(first.getTime());
    await openShareLink(token, "10.0.0.1", new Date(first.getTime() + 61_000));
    expect((await db().shareLink.findUniqueOrThrow({ where: { id: link.id } })).lastUsedAt?.getTime()).toBe(first.getTime() + 61_000);
  });

  it("answers an address that keeps guessing tokens 'rate limited', yet a live link still opens from it", async () => {
    const run = await makeRun(world.team.lead);
    const { token } = await createShareLink(world.team.lead, { runId: run.id, label: "Execs" });
    for (let i = 0; i < SHARE_FAILURE_LIMIT.max; i++) expect((await openShareLink(`${"x".repeat(31)}${i % 10}`, "10.9.9.9")).kind).toBe("invalid");
    expect((await openShareLink(token, "10.9.9.9")).kind).toBe("ok");
    expect((await openShareLink(`${"x".repeat(31)}z`, "10.9.9.9")).kind).toBe("rate_limited");
    expect((await openShareLink(token, "10.9.9.9")).kind).toBe("ok");
    expect((await openShareLink(`${"y".repeat(31)}z`, "10.9.9.8")).kind).toBe("invalid");
  });
});

describe("a status socket", () => {
  it("is refused without a live token, and a share token opens nothing on the war room's namespace", async () => {
    const run = await makeRun(world.team.lead);
    const { token } = await createShareLink(world.team.lead, { runId: run.id, label: "Execs" });
    expect(await outcome(openStatus(undefined))).toBe(LINK_INVALID);
    expect(await outcome(openStatus("not-a-token"))).toBe(LINK_INVALID);
    // A session cookie is not a share link.
    expect(await outcome(openStatus(undefined, { cookie: world.cookies.get("lead") }))).toBe(LINK_INVALID);
    expect(await outcome(openMain({}, { token }))).toBe("unauthorized");
    expect(await outcome(openMain({ authorization: `Bearer ${token}` }))).toBe("unauthorized");
  });

  it("follows its run live with the run's seq, sees no notes or names, and can change nothing", async () => {
    const run = await makeRun(world.team.lead);
    const { token } = await createShareLink(world.team.lead, { runId: run.id, label: "Execs" });
    const initial = (await getPublicStatus(run.id))!;
    const socket = openStatus(token);
    const page = follow(socket, initial);
    await page.untilConnection("live");
    const items = await openItems(run.id);
    const received: unknown[] = [];
    socket.on("status:event", (e) => received.push(e));

    const failed = await changeItem(world.team.lead, { runId: run.id, itemId: items[0].id, version: 0, action: { kind: "fail", note: "db password is hunter2" } });
    await page.untilSeq(failed.event.seq);
    expect(page.status.run.phases.flatMap((p) => p.sections.flatMap((s) => s.items)).find((i) => i.id === items[0].id)?.state).toBe("failed");
    expect(JSON.stringify(received)).not.toContain("hunter2");
    expect(JSON.stringify(received)).not.toContain("Lee Lead");
    expect(JSON.stringify(page.status)).not.toContain("hunter2");

    // Every command, and the war room's own join, is refused with an answer; nothing changes.
    const before = await db().timelineEvent.count({ where: { runId: run.id } });
    const anySocket = socket as unknown as Socket;
    for (const [event, input] of [
      ["item:change", { runId: run.id, itemId: items[1].id, version: 0, action: { kind: "done" } }],
      ["run:status", { runId: run.id, to: "pre_deployment", version: 0 }],
      ["run:join", { runId: run.id }],
      ["share:revoke", { runId: run.id }],
    ] as const) {
      expect(await anySocket.timeout(2000).emitWithAck(event, input)).toMatchObject({ error: { code: "forbidden" } });
    }
    expect(await db().timelineEvent.count({ where: { runId: run.id } })).toBe(before);
    page.stop();
  });

  it("replays what it missed while disconnected, in order, and ends equal to a fresh page", async () => {
    const run = await makeRun(world.team.lead);
    const { token } = await createShareLink(world.team.lead, { runId: run.id, label: "Execs" });
    const socket = openStatus(token);
    const page = follow(socket, (await getPublicStatus(run.id))!);
    await page.untilConnection("live");
    socket.disconnect();
    const items = await openItems(run.id);
    let last = 0;
    for (const item of items.slice(0, 3)) last = (await changeItem(world.team.lead, { runId: run.id, itemId: item.id, version: 0, action: { kind: "done" } })).event.seq;
    await revokeShareLink(world.team.lead, { runId: run.id, linkId: (await createShareLink(world.team.lead, { runId: run.id, label: "other" })).link.id });
    last += 2;
    socket.connect();
    await page.untilSeq(last);
    const fresh = (await getPublicStatus(run.id))!;
    const now = new Date();
    expect(publicView(page.status, now)).toEqual(publicView(fresh, now));
    expect(page.status.run.lastSeq).toBe(fresh.run.lastSeq);
    page.stop();
  });

  it("is told and disconnected within a second of a revocation, and cannot come back", async () => {
    const run = await makeRun(world.team.lead);
    const { token, link } = await createShareLink(world.team.lead, { runId: run.id, label: "Execs" });
    const page = follow(openStatus(token), (await getPublicStatus(run.id))!);
    await page.untilConnection("live");
    const revokedAt = Date.now();
    await revokeShareLink(world.team.lead, { runId: run.id, linkId: link.id });
    await page.untilConnection("invalid", 1000);
    expect(Date.now() - revokedAt).toBeLessThan(1000);
    expect(await outcome(openStatus(token))).toBe(LINK_INVALID);
    await expect(revokeShareLink(world.team.lead, { runId: run.id, linkId: link.id })).rejects.toMatchObject({ code: "conflict" });
  });

  it("gets the key charts on join and their live points only when the link was made with charts", async () => {
    const run = await makeRun(world.team.lead);
    const withCharts = await createShareLink(world.team.lead, { runId: run.id, label: "Charts", includeCharts: true });
    const without = await createShareLink(world.team.lead, { runId: run.id, label: "No charts" });
    const a = openStatus(withCharts.token);
    const b = openStatus(without.token);
    const joinA = await a.timeout(5000).emitWithAck("status:join", { afterSeq: 0 });
    const joinB = await b.timeout(5000).emitWithAck("status:join", { afterSeq: 0 });
    expect("data" in joinA && joinA.data.charts).toEqual({ series: [], rolloutMarks: [] });
    expect("data" in joinB && joinB.data.charts).toBeNull();
    const seenA: unknown[] = [];
    const seenB: unknown[] = [];
    a.on("metrics:samples", (d) => seenA.push(d));
    b.on("metrics:samples", (d) => seenB.push(d));
    broadcastMetricSamples({ runId: run.id, samples: [{ metric: "error_rate", stage: "canary", at: 1, value: 0.5 }, { metric: "cpu", stage: "overall", at: 1, value: 40 }] });
    await expect.poll(() => seenA.length).toBe(1);
    expect(seenA[0]).toEqual({ runId: run.id, samples: [{ metric: "error_rate", stage: "canary", at: 1, value: 0.5 }] });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seenB).toEqual([]);
  });

  it("is disconnected within a second of the link's expiry", async () => {
    const run = await makeRun(world.team.lead);
    const expiresAt = new Date(Date.now() + 1500);
    const { token } = await createShareLink(world.team.lead, { runId: run.id, label: "Short", expiresAt: expiresAt.toISOString() });
    const page = follow(openStatus(token), (await getPublicStatus(run.id))!);
    await page.untilConnection("live");
    await page.untilConnection("invalid", 3000);
    expect(Date.now() - expiresAt.getTime()).toBeLessThan(1000);
    expect(await outcome(openStatus(token))).toBe(LINK_INVALID);
  });
});
