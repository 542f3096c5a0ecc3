// The rules judged against a run's metric samples, and the evaluator: pure, the clock passed in.
//
// Window semantics (times are sample timestamps, epoch ms):
// - immediate: the latest sample at or before `now` breaches → firing.
// - sustained for D: the condition holds at every evaluation through D, like a Prometheus/Grafana
//   pending period. The current streak is the run of consecutive breaching samples ending at the
//   latest one; a sample's value holds until the next one (or until the series goes stale), so the
//   condition has held for `now − streak start`: ≥ D → firing, else pending. One good sample resets
//   it, and so does a gap of NO_DATA_AFTER_MS or more between two samples (nothing was known then).
// - count / sum within W: the number (or total) of samples in the sliding window (now − W, now]
//   compared with the threshold: a sample exactly W old has left the window.
// A series with no sample in the last NO_DATA_AFTER_MS (count/sum: max(W, NO_DATA_AFTER_MS)) has no
// data. Samples after `now` are ignored until their time comes. Samples may arrive in any order.
import type { TMetricStage } from "./metric-catalog";
import type { TComparator } from "./template-definition";
import { formatMinutesInWords, formatStopwatch } from "./time-format";

export type { TComparator };

export const RULE_SEVERITIES = ["success", "escalate", "rollback"] as const;
export type TRuleSeverity = (typeof RULE_SEVERITIES)[number];

export const SEVERITY_LABELS: Record<TRuleSeverity, string> = {
  success: "Success criterion",
  escalate: "Escalate",
  rollback: "Rollback trigger",
};

export const WINDOW_KINDS = ["immediate", "sustained", "count", "sum"] as const;
export type TWindowKind = (typeof WINDOW_KINDS)[number];

/** Longest window a rule may use: a deployment day. */
export const MAX_WINDOW_MINUTES = 24 * 60;

/** Checked by ZRuleWindow in metric-schemas.ts (minutes > 0, at most MAX_WINDOW_MINUTES). */
export type TRuleWindow = { kind: "immediate" } | { kind: "sustained" | "count" | "sum"; minutes: number };

export const RULE_STATES = ["ok", "pending", "firing", "resolved", "no_data"] as const;
export type TRuleState = (typeof RULE_STATES)[number];

export const RULE_STATE_LABELS: Record<TRuleState, string> = {
  ok: "OK",
  pending: "Pending",
  firing: "Firing",
  resolved: "Resolved",
  no_data: "No data",
};

export type TRuleCondition = {
  comparator: TComparator;
  threshold: number;
  window: TRuleWindow;
  /** Only this stage's series; null: every stage, the worst one counts. */
  stage: TMetricStage | null;
};

/** A sample as the evaluator sees it: timestamp (epoch ms) and value. */
export type TSample = { at: number; value: number };
export type TStageSeries = { stage: TMetricStage; samples: readonly TSample[] };

/** A series silent this long has no data (and a gap this long breaks a sustained streak). */
export const NO_DATA_AFTER_MS = 2 * 60_000;

export type TSeriesVerdict =
  | { kind: "no_data"; since: number | null }
  | { kind: "calm"; since: number; value: number }
  | { kind: "pending"; since: number; value: number; heldMs: number; requiredMs: number }
  | { kind: "firing"; since: number; value: number };

export type TRuleEvaluation = {
  state: TRuleState;
  /** When this state began (sample time, epoch ms); null when unknown. */
  since: number | null;
  /** The value judged: the latest value, or the window's count or sum. */
  value: number | null;
  /** The series that decided the state. */
  stage: TMetricStage | null;
  /** Pending only: how long the condition has held of how long it must. */
  progress: { heldMs: number; requiredMs: number } | null;
};

export type TPreviousState = { state: TRuleState; since: number | null };

export function breaches(comparator: TComparator, value: number, threshold: number): boolean {
  switch (comparator) {
    case ">":
      return value > threshold;
    case ">=":
      return value >= threshold;
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
  }
}

const minutesMs = (minutes: number) => Math.round(minutes * 60_000);

function sortedByTime(samples: readonly TSample[]): readonly TSample[] {
  for (let i = 1; i < samples.length; i++) {
    if (samples[i].at < samples[i - 1].at) return [...samples].sort((a, b) => a.at - b.at);
  }
  return samples;
}

/** Index of the last sample at or before `now` in ascending samples, or -1. */
function lastIndexAtOrBefore(samples: readonly TSample[], now: number): number {
  let low = 0;
  let high = samples.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (samples[mid].at <= now) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

function judgeLatest(condition: TRuleCondition, samples: readonly TSample[], now: number): TSeriesVerdict {
  const end = lastIndexAtOrBefore(samples, now);
  if (end < 0) return { kind: "no_data", since: null };
  const latest = samples[end];
  if (now - latest.at >= NO_DATA_AFTER_MS) return { kind: "no_data", since: latest.at + NO_DATA_AFTER_MS };
  const holds = (s: TSample) => breaches(condition.comparator, s.value, condition.threshold);
  const isBreaching = holds(latest);
  let start = end;
  while (start > 0 && holds(samples[start - 1]) === isBreaching && samples[start].at - samples[start - 1].at < NO_DATA_AFTER_MS) start--;
  const streakStart = samples[start].at;
  if (!isBreaching) return { kind: "calm", since: streakStart, value: latest.value };
  if (condition.window.kind !== "sustained") return { kind: "firing", since: streakStart, value: latest.value };
  const requiredMs = minutesMs(condition.window.minutes);
  const heldMs = now - streakStart;
  if (heldMs >= requiredMs) return { kind: "firing", since: streakStart + requiredMs, value: latest.value };
  return { kind: "pending", since: streakStart, value: latest.value, heldMs, requiredMs };
}

/**
 * Count or sum over (now − W, now]. The time the current verdict began comes from sweeping every
 * moment the window changed (a sample entering at its time, leaving W later) up to `now`.
 */
function judgeWindow(condition: TRuleCondition, samples: readonly TSample[], now: number, kind: "count" | "sum", windowMs: number): TSeriesVerdict {
  const end = lastIndexAtOrBefore(samples, now);
  const lookback = Math.max(windowMs, NO_DATA_AFTER_MS);
  if (end < 0) return { kind: "no_data", since: null };
  if (now - samples[end].at >= lookback) return { kind: "no_data", since: samples[end].at + lookback };
  const weight = (s: TSample) => (kind === "count" ? 1 : s.value);
  const holds = (aggregate: number) => breaches(condition.comparator, aggregate, condition.threshold);

  let aggregate = 0;
  let enter = 0;
  let leave = 0;
  let state: boolean | null = null;
  let since = samples[0].at;
  // Merge the entering times (t) and leaving times (t + W), both ascending, up to now.
  while (enter <= end || (leave <= end && samples[leave].at + windowMs <= now)) {
    const nextEnter = enter <= end ? samples[enter].at : Number.POSITIVE_INFINITY;
    const nextLeave = leave <= end ? samples[leave].at + windowMs : Number.POSITIVE_INFINITY;
    const moment = Math.min(nextEnter, nextLeave);
    if (moment > now) break;
    while (leave <= end && samples[leave].at + windowMs === moment) aggregate -= weight(samples[leave++]);
    while (enter <= end && samples[enter].at === moment) aggregate += weight(samples[enter++]);
    const isBreaching = holds(aggregate);
    if (isBreaching !== state) {
      state = isBreaching;
      since = moment;
    }
  }
  // Floating-point sums drift after many adds and removals; the reported value is summed afresh.
  let value = 0;
  for (let i = end; i >= 0 && samples[i].at > now - windowMs; i--) value += weight(samples[i]);
  const isBreaching = holds(value);
  if (isBreaching !== state) since = now;
  return isBreaching ? { kind: "firing", since, value } : { kind: "calm", since, value };
}

/** The verdict for one series (samples in any order). */
export function judgeSeries(condition: TRuleCondition, samples: readonly TSample[], now: number): TSeriesVerdict {
  const sorted = sortedByTime(samples);
  const { window } = condition;
  if (window.kind === "count" || window.kind === "sum") return judgeWindow(condition, sorted, now, window.kind, minutesMs(window.minutes));
  return judgeLatest(condition, sorted, now);
}

const RANK: Record<TSeriesVerdict["kind"], number> = { no_data: 0, calm: 1, pending: 2, firing: 3 };

/** Of two verdicts of the same kind, the one a person should see: the longest or the worst. */
function isWorse(comparator: TComparator, a: TSeriesVerdict, b: TSeriesVerdict): boolean {
  if (RANK[a.kind] !== RANK[b.kind]) return RANK[a.kind] > RANK[b.kind];
  if (a.kind === "firing" && b.kind === "firing") return a.since < b.since;
  if (a.kind === "pending" && b.kind === "pending") return a.heldMs > b.heldMs;
  if (a.kind === "calm" && b.kind === "calm") return comparator.startsWith(">") ? a.value > b.value : a.value < b.value;
  return false;
}

/**
 * A rule's state at `now` from its metric's series: the worst series decides. `previous` turns a
 * calm verdict into "resolved" after a firing, and keeps the time that state began.
 */
export function evaluateRule(
  condition: TRuleCondition,
  series: readonly TStageSeries[],
  now: number,
  previous: TPreviousState | null = null,
): TRuleEvaluation {
  let worst: { verdict: TSeriesVerdict; stage: TMetricStage } | null = null;
  for (const s of series) {
    if (condition.stage && s.stage !== condition.stage) continue;
    const verdict = judgeSeries(condition, s.samples, now);
    if (!worst || isWorse(condition.comparator, verdict, worst.verdict)) worst = { verdict, stage: s.stage };
  }
  if (!worst || worst.verdict.kind === "no_data") {
    const since = worst?.verdict.since ?? null;
    return { state: "no_data", since: previous?.state === "no_data" ? previous.since : since, value: null, stage: null, progress: null };
  }
  const { verdict, stage } = worst;
  if (verdict.kind === "calm") {
    const wasFiring = previous?.state === "firing" || previous?.state === "resolved";
    const state: TRuleState = wasFiring ? "resolved" : "ok";
    const since = previous?.state === state ? previous.since : verdict.since;
    return { state, since, value: verdict.value, stage, progress: null };
  }
  if (verdict.kind === "pending") {
    return { state: "pending", since: verdict.since, value: verdict.value, stage, progress: { heldMs: verdict.heldMs, requiredMs: verdict.requiredMs } };
  }
  return { state: "firing", since: verdict.since, value: verdict.value, stage, progress: null };
}

/** The states in which a rule does not hold a rollout checkpoint. */
export const GREEN_STATES: readonly TRuleState[] = ["ok", "resolved", "no_data"];

type TGateRule = { label: string; severity: TRuleSeverity; isEnabled: boolean; state: TRuleState };

/**
 * "Metrics green for N minutes": the countdown runs only while every enabled escalate and rollback
 * rule is green. Returns the rules holding it (empty: green). A rule without data holds nothing.
 */
export function checkpointBlockers<T extends TGateRule>(rules: readonly T[]): T[] {
  return rules.filter((r) => r.isEnabled && r.severity !== "success" && !GREEN_STATES.includes(r.state));
}

/** How much of a sample history a rule needs to be judged: its window plus the staleness limit. */
export function lookbackMs(window: TRuleWindow): number {
  return (window.kind === "immediate" ? 0 : minutesMs(window.minutes)) + NO_DATA_AFTER_MS;
}

/** "3:12 of 5:00 breaching" for a pending rule. */
export function formatProgress(progress: { heldMs: number; requiredMs: number }): string {
  return `${formatStopwatch(progress.heldMs)} of ${formatStopwatch(progress.requiredMs)} breaching`;
}

/** "held for 5 min", "in 5 min", or "" for immediate: how the window reads in a sentence. */
export function describeWindow(window: TRuleWindow): string {
  switch (window.kind) {
    case "immediate":
      return "";
    case "sustained":
      return `sustained for ${formatMinutesInWords(window.minutes)}`;
    case "count":
      return `samples in ${formatMinutesInWords(window.minutes)}`;
    case "sum":
      return `in ${formatMinutesInWords(window.minutes)}`;
  }
}
