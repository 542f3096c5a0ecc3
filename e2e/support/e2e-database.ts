// The database of the running e2e server, for specs that arrange what a test cannot wait for (a
// run's clock hours in). With DATABASE_URL it is that server's e2e database; without, the embedded
// PostgreSQL that `npm start` started, whose URL it writes beside its data.
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { EMBEDDED_URL_FILE } from "../../lib/db/embedded";
import { e2eDatabaseName, e2eDataDir, e2ePort } from "./e2e-target.mjs";

export function e2eDatabaseUrl(): string {
  const port = e2ePort();
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${e2eDatabaseName(port)}`;
    return url.toString();
  }
  return readFileSync(path.join(e2eDataDir(port), EMBEDDED_URL_FILE), "utf8").trim();
}

/** Runs `work` on a connection of its own to the e2e database. */
export async function withE2eDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
