// Cold start: `node dist/server.js` spawned and timed until /api/health answers 200 (database up,
// migrations checked, Next prepared, sockets attached). Three starts: with no DATABASE_URL on a fresh
// DATA_DIR (the embedded PostgreSQL's initdb included: the target), again on that DATA_DIR (a restart),
// and with DATABASE_URL on a fresh migrated database (the baseline: what embedding PostgreSQL adds).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { startServerProcess, stop } from "../../support/server-process";
import { createTestDatabase, openTestServer } from "../../support/test-database";
import type { TPortPool } from "../ports";
import type { TBenchRow } from "../table";
import type { TPart } from "./part";

const TARGET_S = 10;
const GIVE_UP_MS = 120_000;
/** Polling this often puts at most 10 ms on a figure measured in seconds. */
const POLL_MS = 10;

type TColdStart = { listeningMs: number; readyMs: number };

export const coldPart: TPart = async ({ ports }) => {
  console.log("cold        node dist/server.js → first HTTP answer (listening) → /api/health 200 (ready)");
  const dataDir = await mkdtemp(path.join(tmpdir(), "warroom-bench-cold-"));
  let embeddedFirst: TColdStart;
  let embeddedAgain: TColdStart;
  try {
    embeddedFirst = await timeStart(ports, { DATABASE_URL: undefined, DATA_DIR: dataDir }, "no DATABASE_URL, fresh DATA_DIR (initdb)");
    embeddedAgain = await timeStart(ports, { DATABASE_URL: undefined, DATA_DIR: dataDir }, "no DATABASE_URL, same DATA_DIR (restart)");
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const pgServer = await openTestServer();
  // Its own DATA_DIR too: with DATABASE_URL the server still keeps a generated auth secret there.
  const secretDir = await mkdtemp(path.join(tmpdir(), "warroom-bench-cold-"));
  let external: TColdStart;
  try {
    const database = await createTestDatabase(pgServer.adminUrl, "bench_cold");
    try {
      external = await timeStart(ports, { DATABASE_URL: database.url, DATA_DIR: secretDir }, "DATABASE_URL, fresh migrated database");
    } finally {
      await database.drop();
    }
  } finally {
    await pgServer.stop();
    await rm(secretDir, { recursive: true, force: true });
  }
  const seconds = (start: TColdStart) => ({ value: start.readyMs / 1000, unit: "s" as const });
  const label = "DATABASE_URL";
  return [
    {
      measure: "cold start, embedded PostgreSQL, first start",
      warroom: seconds(embeddedFirst),
      baseline: seconds(external),
      baselineLabel: label,
      relation: "diff",
      target: `≤ ${TARGET_S} s`,
      isMet: embeddedFirst.readyMs <= TARGET_S * 1000,
    },
    { measure: "cold start, embedded PostgreSQL, restart", warroom: seconds(embeddedAgain), baseline: seconds(external), baselineLabel: label, relation: "diff" },
  ] satisfies TBenchRow[];
};

async function timeStart(ports: TPortPool, env: Record<string, string | undefined>, label: string): Promise<TColdStart> {
  const port = await ports.next();
  const startedAt = performance.now();
  const server = await startServerProcess({ ...env, HOST: "127.0.0.1", LOG_LEVEL: "warn", NEXT_TELEMETRY_DISABLED: "1" }, port);
  let hasExited = false;
  void server.exited.then(() => (hasExited = true));
  let listeningMs: number | null = null;
  try {
    while (performance.now() - startedAt < GIVE_UP_MS) {
      if (hasExited) throw new Error(`server exited before it was ready:\n${server.output()}`);
      const status = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.status, () => 0);
      if (status !== 0) listeningMs ??= performance.now() - startedAt;
      if (status === 200) {
        const result = { listeningMs: listeningMs!, readyMs: performance.now() - startedAt };
        console.log(`cold        ${label}: listening ${(result.listeningMs / 1000).toFixed(2)} s · ready ${(result.readyMs / 1000).toFixed(2)} s`);
        return result;
      }
      await delay(POLL_MS);
    }
    throw new Error(`not ready within ${GIVE_UP_MS / 1000} s:\n${server.output()}`);
  } finally {
    await stop(server);
  }
}
