// The truth about this instance for /api/health: is the database answering, what runs, since when.
import { db } from "./db/client";
import { runtime } from "./runtime";

export type THealth = {
  status: "ok" | "degraded";
  database: { status: "up" | "down"; latencyMs?: number; error?: string };
  version: string;
  uptimeSeconds: number;
};

const DATABASE_TIMEOUT_MS = 2000;

export async function checkHealth(now = Date.now()): Promise<THealth> {
  const { version, startedAt } = runtime();
  const started = Date.now();
  const database = await Promise.race([
    db().$queryRaw`SELECT 1`.then(() => ({ status: "up" as const, latencyMs: Date.now() - started })),
    new Promise<THealth["database"]>((resolve) =>
      setTimeout(() => resolve({ status: "down", error: "timed out" }), DATABASE_TIMEOUT_MS).unref(),
    ),
  ]).catch(() => ({ status: "down" as const, error: "unreachable" }));
  return {
    status: database.status === "up" ? "ok" : "degraded",
    database,
    version,
    uptimeSeconds: Math.round((now - startedAt.getTime()) / 1000),
  };
}
