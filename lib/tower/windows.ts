// Planned windows as stored, read for the pure conflict rule (lib/domain/window-conflicts.ts): the
// calendar's runs and flags, the tower's upcoming windows, and the warning on create and reschedule.
import "server-only";
import { z } from "zod";
import { db } from "../db/client";
import { TERMINAL_STATUSES, type TRunStatus } from "../domain/run-status";
import type { TFreezeView } from "../domain/service-guards";
import type { TPlannedRun } from "../domain/tower";
import { conflictsByRun, windowConflicts, windowEnd, type TPlannedWindow, type TWindowConflict } from "../domain/window-conflicts";
import { parseInput } from "../errors";
import type { RunStatus } from "../generated/prisma/client";
import { toFreezeView } from "../locks/views";
import type { TTx } from "../timeline/command";

/** No run is planned longer than a day (ZCreateRun): a window starting a day before `from` is the earliest that can reach it. */
const LONGEST_WINDOW_MS = 24 * 60 * 60_000;

type TClient = TTx | ReturnType<typeof db>;

const windowSelect = {
  id: true,
  name: true,
  service: true,
  status: true,
  plannedStart: true,
  plannedDurationMin: true,
  roles: { where: { role: "deployment_lead" as const }, select: { userId: true, user: { select: { name: true } } } },
} as const;

type TWindowRow = { id: string; name: string; service: string; status: RunStatus; plannedStart: Date; plannedDurationMin: number; roles: { userId: string; user: { name: string } }[] };

function toWindow(row: TWindowRow): TPlannedWindow {
  const lead = row.roles[0];
  const start = row.plannedStart.getTime();
  return { runId: row.id, name: row.name, service: row.service, start, end: windowEnd(start, row.plannedDurationMin), lead: lead ? { userId: lead.userId, name: lead.user.name } : null };
}

/** Runs whose planned window overlaps [from, to); `isOpenOnly`: only those not over (the ones that can still clash). */
async function windowRows(client: TClient, from: number, to: number, isOpenOnly: boolean): Promise<TWindowRow[]> {
  const rows = await client.run.findMany({
    where: {
      plannedStart: { gte: new Date(from - LONGEST_WINDOW_MS), lt: new Date(to) },
      ...(isOpenOnly && { status: { notIn: TERMINAL_STATUSES as RunStatus[] } }),
    },
    select: windowSelect,
    orderBy: { plannedStart: "asc" },
  });
  return rows.filter((row) => toWindow(row).end > from);
}

async function allFreezes(client: TClient): Promise<TFreezeView[]> {
  return (await client.freezeWindow.findMany({ orderBy: { createdAt: "asc" } })).map(toFreezeView);
}

/**
 * Every run planned in [from, to) with its conflicts. Only runs not over are checked against each
 * other: a finished run's window is history, not a clash.
 */
export async function plannedRunsBetween(from: number, to: number, client: TClient = db()): Promise<{ runs: TPlannedRun[]; freezes: TFreezeView[] }> {
  // In turn: inside a transaction its one connection runs one query at a time.
  const rows = await windowRows(client, from, to, false);
  const freezes = await allFreezes(client);
  const open = rows.filter((r) => !TERMINAL_STATUSES.includes(r.status as TRunStatus)).map(toWindow);
  const flagged = conflictsByRun(open, freezes);
  const runs = rows.map((row): TPlannedRun => {
    const w = toWindow(row);
    return { id: row.id, name: row.name, service: row.service, status: row.status as TRunStatus, start: new Date(w.start).toISOString(), end: new Date(w.end).toISOString(), leadName: w.lead?.name ?? null, conflicts: flagged.get(row.id) ?? [] };
  });
  return { runs, freezes };
}

/** A window being chosen in a form (create or reschedule): what it would clash with. */
export const ZWindowCheck = z.object({
  runId: z.string().trim().max(64).optional(),
  service: z.string().trim().min(1, "Service is required").max(100),
  plannedStart: z.coerce.date({ error: "Planned start must be a date and time" }),
  plannedDurationMin: z.coerce.number().int().min(1).max(24 * 60),
  leadId: z.string().trim().max(64).optional(),
});

export async function conflictsForWindow(input: unknown, client: TClient = db()): Promise<TWindowConflict[]> {
  const data = parseInput(ZWindowCheck, input);
  const start = data.plannedStart.getTime();
  const end = windowEnd(start, data.plannedDurationMin);
  const rows = await windowRows(client, start, end, true);
  const freezes = await allFreezes(client);
  const lead = data.leadId ? await client.user.findUnique({ where: { id: data.leadId }, select: { id: true, name: true } }) : null;
  const candidate: TPlannedWindow = { runId: data.runId ?? "", name: "", service: data.service, start, end, lead: lead ? { userId: lead.id, name: lead.name } : null };
  return windowConflicts(candidate, rows.map(toWindow), freezes);
}
