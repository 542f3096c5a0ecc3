// What the metrics showed while each rollout stage ran, for the record: how many samples of the
// gating rules' metrics arrived, and the longest time any gating rule spent inconclusive (from the
// status changes on the timeline). A stage with none, or with minutes of silence, is unverified.
import { isGating } from "../domain/checkpoint-gate";
import { parseRunEvent } from "../domain/events/catalogue";
import type { TMetricStage } from "../domain/metric-catalog";
import type { TRuleView } from "../domain/metric-events";
import type { TRolloutResult, TRecordInput } from "../domain/deployment-record-types";
import { timeInStatus, type TStageEvidence, type TStatusMark } from "../domain/verdict-wording";
import { db } from "../db/client";

type TWindow = { from: number; to: number } | null;

/** When a step's traffic ran: from the step until the next one (or the run's end, or now). */
function stepWindow(rollout: readonly TRolloutResult[], index: number, endedAt: string | null, now: number): TWindow {
  const step = rollout[index];
  if (!step?.reachedAt) return null;
  const next = rollout[index + 1]?.reachedAt;
  return { from: Date.parse(step.reachedAt), to: next ? Date.parse(next) : endedAt ? Date.parse(endedAt) : now };
}

async function statusMarks(runId: string): Promise<Map<string, TStatusMark[]>> {
  const rows = await db().timelineEvent.findMany({ where: { runId, type: "metrics.states_changed" }, orderBy: { seq: "asc" } });
  const marks = new Map<string, TStatusMark[]>();
  for (const row of rows) {
    const { event } = parseRunEvent({ ...row, createdAt: row.createdAt.toISOString() });
    if (event.type !== "metrics.states_changed") continue;
    for (const change of event.payload.changes) {
      const list = marks.get(change.ruleId) ?? [];
      list.push({ at: Date.parse(event.createdAt), status: change.to });
      marks.set(change.ruleId, list);
    }
  }
  return marks;
}

async function evidenceFor(runId: string, window: TWindow, stage: TMetricStage, rules: readonly TRuleView[], marks: Map<string, TStatusMark[]>): Promise<TStageEvidence> {
  if (!window) return { sampleCount: 0, noDataMs: 0 };
  const gating = rules.filter(isGating);
  const sampleCount = await db().metricSample.count({
    // Samples sent without a stage speak for every stage (lib/domain/rule-stages.ts).
    where: { runId, metric: { in: gating.map((r) => r.metric) }, stage: { in: [stage, "overall"] }, at: { gte: new Date(window.from), lt: new Date(window.to) } },
  });
  const noDataMs = gating.reduce((longest, r) => Math.max(longest, timeInStatus(marks.get(r.id) ?? [], "inconclusive", window.from, window.to)), 0);
  return { sampleCount, noDataMs };
}

export async function stageEvidence(
  runId: string,
  rollout: readonly TRolloutResult[],
  run: Pick<TRecordInput["run"], "endedAt">,
  rules: readonly TRuleView[],
  now: number,
): Promise<TRecordInput["stageEvidence"]> {
  const marks = await statusMarks(runId);
  const [canary, full] = await Promise.all([
    evidenceFor(runId, stepWindow(rollout, 0, run.endedAt, now), "canary", rules, marks),
    evidenceFor(runId, stepWindow(rollout, rollout.length - 1, run.endedAt, now), "production", rules, marks),
  ]);
  return { canary, full };
}
