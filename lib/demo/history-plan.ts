// Eight weeks of past deployments across three services, as a plan (pure): which service, when it
// ended, how it ended, its commit time and its phase durations. lib/demo/seed-history.ts writes it.
// The figures are chosen so the four keys land in different bands per service:
//   checkout-api  17 deployments, 2 rolled back after a recommendation (25 and 50 min), commit times
//   search         8 deployments (one marked faulty after its window) and one aborted before production
//   payments       4 deployments, one aborted after production started, no commit times given
import type { TEndStatus } from "../domain/run-ending";

export type THistoryOutcome = "completed" | "rolled_back" | "aborted_in_production" | "aborted_in_staging" | "faulty";

export type TPlannedRun = {
  service: string;
  version: string;
  endedAt: Date;
  outcome: THistoryOutcome;
  commitAt: Date | null;
  /** Minutes from the first rollback recommendation to the end (rolled back or aborted), if one was raised. */
  recommendedMinutesBeforeEnd: number | null;
  /** Minutes per phase, in runbook order; a phase the run never reached is absent. */
  phaseMinutes: number[];
};

export const HISTORY_PREFIX = "History · ";
export const historyRunName = (run: Pick<TPlannedRun, "service" | "version">) => `${HISTORY_PREFIX}${run.service} ${run.version}`;

export const HISTORY_END_STATUS: Record<THistoryOutcome, TEndStatus> = {
  completed: "completed",
  faulty: "completed",
  rolled_back: "rolled_back",
  aborted_in_production: "aborted",
  aborted_in_staging: "aborted",
};

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// Staging runs long more often than not: the runbook's 30–45 min budget wants recalibrating.
const STAGING = [40, 46, 52, 58];
const fullPhases = (i: number) => [55, STAGING[i % STAGING.length], 40, 30, 25, 90];

/** The plan relative to `now`: every run ends at 14:00 UTC some days ago (one ended half an hour ago). */
export function historyPlan(now: Date): TPlannedRun[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const endedDaysAgo = (days: number) => new Date(today - days * DAY + 14 * 60 * MINUTE);
  const before = (at: Date, minutes: number) => new Date(at.getTime() - minutes * MINUTE);
  const plan: TPlannedRun[] = [];

  for (let i = 0; i < 16; i++) {
    const endedAt = endedDaysAgo(2 + 3 * i);
    const isRolledBack = i === 3 || i === 10;
    plan.push({
      service: "checkout-api",
      version: `3.${30 - i}.0`,
      endedAt,
      outcome: isRolledBack ? "rolled_back" : "completed",
      commitAt: before(endedAt, i % 2 === 0 ? 180 : 300),
      recommendedMinutesBeforeEnd: i === 3 ? 25 : i === 10 ? 50 : null,
      phaseMinutes: isRolledBack ? [55, STAGING[i % 4], 40, 35] : fullPhases(i),
    });
  }
  // Still in its validation window when the page is opened.
  const recent = new Date(now.getTime() - 30 * MINUTE);
  plan.push({ service: "checkout-api", version: "3.31.0", endedAt: recent, outcome: "completed", commitAt: before(recent, 240), recommendedMinutesBeforeEnd: null, phaseMinutes: fullPhases(0) });

  for (let i = 0; i < 8; i++) {
    const endedAt = endedDaysAgo(4 + 6 * i);
    plan.push({
      service: "search",
      version: `1.${20 - i}.0`,
      endedAt,
      outcome: i === 2 ? "faulty" : "completed",
      commitAt: before(endedAt, 26 * 60),
      recommendedMinutesBeforeEnd: null,
      phaseMinutes: fullPhases(i + 1),
    });
  }
  plan.push({ service: "search", version: "1.12.1", endedAt: endedDaysAgo(25), outcome: "aborted_in_staging", commitAt: null, recommendedMinutesBeforeEnd: null, phaseMinutes: [55, 20] });

  for (let i = 0; i < 4; i++) {
    const endedAt = endedDaysAgo(6 + 12 * i);
    const isAborted = i === 1;
    plan.push({
      service: "payments",
      version: `7.${4 - i}.0`,
      endedAt,
      outcome: isAborted ? "aborted_in_production" : "completed",
      commitAt: null,
      recommendedMinutesBeforeEnd: isAborted ? 10 : null,
      phaseMinutes: isAborted ? [60, 44, 45, 20] : fullPhases(i + 2),
    });
  }
  return plan;
}
