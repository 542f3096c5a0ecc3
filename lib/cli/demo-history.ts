// npm run demo:history: eight weeks of past deployments across three services (lib/demo/history-plan.ts)
// written into Warroom's database (DATABASE_URL, or the embedded one under DATA_DIR), so /insights
// has real content. Runs of an earlier demo:history are replaced. Warroom may be running beside it.
import "../server-only-in-node";
import { randomBytes } from "node:crypto";
import { openDatabase } from "../db/boot";
import { disconnectDb } from "../db/client";
import { applyMigrations } from "../db/migrate";
import { seedHistory } from "../demo/seed-history";
import { parseEnv } from "../env";
import { setRuntime } from "../runtime";

async function main(): Promise<void> {
  const env = parseEnv();
  const database = await openDatabase(env);
  try {
    await applyMigrations(database.url);
    // Only rows are written here, no session is signed: a throwaway secret is enough.
    setRuntime({ databaseUrl: database.url, authSecret: randomBytes(32).toString("hex"), appUrl: env.APP_URL ?? `http://localhost:${env.PORT}`, signInRateLimit: 10, startedAt: new Date(), version: "demo-history" });
    const summary = await seedHistory();
    console.log(`[demo:history] ${summary.runs} past runs across ${summary.services.join(", ")}${summary.replaced ? ` (replaced ${summary.replaced} from before)` : ""}: open /insights`);
  } finally {
    await disconnectDb();
    await database.stop();
  }
}

main().catch((error: Error) => {
  console.error(`[demo:history] ${error.message}`);
  process.exit(1);
});
