// Throwaway databases for tests: on the PostgreSQL server at DATABASE_URL when set (the machine's
// or CI's), else on one embedded PostgreSQL started for the test run. Each gets a fresh, migrated
// database named warroom_test_*, dropped afterwards.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { startEmbeddedDatabase, type TEmbeddedDatabase } from "../../lib/db/embedded";
import { applyMigrations } from "../../lib/db/migrate";

export type TTestServer = { adminUrl: string; stop: () => Promise<void> };
export type TTestDatabase = { url: string; drop: () => Promise<void> };

/** The server to create test databases on (its own maintenance database as the admin URL). */
export async function openTestServer(): Promise<TTestServer> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    const admin = new URL(configured);
    admin.pathname = "/postgres";
    return { adminUrl: admin.toString(), stop: async () => undefined };
  }
  const dir = await mkdtemp(path.join(tmpdir(), "warroom-test-pg-"));
  const embedded: TEmbeddedDatabase = await startEmbeddedDatabase(dir);
  const admin = new URL(embedded.url);
  admin.pathname = "/postgres";
  return {
    adminUrl: admin.toString(),
    stop: async () => {
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function createTestDatabase(adminUrl: string, label = "t"): Promise<TTestDatabase> {
  const name = `warroom_test_${label.replace(/\W/g, "").slice(0, 20)}_${randomBytes(4).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  return {
    url: url.toString(),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
