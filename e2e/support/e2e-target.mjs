// Where the e2e server keeps its database, by port, so the start script (start-e2e-server.mjs) and
// the specs that arrange a run's clock in that database (e2e-database.ts) find the same one. Plain
// JavaScript: the start script runs before anything is compiled.
import { tmpdir } from "node:os";
import path from "node:path";

/** The port of the e2e server (Playwright's config and the start script read the same variable). */
export function e2ePort() {
  return process.env.E2E_PORT ?? "3210";
}

/** With DATABASE_URL: one database per port, so runs on different ports never share (or drop) data. */
export function e2eDatabaseName(port) {
  return port === "3210" ? "warroom_e2e" : `warroom_e2e_${port}`;
}

/** DATA_DIR of the server on `port`, emptied at each start: auth secret, and the embedded PostgreSQL. */
export function e2eDataDir(port) {
  return path.join(tmpdir(), `warroom-e2e-${port}`);
}
