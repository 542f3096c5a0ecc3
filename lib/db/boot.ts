// Decides which PostgreSQL Warroom talks to: DATABASE_URL when set (checked reachable), else the
// embedded one under DATA_DIR. Used by server.ts and every CLI so they agree.
import type { TEnv } from "../env";
import { startEmbeddedDatabase } from "./embedded";
import { assertDatabaseReachable } from "./reachability";

export type TDatabaseHandle = { url: string; isEmbedded: boolean; stop: () => Promise<void> };

export async function openDatabase(env: Pick<TEnv, "DATABASE_URL" | "DATA_DIR">): Promise<TDatabaseHandle> {
  if (env.DATABASE_URL) {
    await assertDatabaseReachable(env.DATABASE_URL);
    return { url: env.DATABASE_URL, isEmbedded: false, stop: async () => undefined };
  }
  const embedded = await startEmbeddedDatabase(env.DATA_DIR);
  return { url: embedded.url, isEmbedded: true, stop: embedded.stop };
}
