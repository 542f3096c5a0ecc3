// Prisma loads a query's relations side by side; inside a transaction that used to put several
// queries on one pg connection at once (pg's "already executing a query" deprecation, an error in
// pg 9). The app's client sends them in turn; a bare PrismaPg client still shows the problem, which
// proves the check can see it (when that part fails, Prisma has fixed it and the wrapper can go).
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { PrismaClient } from "../generated/prisma/client";
import { db } from "./client";

const database = useTestDatabase("serialized");
const CONCURRENT_QUERY = /already executing a query/;

/**
 * The warnings `work` makes the process emit, collected instead of printed (an expected one stays off
 * the output; an unexpected one shows in the failed assertion). They arrive on a later tick.
 */
async function warningsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const printers = process.listeners("warning");
  process.removeAllListeners("warning");
  const collect = (warning: Error) => seen.push(`${warning.name}: ${warning.message}`);
  process.on("warning", collect);
  try {
    await work();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off("warning", collect);
    for (const printer of printers) process.on("warning", printer);
  }
  return seen;
}

/** A read with three relations inside an interactive transaction: three child queries at once. */
const readRunWithRelations = (client: PrismaClient, runId: string) =>
  client.$transaction((tx) => tx.run.findUniqueOrThrow({ where: { id: runId }, include: { roles: true, phases: true, events: true } }));

describe("interactive transactions on one connection", () => {
  let runId = "";
  let bare: PrismaClient;

  beforeAll(async () => {
    const team = await makeTeam();
    runId = (await makeRun(team.lead)).id;
    bare = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url(), max: 2 }) });
  });
  afterAll(() => bare?.$disconnect());

  it("the app's client reads a run with its relations in a transaction without a concurrent-query warning", async () => {
    let phases = 0;
    const warnings = await warningsDuring(async () => {
      for (let i = 0; i < 3; i++) phases = (await readRunWithRelations(db(), runId)).phases.length;
    });
    expect(phases).toBeGreaterThan(0);
    expect(warnings.filter((w) => CONCURRENT_QUERY.test(w))).toEqual([]);
  });

  it("a bare PrismaPg client still sends them at once (the case the wrapper exists for)", async () => {
    const warnings = await warningsDuring(() => readRunWithRelations(bare, runId));
    expect(warnings.some((w) => CONCURRENT_QUERY.test(w)), "Prisma now loads relations in turn: remove lib/db/serialized-transactions.ts").toBe(true);
  });
});
