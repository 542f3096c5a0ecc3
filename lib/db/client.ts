// The one Prisma client of the process, created on first use and cached on globalThis so that
// server.ts and Next's bundles (which load this module separately) share it and its pool.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { runtime } from "../runtime";
import { serializeTransactions } from "./serialized-transactions";

const store = globalThis as typeof globalThis & { __warroomPrisma?: PrismaClient };

export function db(): PrismaClient {
  store.__warroomPrisma ??= new PrismaClient({
    adapter: serializeTransactions(new PrismaPg({ connectionString: runtime().databaseUrl, max: 10 })),
  });
  return store.__warroomPrisma;
}

export async function disconnectDb(): Promise<void> {
  const client = store.__warroomPrisma;
  store.__warroomPrisma = undefined;
  await client?.$disconnect();
}

/**
 * For transactions that write a whole runbook (a template or a run: phases, sections and ~150 items).
 * Prisma's default 5 s is ample on a quiet host, but on a busy one such a write outlasted it and the
 * run or template was refused for nothing; waiting longer is better than failing a lead's "New run".
 */
export const RUNBOOK_WRITE = { timeout: 30_000, maxWait: 10_000 } as const;
