// Service locks and freeze windows. The lock or freeze itself is one workspace record (one row, one
// statement: a held lock cannot be taken twice); then every run of the service under way records it
// on its own timeline through the one command path (runCommand), so its screens show it live and
// its gate's long-polls wake. The override is a run command: one run, a written reason, logged.
import "server-only";
import type { TActor } from "../auth/users";
import { actorCan, type TScopedActor } from "../api/scopes";
import { db } from "../db/client";
import type { TRunEventEffect } from "../domain/events/catalogue";
import { guardsFor, lockConflict, serviceKey, type TFreezeView, type TLockView } from "../domain/service-guards";
import { TERMINAL_STATUSES } from "../domain/run-status";
import { AppError, parseInput } from "../errors";
import type { RunStatus } from "../generated/prisma/client";
import { log } from "../log";
import { broadcastTowerChange } from "../timeline/broadcast";
import { runCommand } from "../timeline/command";
import { broadcastWorkspaceGuards } from "../timeline/sockets";
import { listGuards, loadGuardState } from "./queries";
import { minuteOfDay, ZOverrideGuards, ZSaveFreeze, ZServiceParams, ZTakeLock } from "./schemas";
import { toFreezeView, toLockView } from "./views";

/** Taking a held lock: the message names holder and reason; the API answers 409 with the lock. */
export class LockHeldError extends AppError {
  constructor(readonly held: TLockView) {
    super("conflict", lockConflict(held)!, { field: "service" });
  }
}

function authorize(actor: TScopedActor): void {
  if (!actorCan(actor, "locks.manage")) throw new AppError("forbidden", "Only leads, admins and API keys with locks:write manage locks and freezes.");
}

/** Every run of the service (every run, for null) that is not over. */
async function runsUnderWay(service: string | null): Promise<string[]> {
  const runs = await db().run.findMany({
    where: { status: { notIn: TERMINAL_STATUSES as RunStatus[] }, ...(service !== null && { service: { equals: service.trim(), mode: "insensitive" } }) },
    select: { id: true },
  });
  return runs.map((r) => r.id);
}

/**
 * Each run records the change on its own timeline; one that fails is logged, the record stands. Then
 * the control tower hears of it (even when no run of the service is under way to record it), and
 * every open runs list gets the workspace's locks and freezes as they now are (lists show runs that
 * are not under way too, and no run event reaches a list).
 */
async function tellRuns(actor: TScopedActor, runIds: string[], effect: TRunEventEffect): Promise<void> {
  for (const runId of runIds) {
    await runCommand({ runId, actor, permission: "locks.manage" }, async () => effect).catch((error: Error) =>
      log.warn("a run did not record a lock or freeze change", { runId, type: effect.type, message: error.message }),
    );
  }
  broadcastTowerChange({ runId: null, type: effect.type });
  await listGuards().then(broadcastWorkspaceGuards, (error: Error) => log.warn("the runs lists were not told of a lock or freeze change", { type: effect.type, message: error.message }));
}

export async function takeLock(actor: TScopedActor, input: unknown): Promise<TLockView> {
  authorize(actor);
  const { service, reason } = parseInput(ZTakeLock, input);
  const key = serviceKey(service);
  let lock: TLockView;
  try {
    lock = toLockView(await db().serviceLock.create({ data: { serviceKey: key, service: service.trim(), reason, holderId: actor.id, holderName: actor.name } }));
  } catch (error) {
    if ((error as { code?: string })?.code !== "P2002") throw error;
    const held = await db().serviceLock.findUnique({ where: { serviceKey: key } });
    if (!held) throw new AppError("conflict", `${service} was locked and released a moment ago: try again.`, { field: "service" });
    throw new LockHeldError(toLockView(held));
  }
  await tellRuns(actor, await runsUnderWay(lock.service), { type: "lock.taken", payload: { lock } });
  return lock;
}

export async function releaseLock(actor: TScopedActor, input: unknown): Promise<TLockView> {
  authorize(actor);
  const { service } = parseInput(ZServiceParams, input);
  const held = await db().serviceLock.findUnique({ where: { serviceKey: serviceKey(service) } });
  if (!held) throw new AppError("not_found", `service: ${service} is not locked.`, { field: "service" });
  // By id: a lock released and taken again meanwhile is not this one.
  const { count } = await db().serviceLock.deleteMany({ where: { id: held.id } });
  if (count === 0) throw new AppError("not_found", `service: ${service} is not locked.`, { field: "service" });
  await tellRuns(actor, await runsUnderWay(held.service), { type: "lock.released", payload: { lockId: held.id, service: held.service, releasedByName: actor.name } });
  return toLockView(held);
}

export async function saveFreeze(actor: TScopedActor, input: unknown): Promise<TFreezeView> {
  authorize(actor);
  const data = parseInput(ZSaveFreeze, input);
  const common = { serviceKey: data.service === null ? null : serviceKey(data.service), service: data.service, reason: data.reason, timeZone: data.timeZone, createdById: actor.id, createdByName: actor.name };
  const row =
    data.kind === "range"
      ? await db().freezeWindow.create({ data: { ...common, kind: "range", startsAt: new Date(data.startsAt), endsAt: new Date(data.endsAt), weekdays: [] } })
      : await db().freezeWindow.create({ data: { ...common, kind: "weekly", weekdays: data.weekdays, startMinute: minuteOfDay(data.start), endMinute: minuteOfDay(data.end) } });
  const freeze = toFreezeView(row);
  await tellRuns(actor, await runsUnderWay(freeze.service), { type: "freeze.saved", payload: { freeze } });
  return freeze;
}

export async function removeFreeze(actor: TScopedActor, input: unknown): Promise<TFreezeView> {
  authorize(actor);
  const id = String((input as { id?: unknown } | null)?.id ?? "");
  const row = await db().freezeWindow.findUnique({ where: { id } });
  if (!row) throw new AppError("not_found", "id: no such freeze window.", { field: "id" });
  const { count } = await db().freezeWindow.deleteMany({ where: { id } });
  if (count === 0) throw new AppError("not_found", "id: no such freeze window.", { field: "id" });
  await tellRuns(actor, await runsUnderWay(row.service), { type: "freeze.removed", payload: { freezeId: row.id, service: row.service, reason: row.reason } });
  return toFreezeView(row);
}

/** guard:override — a lead or admin lets this run deploy through what holds it now, saying why. */
export async function overrideGuards(actor: TActor | TScopedActor, input: unknown) {
  const { runId, reason, commandId } = parseInput(ZOverrideGuards, input);
  return runCommand({ runId, actor, permission: "guards.override", commandId }, async (tx, run, now) => {
    const state = await loadGuardState(tx, run);
    const applying = guardsFor(run.service, state, now.getTime());
    if (applying.length === 0) throw new AppError("conflict", `Nothing holds this run: no lock or freeze applies to ${run.service} now.`);
    const payload = { keys: applying.map((g) => g.key), messages: applying.map((g) => g.message), reason, byName: actor.name, at: now.toISOString() };
    await tx.run.update({ where: { id: runId }, data: { guardOverride: payload } });
    return { type: "guard.overridden", payload };
  });
}
