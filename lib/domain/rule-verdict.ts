// The three-way verdict of a metric rule, evaluated incrementally every `interval`:
// (previous state, reading, now) → next state. Pure; the clock is passed in.
//
// Each evaluation judges the window's aggregate (rule-aggregate.ts) and is ok, breaching, or
// inconclusive (no data in the window, feed stale, data source error, too few samples). The rule's
// status follows from the evaluations:
// - immediate: a breaching evaluation fires at once;
// - sustained N min: fires once every evaluation for N min has breached (pending meanwhile); any
//   evaluation that does not breach restarts the streak, as Prometheus's `for`;
// - k of n: fires when ≥ k of the last n evaluations breach (Argo Rollouts' failureLimit is k − 1:
//   Argo fails when failures exceed it);
// - hysteresis: a firing rule stays firing until its evaluations have been ok for the recovery
//   period, or a lead resolves it. No data is never "ok": it cannot end a firing.
// - onNoData: "hold" makes the rule inconclusive (it holds checkpoints, ends a streak, keeps a firing);
//   "ignore" leaves the status as it was; "fail" counts the evaluation as breaching.
import type { TCompareFigures } from "./compare-rule";
import { breaches, NO_DATA_AFTER_MS, type TComparator, type TRuleWindow, type TSample } from "./metric-rules";
import { aggregate, type TAggregation } from "./rule-aggregate";

export type TVerdictMode = { kind: "immediate" } | { kind: "sustained"; minutes: number } | { kind: "k_of_n"; k: number; n: number };
export const ON_NO_DATA = ["hold", "ignore", "fail"] as const;
export type TOnNoData = (typeof ON_NO_DATA)[number];

export type TVerdictRule = {
  aggregation: TAggregation;
  windowMinutes: number;
  comparator: TComparator;
  threshold: number;
  /** The metric's unit; "%" scales a ratio by 100. */
  unit: string;
  mode: TVerdictMode;
  intervalSeconds: number;
  minSamples: number;
  onNoData: TOnNoData;
  recoveryMinutes: number;
  /** The newest sample older than this makes the evaluation inconclusive ("feed stale"). */
  staleAfterSeconds: number;
};

/** How often pushed samples are judged; a Prometheus rule may set its own. */
export const PUSH_INTERVAL_SECONDS = 10;
/** A sustained rule's aggregate: long enough to average out single-sample noise, short enough to react. */
export const SUSTAINED_WINDOW_MINUTES = 1;

export type TVerdictRuleInput = Pick<TVerdictRule, "comparator" | "threshold"> & Partial<Omit<TVerdictRule, "comparator" | "threshold">>;

/**
 * A rule with its defaults. Every severity holds on no data: escalation and rollback rules because
 * they gate the rollout, success criteria because "ignore" would keep a met criterion "met" after
 * its feed died. "ignore" is for a metric the author declares optional.
 * Recovery defaults to the rule's window: its aggregation window or its sustained period if longer.
 */
export function withVerdictDefaults(input: TVerdictRuleInput): TVerdictRule {
  const windowMinutes = input.windowMinutes ?? NO_DATA_AFTER_MS / 60_000;
  const mode = input.mode ?? { kind: "immediate" };
  return {
    aggregation: input.aggregation ?? "last",
    windowMinutes,
    comparator: input.comparator,
    threshold: input.threshold,
    unit: input.unit ?? "",
    mode,
    intervalSeconds: input.intervalSeconds ?? PUSH_INTERVAL_SECONDS,
    minSamples: input.minSamples ?? 1,
    onNoData: input.onNoData ?? "hold",
    recoveryMinutes: input.recoveryMinutes ?? Math.max(windowMinutes, mode.kind === "sustained" ? mode.minutes : 0),
    staleAfterSeconds: input.staleAfterSeconds ?? NO_DATA_AFTER_MS / 1000,
  };
}

/**
 * Today's rule windows in the new terms, so existing templates mean what the runbook says:
 * immediate = the latest sample of the last 2 minutes; "> 5% sustained 5 min" = the one-minute mean
 * above 5% at every evaluation for 5 minutes; count/sum within W = the count/sum over W.
 */
export function fromLegacyWindow(window: TRuleWindow): Pick<TVerdictRule, "aggregation" | "windowMinutes" | "mode"> {
  switch (window.kind) {
    case "immediate":
      return { aggregation: "last", windowMinutes: NO_DATA_AFTER_MS / 60_000, mode: { kind: "immediate" } };
    case "sustained":
      return { aggregation: "mean", windowMinutes: Math.min(SUSTAINED_WINDOW_MINUTES, window.minutes), mode: { kind: "sustained", minutes: window.minutes } };
    case "count":
    case "sum":
      return { aggregation: window.kind, windowMinutes: window.minutes, mode: { kind: "immediate" } };
  }
}

export type TVerdictStatus = "ok" | "pending" | "firing" | "inconclusive";

export type TInconclusive =
  | { kind: "no_data" }
  | { kind: "stale" }
  | { kind: "provider_error"; message: string }
  | { kind: "too_few_samples"; count: number; required: number; /** A compare rule: the stage short of samples. */ side?: "canary" | "production" }
  /** A compare rule once all traffic is on the new version: nothing to compare it with (it gates nothing). */
  | { kind: "no_canary" };

/** The aggregate last judged, with the time of its newest sample (its age is now − at). */
export type TLiveValue = { value: number; sampleCount: number; at: number };

export type TRuleVerdictState = {
  status: TVerdictStatus;
  /** When the status began (evaluation time; a pending rule: its first breaching evaluation). */
  since: number;
  /** The first evaluation: "no sample for 3:12" counts from here until a sample arrives. */
  startedAt: number;
  lastEvaluatedAt: number;
  lastSampleAt: number | null;
  /** The current run of breaching evaluations began here. */
  breachSince: number | null;
  /** Firing only: every evaluation has been ok since. */
  clearSince: number | null;
  /** k of n only: the last n evaluations, newest last, true = breaching. Bounded by n. */
  recent: readonly boolean[];
  /** The latest evaluation's reason, when it was inconclusive. */
  inconclusive: TInconclusive | null;
  /** The latest aggregate judged (kept through a gap, so its age keeps growing on screen). */
  live: TLiveValue | null;
  /** A compare rule: its latest comparison's figures (medians, U, p); absent on other rules. */
  compare?: TCompareFigures | null;
};

export type TRuleReading = {
  samples: readonly TSample[];
  /** ratio only: the denominator's samples. */
  denominator?: readonly TSample[];
  /** The data source's error text this interval (Prometheus's status and error). */
  providerError?: string | null;
  /** A lead declared the firing over (the rule may fire again when its mode says so). */
  isResolvedByLead?: boolean;
};

export type TEvaluationOutcome = "ok" | "breaching" | "inconclusive";
/** `ageMs`: how old the newest sample behind the live value is (null: no value yet). */
export type TVerdictStep = { state: TRuleVerdictState; changed: boolean; outcome: TEvaluationOutcome; ageMs: number | null };

export function initialVerdictState(now: number): TRuleVerdictState {
  return {
    status: "inconclusive",
    since: now,
    startedAt: now,
    lastEvaluatedAt: Number.NEGATIVE_INFINITY,
    lastSampleAt: null,
    breachSince: null,
    clearSince: null,
    recent: [],
    inconclusive: { kind: "no_data" },
    live: null,
  };
}

/** How long nothing has arrived: since the newest sample, or since the rule started without one. */
export function silenceMs(state: Pick<TRuleVerdictState, "lastSampleAt" | "startedAt">, now: number): number {
  return Math.max(0, now - (state.lastSampleAt ?? state.startedAt));
}

export function isEvaluationDue(state: TRuleVerdictState | null, rule: Pick<TVerdictRule, "intervalSeconds">, now: number): boolean {
  return !state || now - state.lastEvaluatedAt >= rule.intervalSeconds * 1000;
}

const windowMs = (rule: Pick<TVerdictRule, "windowMinutes">) => Math.round(rule.windowMinutes * 60_000);

/** How long a verdict takes to form from its evaluations: the sustained period, or n intervals. */
function streakMs(rule: Pick<TVerdictRule, "mode" | "intervalSeconds">): number {
  if (rule.mode.kind === "sustained") return rule.mode.minutes * 60_000;
  if (rule.mode.kind === "k_of_n") return rule.mode.n * rule.intervalSeconds * 1000;
  return 0;
}

/**
 * How much sample history a rule needs: its window before each evaluation of its streak (so a
 * history pushed at once — a back-fill, a restart with no state — can be replayed into the verdict
 * it shows: "> 5% sustained 5 min" fires from six minutes of samples), or its staleness limit if
 * longer, so the age of the newest sample is still known.
 */
export function verdictLookbackMs(rule: Pick<TVerdictRule, "windowMinutes" | "staleAfterSeconds" | "mode" | "intervalSeconds">): number {
  return Math.max(windowMs(rule) + streakMs(rule), rule.staleAfterSeconds * 1000);
}

const newestAtOrBefore = (samples: readonly TSample[], now: number) =>
  samples.reduce<number | null>((newest, s) => (s.at <= now && (newest === null || s.at > newest) ? s.at : newest), null);

/** One evaluation's finding, before the rule's mode and hysteresis turn it into a status. */
export type TJudgement = { outcome: TEvaluationOutcome; inconclusive: TInconclusive | null; live: TLiveValue | null; compare?: TCompareFigures | null };

function judge(rule: TVerdictRule, reading: TRuleReading, now: number): TJudgement {
  if (reading.providerError) return { outcome: "inconclusive", inconclusive: { kind: "provider_error", message: reading.providerError }, live: null };
  const result = aggregate({ aggregation: rule.aggregation, windowMs: windowMs(rule), samples: reading.samples, denominator: reading.denominator, unit: rule.unit }, now);
  if (result.kind === "no_data") return { outcome: "inconclusive", inconclusive: { kind: "no_data" }, live: null };
  const live = { value: result.value, sampleCount: result.sampleCount, at: result.newestAt };
  if (now - result.newestAt >= rule.staleAfterSeconds * 1000) return { outcome: "inconclusive", inconclusive: { kind: "stale" }, live };
  if (result.sampleCount < rule.minSamples) {
    return { outcome: "inconclusive", inconclusive: { kind: "too_few_samples", count: result.sampleCount, required: rule.minSamples }, live };
  }
  return { outcome: breaches(rule.comparator, result.value, rule.threshold) ? "breaching" : "ok", inconclusive: null, live };
}

type TMachine = Pick<TRuleVerdictState, "status" | "since" | "breachSince" | "clearSince" | "recent">;

function next(rule: TVerdictRule, prev: TMachine, outcome: TEvaluationOutcome, now: number): TMachine {
  const isBreach = outcome === "breaching" || (outcome === "inconclusive" && rule.onNoData === "fail");
  if (outcome === "inconclusive" && rule.onNoData === "ignore") return prev;
  if (outcome === "inconclusive" && rule.onNoData === "hold") {
    if (prev.status === "firing") return { ...prev, clearSince: null };
    return { status: "inconclusive", since: prev.status === "inconclusive" ? prev.since : now, breachSince: null, clearSince: null, recent: prev.recent };
  }
  const recent = rule.mode.kind === "k_of_n" ? [...prev.recent, isBreach].slice(-rule.mode.n) : [];
  const breachSince = isBreach ? (prev.breachSince ?? now) : null;
  if (prev.status === "firing") {
    if (isBreach) return { ...prev, breachSince, clearSince: null, recent };
    const clearSince = prev.clearSince ?? now;
    if (now - clearSince < rule.recoveryMinutes * 60_000) return { ...prev, breachSince, clearSince, recent };
    return { status: "ok", since: now, breachSince: null, clearSince: null, recent: [] };
  }
  const mode = rule.mode;
  const fires =
    mode.kind === "immediate"
      ? isBreach
      : mode.kind === "sustained"
        ? isBreach && now - breachSince! >= mode.minutes * 60_000
        : recent.filter(Boolean).length >= mode.k;
  if (fires) return { status: "firing", since: now, breachSince, clearSince: null, recent };
  const status = isBreach ? "pending" : "ok";
  const since = status === prev.status ? prev.since : status === "pending" ? breachSince! : now;
  return { status, since, breachSince, clearSince: null, recent };
}

/** One evaluation. `changed` says whether the status changed: only then is there news to record. */
export function evaluateVerdict(rule: TVerdictRule, previous: TRuleVerdictState | null, reading: TRuleReading, now: number): TVerdictStep {
  const newest = newestAtOrBefore(reading.samples, now);
  const newestDenominator = reading.denominator ? newestAtOrBefore(reading.denominator, now) : newest;
  // A ratio has a sample only when both feeds do; the staler one dates it.
  const arrived = newest === null || newestDenominator === null ? null : Math.min(newest, newestDenominator);
  return advanceVerdict(rule, previous, judge(rule, reading, now), { newestSampleAt: arrived, isResolvedByLead: reading.isResolvedByLead }, now);
}

/**
 * The rule's next state from one evaluation's finding (however it was judged: an aggregate against
 * a threshold, or canary against production). `newestSampleAt`: the newest sample this evaluation
 * saw, null when none.
 *
 * A lead's decision ends a firing at the evaluation that carries it, which therefore cannot fire
 * again (an immediate rule still breaching would, at once, and the decision would never show): the
 * rule is pending if it still breaches, and fires again only as its mode says from there on — the
 * next breaching evaluation for an immediate rule, N more minutes for "sustained N min".
 */
export function advanceVerdict(
  rule: TVerdictRule,
  previous: TRuleVerdictState | null,
  judgement: TJudgement,
  input: { newestSampleAt: number | null; isResolvedByLead?: boolean },
  now: number,
): TVerdictStep {
  let prev = previous ?? initialVerdictState(now);
  const isResolved = input.isResolvedByLead === true && prev.status === "firing";
  if (isResolved) prev = { ...prev, status: "ok", since: now, breachSince: null, clearSince: null, recent: [] };
  const { outcome, inconclusive, live } = judgement;
  const arrived = input.newestSampleAt;
  const lastSampleAt = arrived === null ? prev.lastSampleAt : Math.max(arrived, prev.lastSampleAt ?? arrived);
  let machine = next(rule, prev, outcome, now);
  if (isResolved && machine.status === "firing") machine = { ...machine, status: "pending", since: machine.breachSince ?? now };
  const state: TRuleVerdictState = { ...prev, ...machine, lastEvaluatedAt: now, lastSampleAt, inconclusive, live: live ?? prev.live };
  if (judgement.compare !== undefined) state.compare = judgement.compare;
  const ageMs = state.live ? now - state.live.at : null;
  return { state, changed: state.status !== (previous?.status ?? "inconclusive"), outcome, ageMs };
}

/**
 * Does a lead's decision (a "continue" on the rule's rollback recommendation at `decidedAt`) end the
 * firing `before` at the evaluation at `at`? Only a firing that began before the decision: one that
 * began after it is news the lead has not seen.
 */
export function isResolvedByLeadAt(decidedAt: number | null, before: Pick<TRuleVerdictState, "status" | "since"> | null, at: number): boolean {
  return decidedAt !== null && before?.status === "firing" && before.since <= decidedAt && at >= decidedAt;
}
