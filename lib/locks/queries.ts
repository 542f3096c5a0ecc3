// Reading the locks and freezes: for the gate (inside its read transaction), the runs list and the
// war room. What applies to a run is decided by the pure rules (lib/domain/service-guards.ts).
import "server-only";
import { z } from "zod";
import type { TGateGuard } from "../api/gate-rule";
import { db } from "../db/client";
import { guardsFor, nextGuardChange, serviceKey, type TFreezeView, type TLockView } from "../domain/service-guards";
import type { TTx } from "../timeline/command";
import { toFreezeView, toLockView } from "./views";

/** A run's override of the guards that held it when it was written (Run.guardOverride). */
export const ZGuardOverride = z.object({ keys: z.array(z.string()), messages: z.array(z.string()), byName: z.string(), reason: z.string(), at: z.string() });
export type TGuardOverride = z.infer<typeof ZGuardOverride>;

export type TRunGuardState = {
  locks: TLockView[];
  freezes: TFreezeView[];
  override: TGuardOverride | null;
  /** The locks and freezes holding the run at `now`, each with the override that covers it, if any. */
  applying: (now: number) => TGateGuard[];
  nextChangeAt: (now: number) => number | null;
};

export function parseGuardOverride(value: unknown): TGuardOverride | null {
  const parsed = ZGuardOverride.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function runGuardState(service: string, locks: TLockView[], freezes: TFreezeView[], override: TGuardOverride | null): TRunGuardState {
  return {
    locks,
    freezes,
    override,
    applying: (now) =>
      guardsFor(service, { locks, freezes }, now).map((guard) => ({
        source: guard.source,
        message: guard.message,
        overriddenBy: override?.keys.includes(guard.key) ? { byName: override.byName, reason: override.reason } : null,
      })),
    nextChangeAt: (now) => nextGuardChange(service, freezes, now),
  };
}

export async function loadGuardState(tx: TTx, run: { service: string; guardOverride: unknown }): Promise<TRunGuardState> {
  const key = serviceKey(run.service);
  const locks = await tx.serviceLock.findMany({ where: { serviceKey: key } });
  const freezes = await tx.freezeWindow.findMany({ where: { OR: [{ serviceKey: null }, { serviceKey: key }] }, orderBy: { createdAt: "asc" } });
  return runGuardState(run.service, locks.map(toLockView), freezes.map(toFreezeView), parseGuardOverride(run.guardOverride));
}

/** The snapshot's guards: the service's locks and freezes, and the run's override. */
export async function loadRunGuards(tx: TTx, run: { service: string; guardOverride: unknown }) {
  const state = await loadGuardState(tx, run);
  return { locks: state.locks, freezes: state.freezes, override: state.override };
}

/** Every lock and freeze, for the runs list, the admin page and GET /api/v1/locks. */
export async function listGuards(): Promise<{ locks: TLockView[]; freezes: TFreezeView[] }> {
  const [locks, freezes] = await Promise.all([
    db().serviceLock.findMany({ orderBy: { takenAt: "desc" } }),
    db().freezeWindow.findMany({ orderBy: { createdAt: "desc" } }),
  ]);
  return { locks: locks.map(toLockView), freezes: freezes.map(toFreezeView) };
}
