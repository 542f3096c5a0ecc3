// The gate a pipeline waits on: the people's go/no-go poll and the metrics' verdict together, for one
// stage (and optionally one rollout step). Pure: the run's state and the clock are passed in.
// It never says go on inconclusive data: no poll, an open poll, a gating rule without fresh data or
// still pending, or a checkpoint not yet reached all make it `wait`; a firing rule, a RESCHEDULE, a
// lock or a freeze make it `no_go`; a recommended or decided rollback makes it `rollback`.
import { holdReason, isGating, isOkWithFreshData, type TJudgedRule } from "../domain/checkpoint-gate";
import type { TGoNoGoState } from "../domain/go-no-go";
import type { TAlertView, TRuleView, TRunMetrics } from "../domain/metric-events";
import { checkpoint, type TRolloutStep } from "../domain/rollout";
import { judgedRule } from "../domain/rule-semantics";
import { STATUS_LABELS, type TRunStatus } from "../domain/run-status";
import { formatCountdown } from "../domain/time-format";

/** Worst first: the order decisions outrank each other in. */
export const GATE_DECISIONS = ["rollback", "no_go", "wait", "go"] as const;
export type TGateDecision = (typeof GATE_DECISIONS)[number];
export const GATE_STAGES = ["canary", "production"] as const;
export type TGateStage = (typeof GATE_STAGES)[number];
export const GATE_SOURCES = ["run", "poll", "metrics", "checkpoint", "rollback", "lock", "freeze"] as const;
export type TGateSource = (typeof GATE_SOURCES)[number];

export type TGateReason = { source: TGateSource; decision: TGateDecision; message: string };
export type TGate = { decision: TGateDecision; reasons: TGateReason[] };

/**
 * A lock or freeze that applies to the run now (lib/domain/service-guards.ts words it), and the
 * lead's or admin's written override of it for this run only, if any.
 */
export type TGateGuard = { source: "lock" | "freeze"; message: string; overriddenBy: { byName: string; reason: string } | null };

export type TGateInput = {
  now: number;
  status: TRunStatus;
  statusReason?: string | null;
  rolloutPercent: number;
  checkpointStartedAt: string | null;
  rolloutSteps: readonly TRolloutStep[];
  goNoGo: TGoNoGoState;
  metrics: Pick<TRunMetrics, "rules" | "customMetrics" | "alerts">;
  guards: readonly TGateGuard[];
  stage?: TGateStage;
  step?: number;
};

const rank = (decision: TGateDecision) => GATE_DECISIONS.indexOf(decision);

function runReason({ status, statusReason }: TGateInput): TGateReason | null {
  const why = statusReason ? `: ${statusReason}` : ".";
  if (status === "rolled_back") return { source: "run", decision: "rollback", message: `The run was rolled back${why}` };
  if (status === "aborted" || status === "rescheduled" || status === "completed") return { source: "run", decision: "no_go", message: `The run is over (${STATUS_LABELS[status]})${why}` };
  return null;
}

function pollReason(goNoGo: TGoNoGoState): TGateReason {
  // Rounds from before the run last entered go/no-go are history, not today's answer.
  const round = goNoGo.rounds.filter((r) => r.openedSeq >= goNoGo.enteredSeq).at(-1);
  if (!round) return { source: "poll", decision: "wait", message: "No go/no-go poll has been held yet." };
  if (round.status === "open") return { source: "poll", decision: "wait", message: `The go/no-go poll (round ${round.round}) is still open.` };
  if (round.override) return { source: "poll", decision: "go", message: `The go/no-go poll was overridden by ${round.override.byName}: ${round.override.reason}` };
  if (round.outcome === "proceed") return { source: "poll", decision: "go", message: `The go/no-go poll (round ${round.round}) said PROCEED.` };
  return { source: "poll", decision: "no_go", message: `The go/no-go poll (round ${round.round}) said RESCHEDULE.` };
}

/** The rules that speak for a stage: those judging that stage, and those judging every stage. */
export function rulesForStage(rules: readonly TRuleView[], stage: TGateStage | undefined): TRuleView[] {
  return rules.filter((r) => !stage || r.stage === null || r.stage === "overall" || r.stage === stage);
}

/** A compare rule with no canary left (the rollout at 100%) rests: it has a say only if still firing. */
const isResting = (r: TRuleView) => r.verdict?.inconclusive?.kind === "no_canary" && r.state !== "firing";

function metricReasons(input: TGateInput): TGateReason[] {
  const speaking = rulesForStage(input.metrics.rules, input.stage).filter((r) => !isResting(r));
  const judged: TJudgedRule[] = speaking.map((r) => judgedRule(r, input.metrics, input.now));
  const gating = judged.filter(isGating);
  const on = input.stage ? ` for ${input.stage}` : "";
  if (gating.length === 0) return [{ source: "metrics", decision: "wait", message: `No enabled metric rule gates${on}: nothing verifies the metrics.` }];
  const reasons: TGateReason[] = [];
  for (const rule of gating) {
    // A resting comparison (holdReason leaves it out) still says no while it fires.
    const held = holdReason(rule, input.now) ?? (rule.state.status === "firing" ? `“${rule.label}” is firing.` : null);
    if (held) reasons.push({ source: "metrics", decision: rule.state.status === "firing" ? "no_go" : "wait", message: held });
  }
  // Only rules that ignore missing data, and none has any: a run without samples never says go.
  if (reasons.length === 0 && !gating.some(isOkWithFreshData)) reasons.push({ source: "metrics", decision: "wait", message: `No gating rule has fresh data${on}.` });
  if (reasons.length) return reasons;
  return [{ source: "metrics", decision: "go", message: `All ${gating.length} gating rules${on} are ok with fresh data.` }];
}

function checkpointReason(input: TGateInput, step: number): TGateReason {
  const { status, rolloutPercent } = input;
  if (status !== "production" && rolloutPercent === 0) {
    return { source: "checkpoint", decision: "wait", message: `The rollout has not started (${STATUS_LABELS[status]}): ${step}% is not reached yet.` };
  }
  if (rolloutPercent < step) return { source: "checkpoint", decision: "wait", message: `The rollout is at ${rolloutPercent}%: ${step}% is not reached yet.` };
  if (rolloutPercent > step) return { source: "checkpoint", decision: "go", message: `The rollout is past ${step}% (at ${rolloutPercent}%).` };
  const state = { percent: rolloutPercent, checkpointStartedAt: input.checkpointStartedAt ? new Date(input.checkpointStartedAt) : null };
  const cp = checkpoint([...input.rolloutSteps], state, new Date(input.now));
  const label = input.rolloutSteps.find((s) => s.percent === step)?.checkpoint ?? `${step}% checkpoint`;
  if (!cp) return { source: "checkpoint", decision: "wait", message: `Checkpoint “${label}” is held until every gating rule is ok with fresh data.` };
  if (!cp.isElapsed) return { source: "checkpoint", decision: "wait", message: `Checkpoint “${label}” has ${formatCountdown(cp.remainingMs)} left.` };
  return { source: "checkpoint", decision: "go", message: `Checkpoint “${label}” reached.` };
}

function rollbackReasons(alerts: readonly Pick<TAlertView, "label" | "decision">[]): TGateReason[] {
  return alerts
    .filter((a) => a.decision !== "continue")
    .map((a) => ({ source: "rollback", decision: "rollback", message: a.decision === "rollback" ? `A rollback was decided: ${a.label}.` : `A rollback is recommended: ${a.label}.` }));
}

function guardReasons(guards: readonly TGateGuard[]): TGateReason[] {
  return guards.map(({ source, message, overriddenBy }) =>
    overriddenBy
      ? { source, decision: "go", message: `${message} — overridden for this run by ${overriddenBy.byName}: ${overriddenBy.reason}` }
      : { source, decision: "no_go", message },
  );
}

export function decideGate(input: TGateInput): TGate {
  const run = runReason(input);
  const reasons = [
    ...(run ? [run] : []),
    ...rollbackReasons(input.metrics.alerts),
    ...guardReasons(input.guards),
    pollReason(input.goNoGo),
    ...metricReasons(input),
    ...(input.step !== undefined ? [checkpointReason(input, input.step)] : []),
  ];
  const decision = reasons.reduce<TGateDecision>((worst, r) => (rank(r.decision) < rank(worst) ? r.decision : worst), "go");
  // What holds it first: a pipeline prints these (a stable sort keeps each group's own order).
  return { decision, reasons: reasons.sort((a, b) => rank(a.decision) - rank(b.decision)) };
}
