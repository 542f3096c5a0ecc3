// Everything bench:tick measures against, made for one run and thrown away after: a fresh migrated
// database (on DATABASE_URL's server, else an embedded PostgreSQL), a team and a run made with the
// library code, the production server started the `npm start` way, and signed-in sessions.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { TRole } from "../domain/roles";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { signInOverHttp } from "../../e2e/support/http-sign-in";
import { stop, waitUntilHealthy, type TServerProcess } from "../../e2e/support/server-process";
import { createTestDatabase, openTestServer } from "../../e2e/support/test-database";
import { db, disconnectDb } from "../db/client";
import { freePort } from "../db/embedded";
import { redactUrl } from "../log";
import { setRuntime } from "../runtime";

// A first start may build the app (start.mjs rebuilds when sources changed): allow for it.
const SERVER_READY_TIMEOUT_MS = 300_000;

export type TBenchItem = { id: string; version: number; state: string };

export type TTickFixture = {
  baseUrl: string;
  runId: string;
  items: TBenchItem[];
  cookies: Record<Exclude<TRole, "admin">, string>;
  databaseLabel: string;
  close: () => Promise<void>;
};

export async function startTickFixture(options: { port?: number }): Promise<TTickFixture> {
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch((error: Error) => console.error(`[bench] cleanup: ${error.message}`));
    closers.length = 0;
  };
  try {
    const pgServer = await openTestServer();
    closers.push(pgServer.stop);
    const database = await createTestDatabase(pgServer.adminUrl, "bench");
    closers.push(database.drop);
    const databaseLabel = process.env.DATABASE_URL
      ? `fresh database on ${redactUrl(database.url)}`
      : `fresh database on an embedded PostgreSQL (${new URL(database.url).host})`;

    const port = options.port ?? (await freePort());
    const baseUrl = `http://127.0.0.1:${port}`;
    const authSecret = randomBytes(32).toString("hex");
    const { runId, items, emails } = await makeData({ databaseUrl: database.url, appUrl: baseUrl, authSecret });

    const server = startServer({
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: baseUrl,
      AUTH_SECRET: authSecret,
      SIGN_IN_RATE_LIMIT: "10000",
      LOG_LEVEL: "warn",
    }, port);
    closers.push(() => stop(server));
    await waitUntilHealthy(server, SERVER_READY_TIMEOUT_MS);

    const [lead, member, viewer] = await Promise.all(
      [emails.lead, emails.member, emails.viewer].map((email) => signInOverHttp(baseUrl, email)),
    );
    return { baseUrl, runId, items, cookies: { lead, member, viewer }, databaseLabel, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Users and a run from the seeded runbook, written with the library code, then the pool closed. */
async function makeData(config: { databaseUrl: string; appUrl: string; authSecret: string }) {
  setRuntime({ ...config, signInRateLimit: 10_000, startedAt: new Date(), version: "bench" });
  try {
    const team = await makeTeam();
    const run = await makeRun(team.lead, { name: "bench:tick" });
    const items = await db().runItem.findMany({
      // Recurring checks are recorded in rounds, not ticked item by item.
      where: { section: { phase: { runId: run.id }, intervalMinutes: null } },
      select: { id: true, version: true, state: true },
      orderBy: [{ section: { phase: { position: "asc" } } }, { section: { position: "asc" } }, { position: "asc" }],
    });
    if (items.length === 0) throw new Error("the seeded run has no items that can be ticked");
    const users = await db().user.findMany({ where: { id: { in: [team.lead.id, team.member.id, team.viewer.id] } } });
    const emailOf = (id: string) => users.find((u) => u.id === id)!.email;
    const emails = { lead: emailOf(team.lead.id), member: emailOf(team.member.id), viewer: emailOf(team.viewer.id) };
    return { runId: run.id, items, emails };
  } finally {
    await disconnectDb();
  }
}

/** `node lib/cli/start.mjs`, exactly what `npm start` runs: builds if stale, then dist/server.js in production. */
function startServer(env: Record<string, string>, port: number): TServerProcess {
  const child = spawn(process.execPath, ["lib/cli/start.mjs"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, port, output: () => output, exited };
}
