// The authorization matrix: every mutation Warroom exposes (socket event, route handler, server
// action) × every kind of caller (admin, lead, member, viewer, share-link holder, metric-token
// holder, and nobody at all). Expected outcomes come from the one permission table
// (lib/domain/roles.ts PERMISSIONS); each entry (lib/auth/authorization-matrix/*-entries.ts) only
// names which permission its mutation needs and how to make a valid call. Allowed callers must
// succeed (and change the database); everyone else must be refused with nothing changed. The list of
// mutations is discovered from the running code (the socket server's registered events,
// app/api/**/route.ts, every "use server" module): a mutation added without an entry fails the first
// test here. The entries are tried in authorization-matrix-{sockets,routes,actions}.int.test.ts.
import { io as connect } from "socket.io-client";
import { describe, expect, it, vi } from "vitest";
import { dbChangesSince, dbMark } from "../../e2e/support/db-changes";
import { can } from "../domain/roles";
import { createApiToken } from "../metrics/tokens";
import { STATUS_NAMESPACE } from "../realtime/events";
import { createShareLink } from "../share/server/share-links";
import { ACTION_ENTRIES } from "./authorization-matrix/action-entries";
import { freshRun, openRound, runAtGoNoGo } from "./authorization-matrix/arrange";
import { discoverMutations } from "./authorization-matrix/discover";
import { ROUTE_ENTRIES } from "./authorization-matrix/route-entries";
import { SOCKET_ENTRIES } from "./authorization-matrix/socket-entries";
import { useMatrixWorld, world } from "./authorization-matrix/world";

vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => import("./authorization-matrix/caller-request").then((m) => m.nextHeadersMock));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

useMatrixWorld("authz_matrix");

const MATRIX = { ...SOCKET_ENTRIES, ...ROUTE_ENTRIES, ...ACTION_ENTRIES };

describe("the authorization matrix", () => {
  it("has an entry for every socket event, route handler and server action (and none for what does not exist)", async () => {
    const discovered = await discoverMutations();
    const listed = Object.keys(MATRIX).sort();
    expect(discovered.filter((m) => !listed.includes(m)), "mutations without a matrix entry: add them to MATRIX").toEqual([]);
    expect(listed.filter((m) => !discovered.includes(m)), "matrix entries for mutations that no longer exist").toEqual([]);
  });

  it("names only permissions that are in the table", () => {
    for (const [key, entry] of Object.entries(MATRIX)) {
      if (entry.permission === "anyone" || entry.permission === "nobody" || entry.permission === "own session") continue;
      expect(can("admin", entry.permission) || can("share_link", entry.permission) || can("metric_token", entry.permission), key).toBe(true);
    }
  });

  it("a lead who does not hold the position cannot vote for it", async () => {
    const run = await runAtGoNoGo(world.team.member);
    const pollId = await openRound(run.id);
    const mark = await dbMark();
    const reply = await world.sockets.get("lead")!.timeout(5000).emitWithAck("poll:vote", { runId: run.id, pollId, position: "deployment_lead", answers: [{ questionIndex: 0, answer: "go", version: 0 }] });
    expect(reply).toMatchObject({ error: { code: "forbidden" } });
    expect(await dbChangesSince(mark)).toEqual([]);
  });

  it("a metric token pushes only to its own run, and a share link follows only its own run", async () => {
    const mine = await freshRun();
    const other = await freshRun();
    const { token } = await createApiToken(world.team.lead, { runId: mine.id, name: "mine" });
    const mark = await dbMark();
    const outcome = await MATRIX["route POST /api/runs/[id]/metrics"].call({ caller: "metric_token", run: other, metricToken: token }, { metric: "error_rate", value: 1, timestamp: new Date().toISOString() });
    expect(outcome).toEqual({ ok: false, code: "unauthenticated" });
    expect(await dbChangesSince(mark)).toEqual([]);
    // A share link's socket is bound to its run when it connects: whatever it asks, it gets that run.
    const link = await createShareLink(world.team.lead, { runId: mine.id, label: "mine" });
    const socket = connect(`${world.baseUrl}${STATUS_NAMESPACE}`, { transports: ["websocket"], forceNew: true, auth: { token: link.token } });
    const reply = (await socket.timeout(5000).emitWithAck("status:join", { afterSeq: 0 })) as { data: { events: { runId: string }[] } };
    socket.close();
    expect(reply.data.events.length).toBeGreaterThan(0);
    expect(new Set(reply.data.events.map((e) => e.runId))).toEqual(new Set([mine.id]));
  });
});
