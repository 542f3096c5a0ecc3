// DORA's four keys from Warroom's own records, per week, overall and per service. Pure: the runs and
// the clock are passed in (lib/insights/queries.ts reads them in one query).
//
// Definitions, as Warroom can see them:
// - A deployment is a run that reached production (its production phase started) and has ended,
//   counted in the week it ended.
// - It failed if it was rolled back, aborted after production started, or completed and was later
//   marked faulty (during or after its validation window, lib/domain/validation-window.ts).
// - Failed deployment recovery time: the first rollback recommendation (a rule fired or a lead pulled
//   the trigger) → the run rolled back. A failure without both has no recovery time and is counted
//   as such, never as zero.
// - Lead time for changes: the commit's time (API/CLI `commitAt`) → the run completed. Runs created
//   without it are counted, not guessed.
import { changeFailureRateBand, deploymentFrequencyBand, leadTimeBand, recoveryTimeBand, type TDoraBand } from "./dora-bands";
import type { TRunStatus } from "./run-status";

export type TDoraRun = {
  id: string;
  service: string;
  status: TRunStatus;
  endedAt: Date | null;
  commitAt: Date | null;
  faultyAt: Date | null;
  /** When its production phase started; null if it never reached production. */
  productionStartedAt: Date | null;
  /** The first rollback recommendation on the run, if any. */
  rollbackRecommendedAt: Date | null;
};

export type TDoraFigures = {
  deployments: number;
  failures: number;
  /** 0–1; null with no deployments. */
  changeFailureRate: number | null;
  recoveryMedianMinutes: number | null;
  /** Failures with a measured recovery, and failures without one (no recommendation, or not rolled back). */
  recovered: number;
  withoutRecovery: number;
  leadTimeMedianMinutes: number | null;
  leadTimeRuns: number;
  /** Completed deployments created without a commit time. */
  withoutCommitTime: number;
};

export type TDoraWeek = TDoraFigures & { weekStart: string };

export type TDoraBands = {
  deploymentFrequency: TDoraBand | null;
  changeFailureRate: TDoraBand | null;
  recoveryTime: TDoraBand | null;
  leadTime: TDoraBand | null;
};

export type TDoraScope = {
  /** Null for every service together. */
  service: string | null;
  totals: TDoraFigures & { deploymentsPerWeek: number };
  bands: TDoraBands;
  weeks: TDoraWeek[];
};

export type TDoraReport = { since: string; until: string; weekCount: number; overall: TDoraScope; services: TDoraScope[] };

const MINUTE = 60_000;
const WEEK = 7 * 24 * 60 * MINUTE;

/** Monday 00:00 UTC of the instant's week. */
export function weekStartOf(instant: Date): Date {
  const day = new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * 24 * 60 * MINUTE);
}

/** The first instant of the report: Monday of the week `weekCount - 1` weeks before now's. */
export function reportStart(now: Date, weekCount: number): Date {
  return new Date(weekStartOf(now).getTime() - (weekCount - 1) * WEEK);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function isDeployment(run: TDoraRun): boolean {
  return run.endedAt !== null && run.productionStartedAt !== null && ["completed", "rolled_back", "aborted"].includes(run.status);
}

export function isFailedDeployment(run: TDoraRun): boolean {
  if (!isDeployment(run)) return false;
  return run.status === "rolled_back" || run.status === "aborted" || run.faultyAt !== null;
}

/** Rollback recommended → rolled back, in minutes; null when either end is missing. */
export function recoveryMinutes(run: TDoraRun): number | null {
  if (run.status !== "rolled_back" || !run.endedAt || !run.rollbackRecommendedAt) return null;
  const ms = run.endedAt.getTime() - run.rollbackRecommendedAt.getTime();
  return ms >= 0 ? ms / MINUTE : null;
}

/** Commit → completed, in minutes; null without a commit time (or one after completion). */
export function leadTimeMinutes(run: TDoraRun): number | null {
  if (run.status !== "completed" || !run.endedAt || !run.commitAt) return null;
  const ms = run.endedAt.getTime() - run.commitAt.getTime();
  return ms >= 0 ? ms / MINUTE : null;
}

export function doraFigures(runs: readonly TDoraRun[]): TDoraFigures {
  const deployments = runs.filter(isDeployment);
  const failed = deployments.filter(isFailedDeployment);
  const recoveries = failed.map(recoveryMinutes).filter((m): m is number => m !== null);
  const completed = deployments.filter((r) => r.status === "completed");
  const leadTimes = completed.map(leadTimeMinutes).filter((m): m is number => m !== null);
  return {
    deployments: deployments.length,
    failures: failed.length,
    changeFailureRate: deployments.length ? failed.length / deployments.length : null,
    recoveryMedianMinutes: median(recoveries),
    recovered: recoveries.length,
    withoutRecovery: failed.length - recoveries.length,
    leadTimeMedianMinutes: median(leadTimes),
    leadTimeRuns: leadTimes.length,
    withoutCommitTime: completed.filter((r) => !r.commitAt).length,
  };
}

function bandsOf(figures: TDoraFigures, perWeek: number): TDoraBands {
  const known = <T>(value: T | null, band: (v: T) => TDoraBand) => (value === null ? null : band(value));
  return {
    // No deployment at all is still a frequency (zero a week: Low).
    deploymentFrequency: deploymentFrequencyBand(perWeek),
    changeFailureRate: known(figures.changeFailureRate, changeFailureRateBand),
    recoveryTime: known(figures.recoveryMedianMinutes, recoveryTimeBand),
    leadTime: known(figures.leadTimeMedianMinutes, leadTimeBand),
  };
}

function scopeOf(service: string | null, runs: readonly TDoraRun[], starts: readonly Date[]): TDoraScope {
  const totals = doraFigures(runs);
  const deploymentsPerWeek = totals.deployments / starts.length;
  const weeks = starts.map((start) => {
    const end = start.getTime() + WEEK;
    const inWeek = runs.filter((r) => r.endedAt && r.endedAt.getTime() >= start.getTime() && r.endedAt.getTime() < end);
    return { weekStart: start.toISOString(), ...doraFigures(inWeek) };
  });
  return { service, totals: { ...totals, deploymentsPerWeek }, bands: bandsOf(totals, deploymentsPerWeek), weeks };
}

/** The four keys over the last `weekCount` weeks (the current one included), overall and per service. */
export function computeDora(runs: readonly TDoraRun[], now: Date, weekCount: number): TDoraReport {
  const count = Math.max(1, Math.floor(weekCount));
  const since = reportStart(now, count);
  const starts = Array.from({ length: count }, (_, i) => new Date(since.getTime() + i * WEEK));
  const inReport = runs.filter((r) => r.endedAt && r.endedAt.getTime() >= since.getTime() && r.endedAt.getTime() <= now.getTime());
  const services = [...new Set(inReport.filter(isDeployment).map((r) => r.service))].sort((a, b) => a.localeCompare(b));
  return {
    since: since.toISOString(),
    until: now.toISOString(),
    weekCount: count,
    overall: scopeOf(null, inReport, starts),
    services: services.map((service) => scopeOf(service, inReport.filter((r) => r.service === service), starts)),
  };
}
