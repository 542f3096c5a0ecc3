// The one way a demo seeder (demo:week, demo:history) reaches the database: DATABASE_URL, else the
// embedded one in DATA_DIR — the running server's when Warroom is up on it, or one started for the
// command. Migrations first, then the seeder; its one-line summary or its error, prefixed by name.
import "../server-only-in-node";
import { randomBytes } from "node:crypto";
import { disconnectDb } from "../db/client";
import { applyMigrations } from "../db/migrate";
import { parseEnv } from "../env";
import { setRuntime } from "../runtime";
import { openToolDatabase } from "./tool-database";

/** `seed` gets the app's URL (for links in its summary) and returns the line to print. */
export function runSeedCommand(name: string, seed: (appUrl: string) => Promise<string>): void {
  const main = async () => {
    const env = parseEnv();
    const appUrl = (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
    const database = await openToolDatabase(env);
    try {
      await applyMigrations(database.url);
      // Only rows are written, no session is signed: a throwaway secret is enough.
      setRuntime({ databaseUrl: database.url, authSecret: randomBytes(32).toString("hex"), appUrl, signInRateLimit: 10, startedAt: new Date(), version: name });
      console.log(`[${name}] ${await seed(appUrl)}`);
    } finally {
      await disconnectDb();
      await database.stop();
    }
  };
  main().catch((error: Error) => {
    console.error(`[${name}] ${error.message}`);
    process.exit(1);
  });
}
