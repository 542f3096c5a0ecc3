// Recurring checks ("Every 5 Minutes: check error rate dashboard, …"): while their phase runs they
// come due on their interval, counted from the latest recorded round (or from the phase's start).

export type TCheckRound = { completedAt: string; byName: string; note: string | null };

export type TRecurringInput = {
  intervalMinutes: number;
  phaseStartedAt: string | null;
  phaseCompletedAt: string | null;
  /** Newest first. */
  rounds: TCheckRound[];
};

/** The last minute before a check is due, it shows as "due soon". */
export const DUE_SOON_MS = 60_000;

export type TRecurringState =
  | { kind: "waiting" } // its phase has not started
  | { kind: "stopped"; roundCount: number } // its phase is over
  | { kind: "upcoming" | "due_soon"; dueAt: Date; remainingMs: number }
  | { kind: "overdue"; dueAt: Date; overdueMs: number };

export function recurringState(check: TRecurringInput, now: Date): TRecurringState {
  if (!check.phaseStartedAt) return { kind: "waiting" };
  if (check.phaseCompletedAt) return { kind: "stopped", roundCount: check.rounds.length };
  const anchor = new Date(check.rounds[0]?.completedAt ?? check.phaseStartedAt);
  const dueAt = new Date(anchor.getTime() + check.intervalMinutes * 60_000);
  const remainingMs = dueAt.getTime() - now.getTime();
  if (remainingMs < 0) return { kind: "overdue", dueAt, overdueMs: -remainingMs };
  return { kind: remainingMs <= DUE_SOON_MS ? "due_soon" : "upcoming", dueAt, remainingMs };
}

/** Whether a round may be recorded now: only while the section's phase runs. */
export function canRecordRound(phase: { title: string; startedAt: Date | string | null; completedAt: Date | string | null }):
  | { ok: true }
  | { ok: false; reason: string } {
  if (!phase.startedAt) return { ok: false, reason: `${phase.title} has not started: its recurring checks begin with it.` };
  if (phase.completedAt) return { ok: false, reason: `${phase.title} is complete: its recurring checks have stopped.` };
  return { ok: true };
}

/** Rounds kept in a snapshot per section (the database keeps them all). */
export const ROUNDS_IN_SNAPSHOT = 50;
