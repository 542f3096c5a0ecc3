// Playwright's web server: a fresh, empty database for every run, then the app started the README
// way (`npm start`). With DATABASE_URL the database warroom_e2e is recreated on that server; without
// it the embedded PostgreSQL starts in an emptied DATA_DIR. Plain JavaScript so it runs before
// anything is compiled.
import { spawn } from "node:child_process";
import { chmod, mkdir, rm } from "node:fs/promises";
import pg from "pg";
import { e2eDatabaseName, e2eDataDir, e2ePort } from "./e2e-target.mjs";

const port = e2ePort();
const E2E_DATABASE = e2eDatabaseName(port);

/** Drops and recreates warroom_e2e on the server DATABASE_URL points at; returns its URL. */
async function recreateDatabase(serverUrl) {
  const admin = new URL(serverUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${E2E_DATABASE} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${E2E_DATABASE}`);
  } finally {
    await client.end();
  }
  const target = new URL(serverUrl);
  target.pathname = `/${E2E_DATABASE}`;
  return target.toString();
}

// Always a temporary DATA_DIR: the generated auth secret (and the embedded PostgreSQL, when used)
// stay out of the developer's own .data. Its place is known by port, so specs can read the embedded
// PostgreSQL's URL there; whatever an earlier run left in it goes first.
const dataDir = e2eDataDir(port);
await rm(dataDir, { recursive: true, force: true });
await mkdir(dataDir, { recursive: true });
// As root, PostgreSQL runs as the "postgres" user, which must be able to reach DATA_DIR/pg.
await chmod(dataDir, 0o755);

const env = {
  ...process.env,
  PORT: port,
  APP_URL: `http://localhost:${port}`,
  DATA_DIR: dataDir,
  SIGN_IN_RATE_LIMIT: "30",
  NEXT_TELEMETRY_DISABLED: "1",
};
if (process.env.DATABASE_URL) {
  env.DATABASE_URL = await recreateDatabase(process.env.DATABASE_URL);
  console.log(`[e2e] fresh database ${E2E_DATABASE} on ${new URL(env.DATABASE_URL).host}`);
} else {
  delete env.DATABASE_URL;
  console.log(`[e2e] embedded PostgreSQL in ${dataDir}`);
}

const child = spawn("npm", ["start"], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", async (code, signal) => {
  await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
  process.exit(code ?? (signal ? 1 : 0));
});
