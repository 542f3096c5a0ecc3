// One page of the runs list: filtered in the database and paged by keyset, newest first by
// (createdAt, id), so the tenth page costs what the first does (Run_createdAt_id_idx, or
// Run_status_createdAt_idx / Run_service_createdAt_id_idx when narrowed).
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db/client";
import { plannedStartWindow, RUNS_PAGE_SIZE, type TRunsCursor, type TRunsFilter } from "../domain/runs-filter";
import type { TRunStatus } from "../domain/run-status";

export type TRunsPage = {
  runs: { id: string; name: string; service: string; targetVersion: string; status: TRunStatus; plannedStart: Date; createdAt: Date }[];
  /** The cursor of the next (older) page; null on the last page. */
  next: TRunsCursor | null;
};

/** Text search matches the words as typed: LIKE's wildcards in them are matched literally. */
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export function runsWhere(filter: TRunsFilter): Prisma.RunWhereInput {
  const and: Prisma.RunWhereInput[] = [];
  if (filter.status) and.push({ status: filter.status });
  if (filter.service) and.push({ service: { equals: filter.service, mode: "insensitive" } });
  if (filter.q) {
    const contains = { contains: literal(filter.q), mode: "insensitive" } as const;
    and.push({ OR: [{ name: contains }, { service: contains }, { targetVersion: contains }] });
  }
  if (filter.from || filter.to) and.push({ plannedStart: plannedStartWindow(filter) });
  if (filter.after) {
    const at = new Date(filter.after.createdAt);
    // (createdAt, id) < cursor, written so that `createdAt <= at` bounds the index scan.
    and.push({ createdAt: { lte: at } }, { OR: [{ createdAt: { lt: at } }, { id: { lt: filter.after.id } }] });
  }
  return { AND: and };
}

export async function listRunsPage(filter: TRunsFilter, pageSize = RUNS_PAGE_SIZE): Promise<TRunsPage> {
  const rows = await db().run.findMany({
    where: runsWhere(filter),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: pageSize + 1,
    select: { id: true, name: true, service: true, targetVersion: true, status: true, plannedStart: true, createdAt: true },
  });
  const runs = rows.slice(0, pageSize).map((r) => ({ ...r, status: r.status as TRunStatus }));
  const last = runs.at(-1);
  return { runs, next: rows.length > pageSize && last ? { createdAt: last.createdAt.toISOString(), id: last.id } : null };
}
