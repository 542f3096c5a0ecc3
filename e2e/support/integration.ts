// Per test file: a fresh migrated database wired into the runtime, like server.ts would do.
import { afterAll, beforeAll, inject } from "vitest";
import { disconnectDb } from "../../lib/db/client";
import { stopMetricsMonitor } from "../../lib/metrics/monitor";
import { setRuntime } from "../../lib/runtime";
import { createTestDatabase, type TTestDatabase } from "./test-database";

export const TEST_APP_URL = "http://localhost:3999";

export function useTestDatabase(label: string, options: { signInRateLimit?: number } = {}) {
  let database: TTestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(inject("pgAdminUrl"), label);
    setRuntime({
      databaseUrl: database.url,
      authSecret: "test-secret-test-secret-test-secret-0123",
      appUrl: TEST_APP_URL,
      signInRateLimit: options.signInRateLimit ?? 1000,
      startedAt: new Date(),
      version: "test",
    });
    (globalThis as { __warroomAuth?: unknown }).__warroomAuth = undefined;
  });
  afterAll(async () => {
    // A test that pushed samples left the monitor judging its runs: stopped first, it does not try
    // (and log failing) to evaluate on a database being dropped.
    await stopMetricsMonitor();
    await disconnectDb();
    await database?.drop();
  });
  return { url: () => database.url };
}
