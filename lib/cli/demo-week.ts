// npm run demo:week: puts a week of runs across three services in the database (lib/demo/seed-week.ts)
// so /now and /calendar show them — with one conflict and one freeze. Uses DATABASE_URL, or the
// embedded PostgreSQL in DATA_DIR when Warroom is not running on it.
import "../server-only-in-node";
import { randomBytes } from "node:crypto";
import { openDatabase } from "../db/boot";
import { disconnectDb } from "../db/client";
import { applyMigrations } from "../db/migrate";
import { seedDemoWeek } from "../demo/seed-week";
import { parseEnv } from "../env";
import { setRuntime } from "../runtime";

async function main(): Promise<void> {
  const env = parseEnv();
  const url = (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
  const database = await openDatabase(env);
  try {
    await applyMigrations(database.url);
    // Only rows are written; no session is signed here, so a throwaway secret is enough.
    setRuntime({ databaseUrl: database.url, authSecret: randomBytes(32).toString("hex"), appUrl: url, signInRateLimit: 10, startedAt: new Date(), version: "demo" });
    const seeded = await seedDemoWeek();
    console.log(`[demo:week] ${seeded.created} runs created, ${seeded.existing} already there; open ${url}/now and ${url}/calendar`);
  } finally {
    await disconnectDb();
    await database.stop();
  }
}

main().catch((error: Error) => {
  console.error(`[demo:week] ${error.message}`);
  process.exit(1);
});
