// PostgreSQL restarted under a running Warroom: while it is down, health says so and changes fail
// with a clear "unavailable" (nothing half-written); when it returns, Warroom recovers by itself.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { io as connect } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../../lib/db/client";
import { freePort, startEmbeddedDatabase, type TEmbeddedDatabase } from "../../lib/db/embedded";
import type { TAck } from "../../lib/realtime/events";
import type { TClientSocket } from "../../lib/realtime/client/client";
import { setRuntime } from "../../lib/runtime";
import { makeRun, makeTeam } from "../support/factories";
import { signInOverHttp } from "../support/http-sign-in";
import { startServerProcess, stop, waitUntilHealthy, type TServerProcess } from "../support/server-process";

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

const health = (port: number) => fetch(`http://127.0.0.1:${port}/api/health`).then(async (r) => ({ status: r.status, body: await r.json() }));

async function until<T>(probe: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined as T);
    if (value !== undefined && accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("database restart under a running server", () => {
  it("answers 503 with a clear error while PostgreSQL is down and recovers by itself when it returns", async () => {
    const pgDir = await mkdtemp(path.join(tmpdir(), "warroom-pg-restart-"));
    cleanups.push(() => rm(pgDir, { recursive: true, force: true }));
    const pgPort = await freePort();
    let pg: TEmbeddedDatabase | null = await startEmbeddedDatabase(pgDir, { port: pgPort });
    cleanups.push(async () => pg?.stop());

    const dataDir = await mkdtemp(path.join(tmpdir(), "warroom-data-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const authSecret = randomBytes(32).toString("hex");
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const server: TServerProcess = await startServerProcess(
      { DATABASE_URL: pg.url, DATA_DIR: dataDir, AUTH_SECRET: authSecret, APP_URL: baseUrl, HOST: "127.0.0.1", SIGN_IN_RATE_LIMIT: "1000", LOG_LEVEL: "warn" },
      port,
    );
    cleanups.push(() => stop(server));
    await waitUntilHealthy(server);

    // A team and a run, written with the library code on the server's (migrated) database.
    setRuntime({ databaseUrl: pg.url, authSecret, appUrl: baseUrl, signInRateLimit: 1000, startedAt: new Date(), version: "test" });
    const team = await makeTeam();
    const run = await makeRun(team.lead);
    const items = await db().runItem.findMany({ where: { section: { phase: { runId: run.id }, intervalMinutes: null } }, take: 2 });
    const { email } = await db().user.findUniqueOrThrow({ where: { id: team.lead.id } });
    await disconnectDb();
    const cookie = await signInOverHttp(baseUrl, email);
    const socket = connect(baseUrl, { transports: ["websocket"], extraHeaders: { cookie, origin: baseUrl } }) as TClientSocket;
    cleanups.push(async () => socket.close());
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    const tick = (itemId: string, commandId: string) =>
      socket.timeout(15_000).emitWithAck("item:change", { runId: run.id, itemId, version: 0, action: { kind: "done" }, commandId }) as Promise<TAck<{ seq: number }>>;

    expect(await tick(items[0].id, "restart-tick-1")).toEqual({ data: { seq: 2 } });

    await pg.stop();
    pg = null;
    const down = await until(() => health(port), (h) => h.status === 503, "health to report the database down");
    expect(down.body.database.status).toBe("down");
    expect(await tick(items[1].id, "restart-tick-2")).toEqual({
      error: { code: "unavailable", message: "The database is unavailable; try again shortly." },
    });
    const snapshotWhileDown = await fetch(`${baseUrl}/api/runs/${run.id}`, { headers: { cookie } });
    expect(snapshotWhileDown.status).toBe(503);
    expect(server.child.exitCode).toBeNull(); // still running

    pg = await startEmbeddedDatabase(pgDir, { port: pgPort });
    await until(() => health(port), (h) => h.status === 200, "health to recover");
    // The refused change was not half-written: retrying it with the same key applies it once.
    expect(await tick(items[1].id, "restart-tick-2")).toEqual({ data: { seq: 3 } });
    const snapshot = await until(
      () => fetch(`${baseUrl}/api/runs/${run.id}`, { headers: { cookie } }).then((r) => (r.ok ? r.json() : null)),
      (s) => s !== null,
      "the run to be readable again",
    );
    expect(snapshot.lastSeq).toBe(3);
  }, 180_000);
});
