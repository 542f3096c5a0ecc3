// The deployment record (the runbook's "Record Deployment Details"), built from what the run recorded:
// times, who deployed, every phase and check, the go/no-go outcome and votes, the rollout steps, alerts
// and decisions, announcements and the baseline metrics. Pure: the server gathers, this decides.
import { ANSWER_WORDS, decisionOf, OUTCOME_WORDS, voteOf, type TPollRound } from "./go-no-go";
import type { TAlertView } from "./metric-events";
import type { TAnnouncementView } from "./comms-events";
import {
  apiAvailability,
  BASELINE_METRICS,
  compareWithBaseline,
  databaseHealth,
  formatBaselineValue,
  type TBaselineMetrics,
  type TComparison,
} from "./baseline";
import { ACTION_LABELS, walkTrail, type TDecisionTree } from "./decision-trees";
import type { TWalkView } from "./decision-events";
import type { TRolloutStep } from "./rollout";
import { isRecurring, type TSnapshotPhase } from "./run-snapshot";
import { isTerminal, STATUS_LABELS, type TRunStatus } from "./run-status";
import type { TPhaseKey } from "./template-definition";

export const MISSING = "—";

export type TRecordInput = {
  run: {
    id: string;
    name: string;
    service: string;
    targetVersion: string;
    commit: string | null;
    status: TRunStatus;
    statusReason: string | null;
    plannedStart: string;
    startedAt: string | null;
    endedAt: string | null;
    /** Where the rollout stood last. */
    rolloutPercent: number;
  };
  roles: { role: string; label: string; userName: string }[];
  /** Who started the deployment (moved it out of planned), when no Deployment Lead is named. */
  startedByName: string | null;
  phases: TSnapshotPhase[];
  goNoGo: TPollRound[];
  positionLabel: (position: string) => string;
  rolloutSteps: TRolloutStep[];
  /** Every rollout step taken, oldest first. */
  rolloutAdvances: { percent: number; label: string; at: string; byName: string }[];
  alerts: TAlertView[];
  trees: TDecisionTree[];
  walks: TWalkView[];
  announcements: TAnnouncementView[];
  baseline: { capturedAt: string; windowMinutes: number; metrics: TBaselineMetrics } | null;
  /** The service's completed run before this one, with its baseline. */
  previous: { runId: string; name: string; targetVersion: string; commit: string | null; endedAt: string; metrics: TBaselineMetrics } | null;
  /** The runbook's "Record Deployment Details" block. */
  recordTemplate: string;
  generatedAt: string;
};

export type TVerdict = "passed" | "passed_with_skips" | "failed" | "in_progress" | "stopped" | "not_reached";

export type TPhaseResult = {
  key: TPhaseKey;
  title: string;
  verdict: TVerdict;
  summary: string;
  startedAt: string | null;
  completedAt: string | null;
  durationMinutes: number | null;
  budgetMinMinutes: number;
  budgetMaxMinutes: number;
  done: number;
  skipped: number;
  failed: number;
  open: number;
  total: number;
  /** Items not simply done: skipped with their reason, failed with their note, still open. */
  exceptions: { text: string; state: string; note: string | null; byName: string | null }[];
};

export type TRecurringResult = { phaseTitle: string; title: string; intervalMinutes: number; rounds: number; lastAt: string | null; lastByName: string | null };

export type TGoNoGoResult = {
  round: number;
  status: "open" | "closed";
  outcome: string;
  override: { reason: string; byName: string; at: string } | null;
  openedAt: string;
  openedByName: string;
  closedAt: string | null;
  closedByName: string | null;
  questions: string[];
  roll: { label: string; holderName: string | null; answers: string[]; reasons: string[] }[];
};

export type TRolloutResult = { percent: number; label: string; checkpoint: string; reachedAt: string | null; byName: string | null; minutesHeld: number | null };

export type TDecisionResult = {
  treeTitle: string;
  trail: string[];
  action: string | null;
  status: TWalkView["status"];
  outcome: string | null;
  evidence: string[];
  startedByName: string;
  startedAt: string;
  endedByName: string | null;
  endedAt: string | null;
};

export type TBaselineResult = {
  capturedAt: string;
  windowMinutes: number;
  values: { key: string; label: string; value: string; samples: number; stage: string }[];
  databaseHealth: string;
  apiAvailability: string;
};

export type TDeploymentRecord = {
  generatedAt: string;
  isFinished: boolean;
  run: TRecordInput["run"] & { roles: TRecordInput["roles"] };
  outcome: { status: TRunStatus; label: string; reason: string | null };
  date: string;
  startTime: string;
  endTime: string;
  durationMinutes: number | null;
  deployedBy: string;
  /** The runbook's block with every line filled, in its order. */
  block: string;
  fields: { label: string; value: string }[];
  phases: TPhaseResult[];
  recurring: TRecurringResult[];
  goNoGo: TGoNoGoResult[];
  rollout: TRolloutResult[];
  alerts: TAlertView[];
  decisions: TDecisionResult[];
  announcements: TAnnouncementView[];
  baseline: TBaselineResult | null;
  comparison: { previousRunId: string; previousRunName: string; previousVersion: string; previousEndedAt: string; rows: TComparison[] } | null;
};

const clock = (iso: string | null) => (iso ? `${iso.slice(11, 16)} UTC` : MISSING);
const minutesBetween = (from: string | null, to: string | null) =>
  from && to ? Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000)) : null;

const OUTCOME_LABELS: Partial<Record<TRunStatus, string>> = {
  completed: "✅ SUCCESS",
  rolled_back: "⟲ ROLLED BACK",
  aborted: "✖ ABORTED",
  rescheduled: "↻ RESCHEDULED",
};

function phaseResult(phases: TSnapshotPhase[], key: TPhaseKey, title: string, runStatus: TRunStatus): Omit<TPhaseResult, "key"> {
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
    exceptions: items
      .filter((i) => i.state !== "done")
      .map((i) => ({ text: i.text, state: i.state, note: i.note, byName: i.changedByName })),
  };
}

function rolloutResults(input: TRecordInput): TRolloutResult[] {
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

function stepVerdict(rollout: TRolloutResult[], which: "canary" | "full", status: TRunStatus, percent: number): string {
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

function goNoGoResults(input: TRecordInput): TGoNoGoResult[] {
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

function decisionResults(input: TRecordInput): TDecisionResult[] {
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

function baselineResult(baseline: NonNullable<TRecordInput["baseline"]>): TBaselineResult {
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

const normalise = (label: string) => label.trim().toLowerCase();
const LINE = /^(\s*(?:-\s+)?)([^:]+):(.*)$/;

/** Fill each "Label: value" line of the runbook's block: known labels from the run, others kept (or "—" for a [placeholder]). */
export function fillRecordBlock(template: string, values: ReadonlyMap<string, string>): { block: string; fields: { label: string; value: string }[] } {
  const fields: { label: string; value: string }[] = [];
  const lines = template.split("\n").map((line) => {
    const match = LINE.exec(line);
    if (!match) return line;
    const [, prefix, rawLabel, rest] = match;
    const label = rawLabel.trim();
    // A heading such as "Metrics Baseline:" has nothing after its colon.
    if (!rest.trim()) return line;
    const known = values.get(normalise(label));
    const value = known ?? (/\[[^\]]*\]/.test(rest) ? MISSING : rest.trim());
    fields.push({ label, value });
    return `${prefix}${label}: ${value}`;
  });
  return { block: lines.join("\n"), fields };
}

export function buildDeploymentRecord(input: TRecordInput): TDeploymentRecord {
  const { run } = input;
  const phaseOf = (key: TPhaseKey) => input.phases.filter((p) => p.key === key);
  const phases = input.phases.map((p) => ({ key: p.key, ...phaseResult([p], p.key, p.title, run.status) }));
  const rollout = rolloutResults(input);
  const baseline = input.baseline ? baselineResult(input.baseline) : null;
  const baselineValue = (key: string) => baseline?.values.find((v) => v.key === key)?.value ?? MISSING;
  const durationMinutes = minutesBetween(run.startedAt, run.endedAt);
  const deployedBy = input.roles.find((r) => r.role === "deployment_lead")?.userName ?? input.startedByName ?? MISSING;
  const currentPercent = run.rolloutPercent;
  const outcomeLabel = OUTCOME_LABELS[run.status] ?? `⏳ IN PROGRESS (${STATUS_LABELS[run.status]})`;
  const date = (run.startedAt ?? run.plannedStart).slice(0, 10);
  const startTime = clock(run.startedAt);
  const endTime = clock(run.endedAt);

  const values = new Map<string, string>([
    ["deployment date", date],
    ["deployment time", run.startedAt ? `${startTime}${run.endedAt ? ` (ended ${endTime})` : ""}` : MISSING],
    ["deployed by", deployedBy],
    ["git commit", run.commit ?? MISSING],
    ["deployment duration", durationMinutes === null ? MISSING : `${durationMinutes} ${durationMinutes === 1 ? "minute" : "minutes"}`],
    ["status", outcomeLabel],
    ["pre-deployment checks", phaseResult(phaseOf("pre_deployment"), "pre_deployment", "", run.status).summary],
    ["staging tests", phaseResult([...phaseOf("staging"), ...phaseOf("smoke_testing")], "staging", "", run.status).summary],
    ["canary deployment", stepVerdict(rollout, "canary", run.status, currentPercent)],
    ["full rollout", stepVerdict(rollout, "full", run.status, currentPercent)],
    ["post-deployment validation", phaseResult(phaseOf("validation"), "validation", "", run.status).summary],
    ["error rate", baselineValue("error_rate")],
    ["avg response time", baselineValue("response_time_avg")],
    ["p95 response time", baselineValue("response_time_p95")],
    ["database health", baseline?.databaseHealth ?? MISSING],
    ["api availability", baseline?.apiAvailability ?? MISSING],
  ]);
  const { block, fields } = fillRecordBlock(input.recordTemplate, values);

  const recurring = input.phases.flatMap((p) =>
    p.sections.filter(isRecurring).map((s) => ({
      phaseTitle: p.title,
      title: s.title,
      intervalMinutes: s.intervalMinutes!,
      rounds: s.rounds.length,
      lastAt: s.rounds[0]?.completedAt ?? null,
      lastByName: s.rounds[0]?.byName ?? null,
    })),
  );

  return {
    generatedAt: input.generatedAt,
    isFinished: isTerminal(run.status),
    run: { ...run, roles: input.roles },
    outcome: { status: run.status, label: outcomeLabel, reason: run.statusReason },
    date,
    startTime,
    endTime,
    durationMinutes,
    deployedBy,
    block,
    fields,
    phases,
    recurring,
    goNoGo: goNoGoResults(input),
    rollout,
    alerts: input.alerts,
    decisions: decisionResults(input),
    announcements: input.announcements,
    baseline,
    comparison:
      input.previous && input.baseline
        ? {
            previousRunId: input.previous.runId,
            previousRunName: input.previous.name,
            previousVersion: input.previous.targetVersion,
            previousEndedAt: input.previous.endedAt,
            rows: compareWithBaseline(Object.fromEntries(Object.entries(input.baseline.metrics).map(([k, v]) => [k, v.value])), input.previous.metrics),
          }
        : null,
  };
}
