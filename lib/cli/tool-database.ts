// The database a maintenance command (db:backup, db:restore) works on: DATABASE_URL, else the
// embedded one under DATA_DIR — the running server's when Warroom is up on it (its URL is in
// DATA_DIR/embedded-pg-url), or one started for the command and stopped after it.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { openDatabase, type TDatabaseHandle } from "../db/boot";
import { EMBEDDED_URL_FILE } from "../db/embedded";
import { assertDatabaseReachable } from "../db/reachability";
import type { TEnv } from "../env";

export type TToolDatabase = TDatabaseHandle & { isServerRunning: boolean };

export async function openToolDatabase(env: Pick<TEnv, "DATABASE_URL" | "DATA_DIR">): Promise<TToolDatabase> {
  if (!env.DATABASE_URL) {
    const urlFile = path.resolve(env.DATA_DIR, EMBEDDED_URL_FILE);
    if (existsSync(urlFile)) {
      const url = (await readFile(urlFile, "utf8")).trim();
      // A file left by a server that was killed points at nothing: then start the database here.
      const isUp = await assertDatabaseReachable(url, 2000).then(() => true, () => false);
      if (isUp) return { url, isEmbedded: true, isServerRunning: true, stop: async () => undefined };
    }
  }
  return { ...(await openDatabase(env)), isServerRunning: false };
}
