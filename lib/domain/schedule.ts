// Time budgets against the clock: elapsed per phase, overrun, and the estimated finish.

export type TPhaseTiming = {
  budgetMaxMinutes: number;
  startedAt: Date | null;
  completedAt: Date | null;
};

export function elapsedMs(phase: TPhaseTiming, now: Date): number {
  if (!phase.startedAt) return 0;
  return (phase.completedAt ?? now).getTime() - phase.startedAt.getTime();
}

export function overrunMs(phase: TPhaseTiming, now: Date): number {
  return Math.max(0, elapsedMs(phase, now) - phase.budgetMaxMinutes * 60_000);
}

/**
 * Estimated finish: now plus what is left of the running phase's budget (never negative) plus the
 * full budgets of the phases not started yet. Finished phases cost nothing more.
 */
export function estimatedFinish(phases: TPhaseTiming[], now: Date): Date {
  let remaining = 0;
  for (const phase of phases) {
    if (phase.completedAt) continue;
    const budget = phase.budgetMaxMinutes * 60_000;
    remaining += phase.startedAt ? Math.max(0, budget - elapsedMs(phase, now)) : budget;
  }
  return new Date(now.getTime() + remaining);
}
