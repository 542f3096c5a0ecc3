// A run's validation window as its record and the runs list show it: the state now, when the
// window closes, and a faulty mark's reason and author.
import "server-only";
import { db } from "../db/client";
import type { TRunStatus } from "../domain/run-status";
import { validationOfRow, type TValidationState } from "../domain/validation-window";

/** Only the post-deployment phase's budget decides the window. */
export const WINDOW_PHASE = { where: { key: "post_deployment" }, select: { key: true, budgetMaxMinutes: true } } as const;

export type TValidationView = {
  state: TValidationState;
  windowEndsAt: string;
  faulty: { at: string; reason: string; byName: string } | null;
};

type TRow = { status: string; endedAt: Date | null; faultyAt: Date | null; faultyReason: string | null; faultyByName: string | null; phases: { key: string; budgetMaxMinutes: number }[] };

export function toValidationView(row: TRow, now: Date): TValidationView | null {
  const validation = validationOfRow({ ...row, status: row.status as TRunStatus }, now);
  if (!validation) return null;
  return {
    state: validation.state,
    windowEndsAt: validation.windowEndsAt.toISOString(),
    faulty: row.faultyAt ? { at: row.faultyAt.toISOString(), reason: row.faultyReason ?? "", byName: row.faultyByName ?? "" } : null,
  };
}

export async function loadValidation(runId: string, now = new Date()): Promise<TValidationView | null> {
  const row = await db().run.findUnique({
    where: { id: runId },
    select: { status: true, endedAt: true, faultyAt: true, faultyReason: true, faultyByName: true, phases: WINDOW_PHASE },
  });
  return row ? toValidationView(row, now) : null;
}
