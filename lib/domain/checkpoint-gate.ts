// "Canary metrics green (5 minutes)": the rollout checkpoint countdown runs only while every gating
// rule (enabled, escalate or rollback) is ok with fresh data, and says in words why it is held.
// Green means verified: no rule, no data, or only ignored rules never pass a checkpoint. Pure.
import { compareLine, tooFewSamplesText } from "./compare-wording";
import { formatMetricValue, type TMetricStage } from "./metric-catalog";
import { type TRuleSeverity } from "./metric-rules";
import { formatStopwatch } from "./time-format";
import { silenceMs, type TRuleVerdictState, type TVerdictRule } from "./rule-verdict";

/** A rule as the gate, the status light and the comms line see it. */
export type TJudgedRule = {
  label: string;
  metric: string;
  /** "Error rate": the metric's label, for sentences. */
  metricLabel: string;
  /** The series judged; null or "overall" reads without a stage. */
  stage: TMetricStage | null;
  severity: TRuleSeverity;
  isEnabled: boolean;
  unit: string;
  rule: Pick<TVerdictRule, "onNoData" | "mode" | "recoveryMinutes" | "windowMinutes" | "minSamples">;
  state: TRuleVerdictState;
};

export type TCheckpointGate =
  | { kind: "running"; startedAt: number; elapsedMs: number; remainingMs: number; isElapsed: boolean }
  | { kind: "held"; reasons: string[] };

export const isGating = (r: Pick<TJudgedRule, "isEnabled" | "severity">) => r.isEnabled && r.severity !== "success";
/**
 * Gating at this moment: a compare rule with no canary left to compare (all traffic on the new
 * version) rests, neither holding nor vouching (compare-verdict.ts).
 */
export const isGatingNow = (r: Pick<TJudgedRule, "isEnabled" | "severity" | "state">) => isGating(r) && r.state.inconclusive?.kind !== "no_canary";

/** Its latest evaluation judged a fresh value (ok, pending or firing alike). */
export const hasFreshData = (r: Pick<TJudgedRule, "state">) => r.state.inconclusive === null && r.state.status !== "inconclusive";
/** Judged ok on a value it just saw: what "verified" means. */
export const isOkWithFreshData = (r: Pick<TJudgedRule, "state">) => r.state.status === "ok" && hasFreshData(r);

const onStage = (stage: TMetricStage | null) => (stage && stage !== "overall" ? ` on ${stage}` : "");

/** "error_rate", or "error_rate (canary)" for a rule judging one stage. */
export function ruleSubject(r: Pick<TJudgedRule, "metric" | "stage">): string {
  return r.stage && r.stage !== "overall" ? `${r.metric} (${r.stage})` : r.metric;
}

/** "8.1% on canary, 0:04 ago": the value a rule last judged and how old its newest sample is. */
export function liveValueText(r: Pick<TJudgedRule, "state" | "unit" | "stage">, now: number): string {
  const live = r.state.live;
  // A compare rule's value is its comparison (the canary's median is only half of it).
  if (r.state.compare) return `${compareLine(r.state.compare, r.unit)}${live ? `, ${formatStopwatch(now - live.at)} ago` : ""}`;
  if (!live) return "no value yet";
  return `${formatMetricValue(live.value, r.unit)}${onStage(r.stage)}, ${formatStopwatch(now - live.at)} ago`;
}

/** Why an inconclusive rule cannot vouch for the metrics, with how long it has been so. */
export function inconclusiveReason(r: Pick<TJudgedRule, "metric" | "stage" | "rule" | "state">, now: number): string {
  const subject = r.state.compare ? `${r.metric} (canary vs production)` : ruleSubject(r);
  const reason = r.state.inconclusive ?? { kind: "no_data" as const };
  switch (reason.kind) {
    case "no_data":
    case "stale":
      return `${subject}: no sample for ${formatStopwatch(silenceMs(r.state, now))} — is the monitoring feed running?`;
    case "provider_error":
      return `${subject}: the data source failed (${reason.message}) — no verdict for ${formatStopwatch(now - r.state.since)}`;
    case "no_canary":
      return `${subject}: nothing to compare — all traffic is on the new version`;
    case "too_few_samples":
      if (r.state.compare) return `${subject}: ${tooFewSamplesText(r.state.compare)} in the last ${Number(r.rule.windowMinutes.toFixed(2))} min`;
      return `${subject}: ${reason.count} of the ${reason.required} samples needed in the last ${Number(r.rule.windowMinutes.toFixed(2))} min — is the feed sending often enough?`;
  }
}

function progressText(r: TJudgedRule, now: number): string {
  const mode = r.rule.mode;
  if (mode.kind === "sustained") return `breaching for ${formatStopwatch(now - (r.state.breachSince ?? now))} of ${formatStopwatch(mode.minutes * 60_000)}`;
  if (mode.kind === "k_of_n") return `${r.state.recent.filter(Boolean).length} of the last ${mode.n} evaluations breaching (fires at ${mode.k})`;
  return "breaching";
}

/** Why this rule holds the checkpoint, or null when it does not. */
export function holdReason(r: TJudgedRule, now: number): string | null {
  if (!isGatingNow(r)) return null;
  const { status, clearSince } = r.state;
  if (status === "firing") {
    const recovering = clearSince === null ? "" : `, clear for ${formatStopwatch(now - clearSince)} of ${formatStopwatch(r.rule.recoveryMinutes * 60_000)}`;
    return `“${r.label}” is firing: ${liveValueText(r, now)}${recovering}`;
  }
  if (status === "pending") return `“${r.label}” is ${progressText(r, now)}: ${liveValueText(r, now)}`;
  // A rule that ignores missing data has no say without it (the zero-sample guard still applies).
  if (status === "inconclusive" && r.rule.onNoData !== "ignore") return inconclusiveReason(r, now);
  return null;
}

/**
 * The countdown at `now`: running from `countdownStartedAt` (or from now, if it was held), or held
 * with every reason. The caller stores the start and clears it when held, so a hold restarts the
 * full duration.
 */
export function checkpointGate(input: { rules: readonly TJudgedRule[]; greenMinutes: number; countdownStartedAt: number | null; now: number }): TCheckpointGate {
  const { now } = input;
  const gating = input.rules.filter(isGatingNow);
  const reasons = gating.map((r) => holdReason(r, now)).filter((reason): reason is string => reason !== null);
  if (gating.length === 0) reasons.push("no metric rule gates this checkpoint — nothing verifies it");
  else if (reasons.length === 0 && !gating.some(isOkWithFreshData)) {
    // Only rules that ignore missing data, and none has any: a zero-sample run must not pass.
    const quietest = gating.reduce((a, b) => (silenceMs(a.state, now) >= silenceMs(b.state, now) ? a : b));
    reasons.push(inconclusiveReason(quietest, now));
  }
  if (reasons.length > 0) return { kind: "held", reasons };
  const startedAt = input.countdownStartedAt ?? now;
  const elapsedMs = Math.max(0, now - startedAt);
  const remainingMs = Math.max(0, input.greenMinutes * 60_000 - elapsedMs);
  return { kind: "running", startedAt, elapsedMs, remainingMs, isElapsed: remainingMs === 0 };
}
