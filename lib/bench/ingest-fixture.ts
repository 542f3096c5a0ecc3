// What bench:ingest measures against, made for one run and thrown away after: a fresh migrated
// database (on DATABASE_URL's server, else an embedded PostgreSQL), a team, N runs each with an API
// token, one more run for the baseline inserts and one for the chart query, the production server
// started the `npm start` way, and a lead's session for reading charts over HTTP.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { makeRun, makeTeam, PASSWORD } from "../../e2e/support/factories";
import { stop, waitUntilHealthy, type TServerProcess } from "../../e2e/support/server-process";
import { createTestDatabase, openTestServer } from "../../e2e/support/test-database";
import { db, disconnectDb } from "../db/client";
import { freePort } from "../db/embedded";
import { redactUrl } from "../log";
import { createApiToken } from "../metrics/tokens";
import { setRuntime } from "../runtime";
import type { TBenchRun } from "./ingest-load";

const SERVER_READY_TIMEOUT_MS = 300_000;

export type TIngestFixture = {
  baseUrl: string;
  databaseUrl: string;
  databaseLabel: string;
  runs: TBenchRun[];
  baselineRunId: string;
  chartRunId: string;
  leadCookie: string;
  close: () => Promise<void>;
};

export async function startIngestFixture(options: { runs: number; port?: number }): Promise<TIngestFixture> {
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch((error: Error) => console.error(`[bench] cleanup: ${error.message}`));
    closers.length = 0;
  };
  try {
    const pgServer = await openTestServer();
    closers.push(pgServer.stop);
    const database = await createTestDatabase(pgServer.adminUrl, "bench_ingest");
    closers.push(database.drop);
    const databaseLabel = process.env.DATABASE_URL
      ? `fresh database on ${redactUrl(database.url)}`
      : `fresh database on an embedded PostgreSQL (${new URL(database.url).host})`;
    const port = options.port ?? (await freePort());
    const baseUrl = `http://127.0.0.1:${port}`;
    const authSecret = randomBytes(32).toString("hex");

    setRuntime({ databaseUrl: database.url, authSecret, appUrl: baseUrl, signInRateLimit: 10_000, startedAt: new Date(), version: "bench" });
    const team = await makeTeam();
    const runs: TBenchRun[] = [];
    for (let i = 0; i < options.runs; i++) {
      const run = await makeRun(team.lead, { name: `bench:ingest ${i + 1}` });
      runs.push({ runId: run.id, token: (await createApiToken(team.lead, { runId: run.id, name: "bench" })).token });
    }
    const baselineRunId = (await makeRun(team.lead, { name: "bench:ingest raw pg baseline" })).id;
    const chartRunId = (await makeRun(team.lead, { name: "bench:ingest chart query" })).id;
    const leadEmail = (await db().user.findUniqueOrThrow({ where: { id: team.lead.id } })).email;
    // The server gets its own pool; this process keeps the runtime for the chart query timing.
    await disconnectDb();

    const server = startServer(
      { DATABASE_URL: database.url, PORT: String(port), HOST: "127.0.0.1", APP_URL: baseUrl, AUTH_SECRET: authSecret, SIGN_IN_RATE_LIMIT: "10000", LOG_LEVEL: "warn" },
      port,
    );
    closers.push(() => stop(server));
    await waitUntilHealthy(server, SERVER_READY_TIMEOUT_MS);
    const leadCookie = await signIn(baseUrl, leadEmail);
    closers.push(() => disconnectDb());
    return { baseUrl, databaseUrl: database.url, databaseLabel, runs, baselineRunId, chartRunId, leadCookie, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** `node lib/cli/start.mjs`, exactly what `npm start` runs: builds if stale, then dist/server.js in production. */
function startServer(env: Record<string, string>, port: number): TServerProcess {
  const child = spawn(process.execPath, ["lib/cli/start.mjs"], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, port, output: () => output, exited };
}

async function signIn(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in as ${email} failed: HTTP ${response.status} ${await response.text()}`);
  return response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}
