// Phase durations against their budgets over the last runs ("Staging: median 52 min vs budget
// 30–45 min"), so a team can see which budget its runbook should recalibrate. Pure.
import { median } from "./dora";
import { PHASE_KEYS, type TPhaseKey } from "./template-vocabulary";

export type TPhaseTiming = {
  key: string;
  title: string;
  budgetMinMinutes: number;
  budgetMaxMinutes: number;
  startedAt: Date | null;
  completedAt: Date | null;
};

export type TPhaseBudgetRow = {
  key: TPhaseKey;
  title: string;
  /** Phases that ran start to finish in the runs looked at. */
  runs: number;
  medianMinutes: number | null;
  budgetMinMinutes: number;
  budgetMaxMinutes: number;
  /** How many of them ran past the budget's upper end. */
  overBudget: number;
  verdict: "within" | "over" | "under" | "no_data";
};

/**
 * One row per phase key, in runbook order. `runs` are newest first; the budget shown is the newest
 * run's (the one the runbook holds now). A phase not started or not finished is left out, not zero.
 */
export function phaseBudgetReport(runs: readonly { phases: readonly TPhaseTiming[] }[]): TPhaseBudgetRow[] {
  return PHASE_KEYS.flatMap((key) => {
    const phases = runs.flatMap((r) => r.phases.filter((p) => p.key === key));
    if (phases.length === 0) return [];
    const newest = phases[0];
    const durations = phases
      .filter((p) => p.startedAt && p.completedAt && p.completedAt >= p.startedAt)
      .map((p) => ({ minutes: (p.completedAt!.getTime() - p.startedAt!.getTime()) / 60_000, max: p.budgetMaxMinutes }));
    const medianMinutes = median(durations.map((d) => d.minutes));
    const verdict =
      medianMinutes === null ? "no_data" : medianMinutes > newest.budgetMaxMinutes ? "over" : medianMinutes < newest.budgetMinMinutes ? "under" : "within";
    return [{
      key,
      title: newest.title,
      runs: durations.length,
      medianMinutes,
      budgetMinMinutes: newest.budgetMinMinutes,
      budgetMaxMinutes: newest.budgetMaxMinutes,
      overBudget: durations.filter((d) => d.minutes > d.max).length,
      verdict,
    }];
  });
}
