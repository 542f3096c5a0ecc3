// The insights page's one read: every run that ended in the report's weeks, with what the four keys
// and the phase budgets need (phase clocks, the first rollback recommendation), in one bounded query.
import "server-only";
import { db } from "../db/client";
import { computeDora, reportStart, type TDoraReport, type TDoraRun } from "../domain/dora";
import { phaseBudgetReport, type TPhaseBudgetRow } from "../domain/phase-budgets";
import type { TRunStatus } from "../domain/run-status";

export const REPORT_WEEKS = 8;
/** Phase durations are judged over the newest completed runs, this many at most. */
export const PHASE_RUNS = 20;
/** A ceiling, not a page: far above eight weeks of deployments for any one Warroom. */
const RUN_LIMIT = 5000;

export type TInsights = {
  report: TDoraReport;
  phases: TPhaseBudgetRow[];
  /** How many completed runs the phase budgets were judged over. */
  phaseRuns: number;
  /** The ceiling was reached: older runs of the period were left out. */
  isTruncated: boolean;
};

export async function loadInsights(now = new Date(), weekCount = REPORT_WEEKS, service: string | null = null): Promise<TInsights> {
  const runs = await db().run.findMany({
    where: { endedAt: { gte: reportStart(now, weekCount), lte: now } },
    orderBy: { endedAt: "desc" },
    take: RUN_LIMIT,
    select: {
      id: true,
      service: true,
      status: true,
      endedAt: true,
      commitAt: true,
      faultyAt: true,
      phases: { orderBy: { position: "asc" }, select: { key: true, title: true, budgetMinMinutes: true, budgetMaxMinutes: true, startedAt: true, completedAt: true } },
      rollbackAlerts: { orderBy: { raisedAt: "asc" }, take: 1, select: { raisedAt: true } },
    },
  });
  const doraRuns: TDoraRun[] = runs.map((r) => ({
    id: r.id,
    service: r.service,
    status: r.status as TRunStatus,
    endedAt: r.endedAt,
    commitAt: r.commitAt,
    faultyAt: r.faultyAt,
    productionStartedAt: r.phases.find((p) => p.key === "production")?.startedAt ?? null,
    rollbackRecommendedAt: r.rollbackAlerts[0]?.raisedAt ?? null,
  }));
  const completed = runs.filter((r) => r.status === "completed" && (!service || r.service === service)).slice(0, PHASE_RUNS);
  return {
    report: computeDora(doraRuns, now, weekCount),
    phases: phaseBudgetReport(completed),
    phaseRuns: completed.length,
    isTruncated: runs.length === RUN_LIMIT,
  };
}
