// The control tower's board (/now): every run under way and today's, each as the snapshot the war
// room folds (less its timeline, comms and decision trees), the week's upcoming windows with their
// conflicts, and the locks and freezes. Read whole on each change: the tower's rows are few.
import "server-only";
import { db } from "../db/client";
import type { TRunStatus } from "../domain/run-status";
import { TOWER_HORIZON_MS, towerFreezes, type TTowerBoard, type TTowerRun } from "../domain/tower";
import type { RunStatus } from "../generated/prisma/client";
import { listGuards } from "../locks/queries";
import { getRunSnapshot } from "../runs/queries";
import { plannedRunsBetween } from "./windows";

const DAY_MS = 24 * 60 * 60_000;
/** Under way: started and not over (planned and rescheduled runs wait; the end states are history). */
const UNDER_WAY: TRunStatus[] = ["pre_deployment", "staging", "smoke_tests", "go_no_go", "production", "validation", "monitoring"];
/** A bound, not a page: a tower with more rows than this is unreadable anyway. Past it, the runs most
 * recently changed are the ones shown (a forgotten run left "under way" for weeks must not push today's off). */
const MAX_ROWS = 60;

export async function loadTowerBoard(now: Date): Promise<TTowerBoard> {
  const dayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const today = { gte: new Date(dayStart), lt: new Date(dayStart + DAY_MS) };
  const rows = await db().run.findMany({
    where: { OR: [{ status: { in: UNDER_WAY as RunStatus[] } }, { plannedStart: today }, { endedAt: today }] },
    select: { id: true },
    orderBy: { updatedAt: "desc" },
    take: MAX_ROWS,
  });
  const snapshots = await Promise.all(rows.map((r) => getRunSnapshot(r.id)));
  const { runs: windows, freezes } = await plannedRunsBetween(dayStart, now.getTime() + TOWER_HORIZON_MS);
  const conflictsOf = new Map(windows.map((w) => [w.id, w.conflicts]));
  const onBoard = new Set(rows.map((r) => r.id));
  const { locks } = await listGuards();
  return {
    at: now.toISOString(),
    runs: snapshots.filter((s) => s !== null).map(({ timeline: _t, comms: _c, decisions: _d, ...run }): TTowerBoard["runs"][number] => ({ ...(run satisfies TTowerRun), conflicts: conflictsOf.get(run.id) ?? [] })),
    upcoming: windows.filter((w) => !onBoard.has(w.id) && (w.status === "planned" || w.status === "rescheduled") && Date.parse(w.start) >= now.getTime()),
    locks,
    freezes: towerFreezes(freezes, now.getTime()),
  };
}
