// The pipeline API's run reads and run creation: compact views of a run (not the war room's full
// snapshot) and "create from a template by name or id".
import "server-only";
import type { z } from "zod";
import { db } from "../db/client";
import { sharedRead } from "../db/shared-read";
import type { TRunStatus } from "../domain/run-status";
import { AppError } from "../errors";
import { createRun } from "../runs/create-run";
import { conflictsForWindow } from "../tower/windows";
import { runtime } from "../runtime";
import type { TApiCaller } from "./caller";
import type { TIdempotency } from "./idempotency";
import type { ZApiCreateRun, ZApiItem, ZApiListRunsQuery, ZApiRun, ZApiRunDetail } from "./schemas";

type TRunRow = {
  id: string;
  name: string;
  service: string;
  targetVersion: string;
  commit: string | null;
  commitAt: Date | null;
  status: string;
  rolloutPercent: number;
  plannedStart: Date;
  plannedDurationMin: number;
  startedAt: Date | null;
  endedAt: Date | null;
  faultyAt: Date | null;
  faultyReason: string | null;
  faultyByName: string | null;
  version: number;
  playbook?: unknown;
};

const DEFAULT_WINDOW_MINUTES = 240;

export function toApiRun(run: TRunRow): z.infer<typeof ZApiRun> {
  return {
    id: run.id,
    name: run.name,
    service: run.service,
    version: run.targetVersion,
    commit: run.commit,
    commitAt: run.commitAt?.toISOString() ?? null,
    status: run.status as TRunStatus,
    rolloutPercent: run.rolloutPercent,
    plannedStart: run.plannedStart.toISOString(),
    plannedDurationMin: run.plannedDurationMin,
    startedAt: run.startedAt?.toISOString() ?? null,
    endedAt: run.endedAt?.toISOString() ?? null,
    faulty: run.faultyAt ? { at: run.faultyAt.toISOString(), reason: run.faultyReason ?? "", byName: run.faultyByName ?? "" } : null,
    url: new URL(`/runs/${run.id}`, runtime().appUrl).toString(),
  };
}

/** A run key sees only its own run; a missing run and another run's read the same (404). */
function visibleTo(caller: TApiCaller, runId: string): boolean {
  return !caller.apiKey?.runId || caller.apiKey.runId === runId;
}

export async function listApiRuns(caller: TApiCaller, query: z.infer<typeof ZApiListRunsQuery>) {
  const runs = await db().run.findMany({
    where: {
      status: query.status,
      service: query.service ? { equals: query.service, mode: "insensitive" } : undefined,
      id: caller.apiKey?.runId ?? undefined,
    },
    orderBy: { createdAt: "desc" },
    take: query.limit,
  });
  return { runs: runs.map(toApiRun) };
}

export async function loadApiRun(caller: TApiCaller, runId: string): Promise<TRunRow> {
  // Shared with the requests asking for the same run at the same moment (a burst of gate reads).
  const run = visibleTo(caller, runId) ? await sharedRead(`run:${runId}`, () => db().run.findUnique({ where: { id: runId } })) : null;
  if (!run) throw new AppError("not_found", "No such run.", { field: "id" });
  return run;
}

export type TApiItemRow = z.infer<typeof ZApiItem> & { version: number };

/** Every checklist item with its stable key (<phase key>.<section n>.<item n>, counted from 1). */
export async function loadApiItems(runId: string): Promise<TApiItemRow[]> {
  const phases = await db().runPhase.findMany({
    where: { runId },
    orderBy: { position: "asc" },
    include: { sections: { orderBy: { position: "asc" }, include: { items: { orderBy: { position: "asc" } } } } },
  });
  return phases.flatMap((phase) =>
    phase.sections.flatMap((section, s) =>
      section.items.map((item, i) => ({
        id: item.id,
        key: `${phase.key}.${s + 1}.${i + 1}`,
        text: item.text,
        phase: phase.title,
        section: section.title,
        state: item.state,
        required: item.required,
        isRecurring: section.intervalMinutes !== null,
        version: item.version,
      })),
    ),
  );
}

export async function getApiRun(caller: TApiCaller, runId: string): Promise<z.infer<typeof ZApiRunDetail>> {
  const run = await loadApiRun(caller, runId);
  const items = (await loadApiItems(runId)).map(({ version: _version, ...item }) => item);
  return { ...toApiRun(run), items };
}

/** The losing side of two creates with one Idempotency-Key: the unique key, or (snapshot isolation) a write conflict. */
const isKeyRace = (error: unknown) => ["P2002", "P2034"].includes((error as { code?: string })?.code ?? "");

/** The template a pipeline names: its id, else its exact name (several with that name → 409 listing them). */
async function findTemplate(reference: string): Promise<string> {
  const byId = await db().template.findUnique({ where: { id: reference }, select: { id: true } });
  if (byId) return byId.id;
  const byName = await db().template.findMany({ where: { name: reference }, select: { id: true, name: true } });
  if (byName.length === 1) return byName[0].id;
  if (byName.length === 0) throw new AppError("not_found", `template: no template has the id or name “${reference}”.`, { field: "template" });
  throw new AppError("conflict", `template: ${byName.length} templates are named “${reference}”; use one of their ids: ${byName.map((t) => t.id).join(", ")}.`, {
    field: "template",
    candidates: byName.map((t) => t.id),
  });
}

/** A retried create answers as the first did, with its window's conflicts as they stand now. */
async function replayed(run: Parameters<typeof toApiRun>[0] & { plannedDurationMin: number }) {
  const conflicts = await conflictsForWindow({ runId: run.id, service: run.service, plannedStart: run.plannedStart, plannedDurationMin: run.plannedDurationMin });
  return { run: toApiRun(run), isReplay: true, conflicts };
}

export async function createApiRun(caller: TApiCaller, input: z.infer<typeof ZApiCreateRun>, idempotency: TIdempotency) {
  if (idempotency.earlierRunId) {
    const earlier = await db().run.findUnique({ where: { id: idempotency.earlierRunId } });
    if (earlier) return replayed(earlier);
  }
  const templateId = await findTemplate(input.template);
  const data = {
    templateId,
    name: input.name ?? `${input.service} ${input.version}`,
    service: input.service,
    targetVersion: input.version,
    commit: input.commit,
    commitAt: input.commitAt,
    plannedStart: input.window?.start ?? new Date().toISOString(),
    plannedDurationMin: input.window?.minutes ?? DEFAULT_WINDOW_MINUTES,
  };
  try {
    // The key is written with the run, in one transaction: two requests racing with one key create one run.
    const run = await createRun(caller.actor, data, { onCreated: (tx, created) => idempotency.recordIn(tx, created.id) });
    return { run: toApiRun(run), isReplay: false, conflicts: run.conflicts };
  } catch (error) {
    if (!isKeyRace(error)) throw error;
    const winnerId = await idempotency.winnerRunId();
    const winner = winnerId ? await db().run.findUnique({ where: { id: winnerId } }) : null;
    if (!winner) throw error;
    return replayed(winner);
  }
}
