// The one Prisma client of the process, created on first use and cached on globalThis so that
// server.ts and Next's bundles (which load this module separately) share it and its pool.
import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { PrismaClient } from "../generated/prisma/client";
import { runtime } from "../runtime";
import { serializeTransactions } from "./serialized-transactions";

const store = globalThis as typeof globalThis & { __warroomPrisma?: PrismaClient; __warroomPool?: Pool };

export function db(): PrismaClient {
  if (!store.__warroomPrisma) {
    // Our own pool (rather than the adapter's) so /metrics can read its usage; the adapter ends it on disconnect.
    const pool = new Pool({ connectionString: runtime().databaseUrl, max: 10 });
    store.__warroomPool = pool;
    store.__warroomPrisma = new PrismaClient({ adapter: serializeTransactions(new PrismaPg(pool, { disposeExternalPool: true })) });
  }
  return store.__warroomPrisma;
}

/** The shared pool's connections (busy = checked out) and the queries waiting for one; null before first use. */
export function poolUsage(): { max: number; busy: number; idle: number; waiting: number } | null {
  const pool = store.__warroomPool;
  if (!pool) return null;
  return { max: pool.options.max ?? 10, busy: pool.totalCount - pool.idleCount, idle: pool.idleCount, waiting: pool.waitingCount };
}

export async function disconnectDb(): Promise<void> {
  const client = store.__warroomPrisma;
  store.__warroomPrisma = undefined;
  store.__warroomPool = undefined;
  await client?.$disconnect();
}

/**
 * For transactions that write a whole runbook (a template or a run: phases, sections and ~150 items).
 * Prisma's default 5 s is ample on a quiet host, but on a busy one such a write outlasted it and the
 * run or template was refused for nothing; waiting longer is better than failing a lead's "New run".
 */
export const RUNBOOK_WRITE = { timeout: 30_000, maxWait: 10_000 } as const;
