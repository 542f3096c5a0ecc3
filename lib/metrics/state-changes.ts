// Recording what the evaluator found, through the one command path: only rules whose status is
// news (re-checked against the locked rows: state changes, success criteria at most once per
// window), a rollback recommendation when a rollback rule starts firing, and the checkpoint held or
// restarted. Samples and evaluations themselves never make timeline events.
import { METRIC_EVENTS, type TAlertView, type TRuleChange, type TStatesChangedPayload } from "../domain/metric-events";
import type { TStagedStep } from "../domain/rule-stages";
import { isTerminal, type TRunStatus } from "../domain/run-status";
import { followLinkedItems } from "../runs/linked-items";
import { runCommand, type TCommandActor, type TCommandResult, type TTx } from "../timeline/command";
import { toAlertView } from "./alerts-view";
import { reconcileCheckpoint } from "./checkpoint";
import { isNews } from "./judge";
import { verdictJson, type TRuleRow } from "./rule-rows";

/** The actor of everything the evaluator records. */
/** The metrics monitor as it appears on the timeline: its own actor kind (PERMISSIONS "metrics.evaluate"). */
export const MONITORING_ACTOR: TCommandActor = { id: "system:monitoring", name: "Monitoring", role: "monitor" };

export type TJudged = { row: TRuleRow; step: TStagedStep };
export type TRecordOutcome = { kind: "recorded"; result: TCommandResult } | { kind: "unchanged" } | { kind: "terminal" };

class NothingToRecord extends Error {
  constructor(readonly outcome: "unchanged" | "terminal") {
    super(outcome);
  }
}

/**
 * The recorded states in one statement: a hundred rules changing together (a data source going
 * down) must not hold the command's transaction for a hundred round trips.
 */
async function saveRecordedStates(tx: TTx, rows: readonly TRuleRow[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(pick: (row: TRuleRow) => T) => rows.map(pick);
  const epoch = (date: Date | null) => date?.getTime() ?? null;
  // Prisma keeps DateTime columns as UTC in "timestamp without time zone": converted the same way.
  await tx.$executeRaw`
    UPDATE "RunMetricRule" AS r SET
      state = v.state::"MetricRuleState",
      "stateSince" = to_timestamp(v.since / 1000.0) AT TIME ZONE 'UTC',
      "stateValue" = v.value,
      "stateStage" = v.stage::"MetricStage",
      "lastRecordedAt" = to_timestamp(v.recorded / 1000.0) AT TIME ZONE 'UTC',
      verdict = v.verdict::jsonb
    FROM unnest(${column((r) => r.id)}::text[], ${column((r) => r.state)}::text[], ${column((r) => epoch(r.stateSince))}::float8[],
                ${column((r) => r.stateValue)}::float8[], ${column((r) => r.stateStage)}::text[], ${column((r) => epoch(r.lastRecordedAt))}::float8[],
                ${column((r) => JSON.stringify(r.verdict))}::text[])
      AS v(id, state, since, value, stage, recorded, verdict)
    WHERE r.id = v.id`;
}

export async function recordStateChanges(runId: string, news: readonly TJudged[], at: Date): Promise<TRecordOutcome> {
  try {
    const result = await runCommand({ runId, actor: MONITORING_ACTOR, permission: "metrics.evaluate" }, async (tx, run, now) => {
      // A finished run keeps the states it ended with.
      if (isTerminal(run.status as TRunStatus)) throw new NothingToRecord("terminal");
      const rows = await tx.runMetricRule.findMany({ where: { runId } });
      const after: TRuleRow[] = [];
      const updates: TRuleRow[] = [];
      const changes: TRuleChange[] = [];
      for (const row of rows) {
        const step = news.find((e) => e.row.id === row.id)?.step;
        if (!step || !row.isEnabled || !isNews(row, step, at.getTime())) {
          after.push(row);
          continue;
        }
        const { state } = step;
        const value = state.live?.value ?? null;
        const verdict = verdictJson(state) as unknown as TRuleRow["verdict"];
        const updated: TRuleRow = { ...row, state: state.status, stateSince: new Date(state.since), stateValue: value, stateStage: step.stage, lastRecordedAt: now, verdict };
        updates.push(updated);
        after.push(updated);
        changes.push({
          ruleId: row.id,
          label: row.label,
          metric: row.metric,
          severity: row.severity,
          unit: row.unit,
          from: row.state,
          to: state.status,
          since: new Date(state.since).toISOString(),
          value,
          stage: step.stage,
          verdict: state,
        });
      }

      await saveRecordedStates(tx, updates);

      const alertsRaised: TAlertView[] = [];
      for (const change of changes) {
        if (change.severity !== "rollback" || change.to !== "firing") continue;
        // One open recommendation per rule: firing again before anyone decided is the same one.
        const open = await tx.rollbackAlert.findFirst({ where: { runId, ruleId: change.ruleId, decision: null } });
        if (open) continue;
        const alert = await tx.rollbackAlert.create({
          data: {
            runId,
            source: "rule",
            ruleId: change.ruleId,
            label: change.label,
            metric: change.metric,
            stage: change.stage,
            value: change.value,
            unit: change.unit,
            raisedAt: now,
            raisedByName: MONITORING_ACTOR.name,
          },
        });
        alertsRaised.push(toAlertView(alert));
      }
      const payload: TStatesChangedPayload = { changes, alertsRaised };
      // Judged at the evaluation's time, which the ages in the reasons count from.
      const checkpoint = await reconcileCheckpoint(tx, run, after, at);
      if (checkpoint) payload.checkpoint = checkpoint;
      if (changes.length === 0 && !checkpoint) throw new NothingToRecord("unchanged");
      return { type: METRIC_EVENTS.statesChanged, payload };
    });
    // ── issue 15 item 7: checklist items tied to a rule or checkpoint tick themselves once it passes
    // with data (exactly once per pass: lib/runs/linked-items.ts). Keep this the only call from here.
    void followLinkedItems(runId);
    return { kind: "recorded", result };
  } catch (error) {
    if (error instanceof NothingToRecord) return { kind: error.outcome };
    throw error;
  }
}
