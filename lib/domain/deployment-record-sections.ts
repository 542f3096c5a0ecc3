// The deployment record's sections, one builder each: phases, rollout steps, go/no-go rounds,
// decisions and the baseline. Pure, like the record itself (deployment-record.ts).
import { apiAvailability, BASELINE_METRICS, databaseHealth, formatBaselineValue } from "./baseline";
import { ACTION_LABELS, walkTrail } from "./decision-trees";
import { MISSING, type TBaselineResult, type TDecisionResult, type TGoNoGoResult, type TPhaseResult, type TRecordInput, type TRolloutResult, type TVerdict } from "./deployment-record-types";
import { ANSWER_WORDS, OUTCOME_WORDS, voteOf } from "./go-no-go";
import { decisionOf } from "./go-no-go-rules";
import { isRecurring, type TSnapshotPhase } from "./run-snapshot";
import { isTerminal, STATUS_LABELS, type TRunStatus } from "./run-status";
import type { TPhaseKey } from "./template-definition";
import { formatUtcMinute } from "./time-format";

export const clock = (iso: string | null) => (iso ? formatUtcMinute(iso) : MISSING);
export const minutesBetween = (from: string | null, to: string | null) =>
  from && to ? Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000)) : null;

export const OUTCOME_LABELS: Partial<Record<TRunStatus, string>> = {
  completed: "✅ SUCCESS",
  rolled_back: "⟲ ROLLED BACK",
  aborted: "✖ ABORTED",
  rescheduled: "↻ RESCHEDULED",
};

/** A completed run marked faulty after it ended. */
export const FAULTY_LABEL = "✖ FAULTY (found after completion)";

export function phaseResult(phases: TSnapshotPhase[], key: TPhaseKey, title: string, runStatus: TRunStatus): Omit<TPhaseResult, "key"> {
  const items = phases.flatMap((p) => p.sections.filter((s) => !isRecurring(s)).flatMap((s) => s.items));
  const count = (state: string) => items.filter((i) => i.state === state).length;
  const starts = phases.map((p) => p.startedAt).filter((t): t is string => !!t).sort();
  const isCompleted = phases.length > 0 && phases.every((p) => p.completedAt);
  const startedAt = starts[0] ?? null;
  const completedAt = isCompleted ? phases.map((p) => p.completedAt!).sort().at(-1)! : null;
  const [done, skipped, failed, open] = [count("done"), count("skipped"), count("failed"), count("open")];
  const isOver = isTerminal(runStatus) || runStatus === "rescheduled";
  // A phase the run left (a rollback closes its clock) with required items still open did not pass.
  const isUnfinished = !isCompleted || items.some((i) => i.required && i.state === "open");
  let verdict: TVerdict;
  let summary: string;
  if (!startedAt) [verdict, summary] = ["not_reached", `${MISSING} Not reached`];
  else if (failed > 0) [verdict, summary] = ["failed", `❌ ${failed} failed`];
  else if (isUnfinished && (isOver || isCompleted)) [verdict, summary] = ["stopped", `⛔ Stopped: ${STATUS_LABELS[runStatus].toLowerCase()} (${done + skipped} of ${items.length} done)`];
  else if (isUnfinished) [verdict, summary] = ["in_progress", `⏳ In progress (${done + skipped} of ${items.length} done)`];
  else if (skipped > 0) [verdict, summary] = ["passed_with_skips", `✅ Passed (${skipped} skipped)`];
  else [verdict, summary] = ["passed", "✅ All passed"];
  return {
    title,
    verdict,
    summary,
    startedAt,
    completedAt,
    durationMinutes: minutesBetween(startedAt, completedAt),
    budgetMinMinutes: phases.reduce((s, p) => s + p.budgetMinMinutes, 0),
    budgetMaxMinutes: phases.reduce((s, p) => s + p.budgetMaxMinutes, 0),
    done,
    skipped,
    failed,
    open,
    total: items.length,
    // A tick against a breaching or inconclusive metric is an exception too: the record keeps why.
    exceptions: items
      .filter((i) => i.state !== "done" || i.overrideStatus)
      .map((i) => ({ text: i.text, state: i.state, note: i.note, byName: i.changedByName, override: i.overrideStatus ?? null })),
  };
}

export function rolloutResults(input: Pick<TRecordInput, "rolloutSteps" | "rolloutAdvances" | "run">): TRolloutResult[] {
  return input.rolloutSteps.map((step, index) => {
    const reached = input.rolloutAdvances.filter((a) => a.percent === step.percent).at(-1) ?? null;
    const nextStep = input.rolloutSteps[index + 1];
    const next = nextStep ? (input.rolloutAdvances.find((a) => a.percent === nextStep.percent && reached && a.at >= reached.at) ?? null) : null;
    const heldUntil = next?.at ?? (reached ? (input.run.endedAt ?? null) : null);
    return {
      percent: step.percent,
      label: step.label,
      checkpoint: step.checkpoint,
      reachedAt: reached?.at ?? null,
      byName: reached?.byName ?? null,
      minutesHeld: reached ? minutesBetween(reached.at, heldUntil) : null,
    };
  });
}

export function stepVerdict(rollout: TRolloutResult[], which: "canary" | "full", status: TRunStatus, percent: number): string {
  const index = which === "canary" ? 0 : rollout.length - 1;
  const step = rollout[index];
  if (!step) return MISSING;
  const isLast = index === rollout.length - 1;
  if (!step.reachedAt) {
    if (status === "rolled_back" || status === "aborted") return `❌ Not reached (${status === "aborted" ? "aborted" : "rolled back"} at ${percent}%)`;
    return isTerminal(status) || status === "rescheduled" ? `${MISSING} Not reached` : `⏳ Not yet (at ${percent}%)`;
  }
  if (!isLast && rollout[index + 1]?.reachedAt) return "✅ Successful";
  if (status === "rolled_back") return isLast ? `⚠ Reached ${step.percent}%, then rolled back` : `❌ Rolled back at ${step.percent}%`;
  if (status === "aborted") return `✖ Aborted at ${step.percent}%`;
  if (isLast && status !== "production") return "✅ Successful";
  return `⏳ In progress (${step.percent}%)`;
}

export function goNoGoResults(input: TRecordInput): TGoNoGoResult[] {
  return input.goNoGo.map((round) => {
    const decision = decisionOf(round);
    const frozen = round.decision;
    const roll = frozen
      ? frozen.roll.map((r) => ({
          label: r.label,
          holderName: r.holderName,
          answers: r.answers.map((a) => ANSWER_WORDS[a.answer]),
          reasons: r.answers.filter((a) => a.reason).map((a) => `${a.voterName}: ${a.reason}`),
        }))
      : round.positions.map((position) => {
          const votes = round.questions.map((_, i) => voteOf(round, position, i));
          return {
            label: input.positionLabel(position),
            holderName: input.roles.find((r) => r.role === position)?.userName ?? null,
            answers: votes.map((v) => (v ? ANSWER_WORDS[v.answer] : MISSING)),
            reasons: votes.filter((v) => v?.reason).map((v) => `${v!.voterName}: ${v!.reason}`),
          };
        });
    const outcome = decision ? `${OUTCOME_WORDS[decision.outcome]}${decision.isOverridden ? " (override)" : ""}` : "Voting (not closed)";
    return {
      round: round.round,
      status: round.status,
      outcome,
      override: round.override,
      openedAt: round.openedAt,
      openedByName: round.openedByName,
      closedAt: round.closedAt,
      closedByName: round.closedByName,
      questions: round.questions,
      roll,
    };
  });
}

export function decisionResults(input: TRecordInput): TDecisionResult[] {
  return input.walks.map((walk) => {
    const tree = input.trees.find((t) => t.key === walk.treeKey);
    const trail = tree ? (walkTrail(tree, walk.path) ?? []).map((n) => n.label) : walk.path;
    return {
      treeTitle: walk.treeTitle,
      trail,
      action: walk.action ? ACTION_LABELS[walk.action] : null,
      status: walk.status,
      outcome: walk.outcome,
      evidence: walk.evidence,
      startedByName: walk.startedByName,
      startedAt: walk.startedAt,
      endedByName: walk.endedByName,
      endedAt: walk.endedAt,
    };
  });
}

export function baselineResult(baseline: NonNullable<TRecordInput["baseline"]>): TBaselineResult {
  const health = databaseHealth(baseline.metrics);
  const availability = apiAvailability(baseline.metrics);
  return {
    capturedAt: baseline.capturedAt,
    windowMinutes: baseline.windowMinutes,
    values: BASELINE_METRICS.filter((m) => baseline.metrics[m.key]).map((m) => {
      const v = baseline.metrics[m.key];
      return { key: m.key, label: m.label, value: formatBaselineValue(v.value, m.unit), samples: v.samples, stage: v.stage };
    }),
    databaseHealth: health ? (health.isGood ? "✅ Good" : `⚠ Degraded (${health.reason})`) : MISSING,
    apiAvailability: availability === null ? MISSING : `${Number(availability.toFixed(2))}%`,
  };
}
