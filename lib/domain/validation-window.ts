// The validation window (Shipit's idea): a completed run is not yet known good. It stays
// "validating" for its post-deployment monitoring period, then reads "healthy"; a lead (or the API)
// may mark it "faulty" at any time after completion, with a reason, and it then counts as a failed
// change (lib/domain/dora.ts). Pure: the clock and the run are passed in.
import type { TRunStatus } from "./run-status";

export const VALIDATION_STATES = ["validating", "healthy", "faulty"] as const;
export type TValidationState = (typeof VALIDATION_STATES)[number];

export const VALIDATION_LABELS: Record<TValidationState, string> = {
  validating: "Validating",
  healthy: "Healthy",
  faulty: "Faulty",
};

/** A runbook without a post-deployment phase still gets a window: the seed's "1-2 hours" at its longest. */
export const DEFAULT_VALIDATION_WINDOW_MINUTES = 120;

/** The window is the run's own post-deployment monitoring phase budget, at its longest. */
export function validationWindowMinutes(phases: readonly { key: string; budgetMaxMinutes: number }[]): number {
  const monitoring = phases.find((p) => p.key === "post_deployment");
  return monitoring && monitoring.budgetMaxMinutes > 0 ? monitoring.budgetMaxMinutes : DEFAULT_VALIDATION_WINDOW_MINUTES;
}

export type TValidationRun = {
  status: TRunStatus;
  endedAt: Date | null;
  faultyAt: Date | null;
  windowMinutes: number;
};

export type TValidation = {
  state: TValidationState;
  /** When the window closes (or closed): completion plus the window. */
  windowEndsAt: Date;
};

/** Only a completed run has a validation state; a run still under way, rolled back or aborted has none. */
export function validationOf(run: TValidationRun, now: Date): TValidation | null {
  if (run.status !== "completed" || !run.endedAt) return null;
  const windowEndsAt = new Date(run.endedAt.getTime() + run.windowMinutes * 60_000);
  if (run.faultyAt) return { state: "faulty", windowEndsAt };
  // At the very instant the window closes the run is healthy: the window is [endedAt, windowEndsAt).
  return { state: now.getTime() < windowEndsAt.getTime() ? "validating" : "healthy", windowEndsAt };
}

/** Whether a run may be marked faulty now: null, or the reason it may not. */
export function markFaultyRefusal(run: Pick<TValidationRun, "status" | "faultyAt">, reason: string): string | null {
  if (run.status === "rolled_back" || run.status === "aborted") return "The run did not complete: it already counts as a failed change.";
  if (run.status !== "completed") return "Only a completed run can be marked faulty: roll it back instead.";
  if (run.faultyAt) return "The run is already marked faulty.";
  if (!reason.trim()) return "reason: say what was found wrong.";
  return null;
}

/** A run row as stored (its phases give the window). */
export type TValidationRow = Omit<TValidationRun, "windowMinutes"> & { phases: readonly { key: string; budgetMaxMinutes: number }[] };

export function validationOfRow(row: TValidationRow, now: Date): TValidation | null {
  return validationOf({ ...row, windowMinutes: validationWindowMinutes(row.phases) }, now);
}
