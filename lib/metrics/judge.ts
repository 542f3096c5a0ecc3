// One evaluation of a run's rules, at each rule's interval: the verdict of every rule that is due
// (rule-verdict.ts, across stages as rule-stages.ts says), saved on its row so a restart resumes
// streaks and ages, broadcast live (values and ages on screen are the current aggregate's), and
// recorded on the timeline only when a status changes (success criteria coalesced per window) or
// the rollout checkpoint must be held or restarted.
import { db } from "../db/client";
import type { TRuleLive } from "../domain/metric-events";
import type { TStageSeries } from "../domain/metric-rules";
import { shouldRecordStatus } from "../domain/rule-replay";
import { verifiedStage } from "../domain/rule-semantics";
import { catchUpTimes, replayStart, type TStagedStep } from "../domain/rule-stages";
import { isEvaluationDue, verdictLookbackMs, type TRuleVerdictState } from "../domain/rule-verdict";
import type { TRunStatus } from "../domain/run-status";
import { broadcastRulesLive } from "../timeline/broadcast";
import { gateOf, isCheckpointUnderWay } from "./checkpoint";
import type { TRunMonitor } from "./monitor-store";
import { semanticsOfRow, verdictJson, verdictOfRow, type TRuleRow } from "./rule-rows";
import { recordStateChanges, type TJudged, type TRecordOutcome } from "./state-changes";
import { followLinkedItems } from "../runs/linked-items";
import { leadDecisions } from "./lead-resolutions";
import { evaluateRuleAt } from "./rule-step";
import { countRuleEvaluations } from "../observability/metrics";

/** Should this step's status become a timeline event, against what the row last recorded? */
export function isNews(row: TRuleRow, step: TStagedStep, now: number): boolean {
  return shouldRecordStatus({
    severity: row.severity,
    status: step.state.status,
    lastRecorded: { status: row.state, at: row.lastRecordedAt?.getTime() ?? Number.NEGATIVE_INFINITY },
    windowMinutes: semanticsOfRow(row).windowMinutes,
    now,
  });
}

async function saveVerdicts(judged: readonly TJudged[]): Promise<void> {
  const ids = judged.map((j) => j.row.id);
  const states = judged.map((j) => JSON.stringify(verdictJson(j.step.state)));
  await db().$executeRaw`
    UPDATE "RunMetricRule" AS r SET verdict = v.verdict::jsonb
    FROM unnest(${ids}::text[], ${states}::text[]) AS v(id, verdict)
    WHERE r.id = v.id`;
}

/**
 * Judge the due rules at `now` (every enabled rule when `isForced`, for tests and tools) and record
 * what is news. The series come from the monitor's memory.
 */
export async function judgeRules(
  state: TRunMonitor,
  rules: readonly TRuleRow[],
  /** A metric's series as `row` reads them (a PromQL rule reads its own query's values). */
  seriesOf: (metric: string, row: TRuleRow) => TStageSeries[],
  input: {
    now: number;
    isForced: boolean;
    /** The oldest sample received since the last evaluation. */
    oldestNewSampleAt: number | null;
    /** A PromQL rule's data source error at `now` (prometheus-feed.ts); catch-up evaluations have none. */
    providerErrorOf?: (row: TRuleRow) => string | null;
  },
): Promise<TRecordOutcome> {
  const { now, isForced } = input;
  const last = (row: TRuleRow) => state.verdicts.get(row.id) ?? verdictOfRow(row);
  // An evaluation older than the rule's last one (a late forced one) would rewind its state: skipped.
  const isAfterLast = (r: TRuleRow) => (last(r)?.lastEvaluatedAt ?? Number.NEGATIVE_INFINITY) < now;
  // A rule re-judged from a back-fill starts from nothing (replayStart) and is due at once.
  const previous = (row: TRuleRow) => replayStart(last(row), input.oldestNewSampleAt);
  const isRejudged = (r: TRuleRow) => last(r) !== null && previous(r) === null;
  const due = rules.filter((r) => r.isEnabled && isAfterLast(r) && (isForced || isRejudged(r) || isEvaluationDue(previous(r), semanticsOfRow(r), now)));
  if (due.length === 0) return { kind: "unchanged" };
  const run = await db().run.findUnique({ where: { id: state.runId }, select: { id: true, status: true, rolloutPercent: true, checkpointStartedAt: true, playbook: true } });
  if (!run) return { kind: "terminal" };
  const stage = verifiedStage({ status: run.status as TRunStatus, rolloutPercent: run.rolloutPercent });
  state.verifiedStage = stage;

  const statusBefore = new Map(due.map((row) => [row.id, last(row)?.status]));
  const decisions = await leadDecisions(state.runId, due.filter((row) => last(row)?.status === "firing").map((row) => row.id));
  const judged: TJudged[] = due.map((row) => {
    const semantics = semanticsOfRow(row);
    const series = seriesOf(row.metric, row);
    const stepInput = {
      row,
      semantics,
      series,
      denominator: semantics.denominatorMetric ? seriesOf(semantics.denominatorMetric, row) : undefined,
      verifiedStage: stage,
      leadDecidedAt: decisions.get(row.id) ?? null,
    };
    const evaluateAt = (at: number, before: TRuleVerdictState | null, providerError: string | null = null) => evaluateRuleAt(stepInput, before, at, providerError);
    // Missed evaluations are replayed first, so a streak or a recovery counts the time it really took.
    const oldest = series.reduce<number | null>((min, s) => (s.samples.length && (min === null || s.samples[0].at < min) ? s.samples[0].at : min), null);
    const times = catchUpTimes({ previous: previous(row), intervalMs: semantics.intervalSeconds * 1000, oldestSampleAt: oldest, lookbackMs: verdictLookbackMs(semantics), now });
    const caughtUp = times.reduce((before, at) => evaluateAt(at, before).state, previous(row));
    const step = evaluateAt(now, caughtUp, input.providerErrorOf?.(row) ?? null);
    state.verdicts.set(row.id, step.state);
    return { row, step };
  });
  await saveVerdicts(judged);
  countRuleEvaluations(judged.map(({ step }) => step.state.status));
  const live: TRuleLive[] = judged.map(({ row, step }) => ({ ruleId: row.id, status: step.state.status, stage: step.stage, live: step.state.live, verdict: step.state }));
  broadcastRulesLive({ runId: state.runId, rules: live });
  // Items tied to a rule tick when it passes (lib/runs/linked-items.ts): on any status move, recorded
  // or not, since success criteria reach the timeline at most once per window.
  if (judged.some(({ row, step }) => statusBefore.get(row.id) !== step.state.status)) void followLinkedItems(state.runId);

  const news = judged.filter(({ row, step }) => isNews(row, step, now));
  let isGateNews = false;
  if (isCheckpointUnderWay(run)) {
    const gate = await gateOf(db(), run, rules, new Date(now), state.verdicts);
    isGateNews = (gate.kind === "held") === (run.checkpointStartedAt !== null);
  }
  if (news.length === 0 && !isGateNews) return { kind: "unchanged" };
  return recordStateChanges(state.runId, news, new Date(now));
}
