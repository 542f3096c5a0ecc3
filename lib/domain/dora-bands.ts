// DORA performance bands for the four keys, from the 2024 Accelerate State of DevOps Report
// (DORA, Google Cloud, October 2024), "software delivery performance levels":
//
//   level   deployment frequency            change lead time        change fail rate  failed deployment recovery
//   Elite   on demand (several a day)       less than one day        5%                less than one hour
//   High    once a day – once a week        one day – one week       20%               less than one day
//   Medium  once a week – once a month      one week – one month     10%               less than one day
//   Low     once a month – once in 6 months one month – six months   40%               one week – one month
//
// The report gives clusters, not cut-offs; Warroom reads each cluster's figure as its upper bound.
// Two gaps the report leaves are decided here: its Medium cluster failed *less* often (10%) than
// High (20%), so a rate between 20% and 40% reads Medium (better than Low's 40%, worse than High's
// 20%); and High and Medium both recover in "less than one day", so one day to one week reads Medium.
export const DORA_REPORT_YEAR = 2024;
export const DORA_REPORT_NAME = `${DORA_REPORT_YEAR} Accelerate State of DevOps Report`;

export const DORA_BANDS = ["elite", "high", "medium", "low"] as const;
export type TDoraBand = (typeof DORA_BANDS)[number];

export const BAND_LABELS: Record<TDoraBand, string> = { elite: "Elite", high: "High", medium: "Medium", low: "Low" };

const DAY_MINUTES = 24 * 60;
const WEEK_MINUTES = 7 * DAY_MINUTES;
const MONTH_MINUTES = 30 * DAY_MINUTES;
const WEEKS_PER_MONTH = 52 / 12;

/** Deployments per week on average: daily or more is Elite, weekly High, monthly Medium. */
export function deploymentFrequencyBand(perWeek: number): TDoraBand {
  if (perWeek >= 7) return "elite";
  if (perWeek >= 1) return "high";
  if (perWeek >= 1 / WEEKS_PER_MONTH) return "medium";
  return "low";
}

/** Commit → completed, median minutes. */
export function leadTimeBand(minutes: number): TDoraBand {
  if (minutes < DAY_MINUTES) return "elite";
  if (minutes <= WEEK_MINUTES) return "high";
  if (minutes <= MONTH_MINUTES) return "medium";
  return "low";
}

/** Failed deployments / deployments, 0–1. */
export function changeFailureRateBand(rate: number): TDoraBand {
  if (rate <= 0.05) return "elite";
  if (rate <= 0.2) return "high";
  if (rate < 0.4) return "medium";
  return "low";
}

/** Rollback recommended → rolled back, median minutes. */
export function recoveryTimeBand(minutes: number): TDoraBand {
  if (minutes < 60) return "elite";
  if (minutes < DAY_MINUTES) return "high";
  if (minutes < WEEK_MINUTES) return "medium";
  return "low";
}

/** What each band means for each key, in the report's words (shown beside the band on the page). */
export const BAND_MEANING = {
  deploymentFrequency: { elite: "on demand, several a day", high: "daily to weekly", medium: "weekly to monthly", low: "less than monthly" },
  leadTime: { elite: "under a day", high: "a day to a week", medium: "a week to a month", low: "over a month" },
  changeFailureRate: { elite: "5% or less", high: "20% or less", medium: "under 40%", low: "40% or more" },
  recoveryTime: { elite: "under an hour", high: "under a day", medium: "under a week", low: "a week or more" },
} satisfies Record<string, Record<TDoraBand, string>>;
