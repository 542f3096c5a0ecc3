// Recording what the evaluator found, through the one command path: only rules whose state changed
// (re-checked against the locked rows), a rollback recommendation when a rollback rule starts firing,
// and the checkpoint held or restarted. Samples themselves never make timeline events.
import type { TActor } from "../auth/users";
import { METRIC_EVENTS, type TAlertView, type TRuleChange, type TStatesChangedPayload } from "../domain/metric-events";
import type { TRuleEvaluation } from "../domain/metric-rules";
import { isTerminal, type TRunStatus } from "../domain/run-status";
import { followLinkedItems } from "../runs/linked-items";
import { runCommand, type TCommandResult } from "../timeline/command";
import { toAlertView } from "./alerts-view";
import { reconcileCheckpoint, type TRuleRow } from "./rules";

/** The actor of everything the evaluator records. */
export const MONITORING_ACTOR: TActor = { id: "system:monitoring", name: "Monitoring", role: "admin" };

export type TEvaluated = { ruleId: string; evaluation: TRuleEvaluation };
export type TRecordOutcome = { kind: "recorded"; result: TCommandResult } | { kind: "unchanged" } | { kind: "terminal" };

class NothingToRecord extends Error {
  constructor(readonly outcome: "unchanged" | "terminal") {
    super(outcome);
  }
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function recordStateChanges(runId: string, evaluated: readonly TEvaluated[]): Promise<TRecordOutcome> {
  try {
    const result = await runCommand({ runId, actor: MONITORING_ACTOR, permission: "runs.control" }, async (tx, run, now) => {
      // A finished run keeps the states it ended with.
      if (isTerminal(run.status as TRunStatus)) throw new NothingToRecord("terminal");
      const rows = await tx.runMetricRule.findMany({ where: { runId } });
      const after: TRuleRow[] = [];
      const changes: TRuleChange[] = [];
      for (const row of rows) {
        const found = evaluated.find((e) => e.ruleId === row.id)?.evaluation;
        if (!found || !row.isEnabled || found.state === row.state) {
          after.push(row);
          continue;
        }
        const since = found.since === null ? null : new Date(found.since);
        const updated = await tx.runMetricRule.update({
          where: { id: row.id },
          data: { state: found.state, stateSince: since, stateValue: found.value, stateStage: found.stage },
        });
        after.push(updated);
        changes.push({
          ruleId: row.id,
          label: row.label,
          metric: row.metric,
          severity: row.severity,
          unit: row.unit,
          from: row.state,
          to: found.state,
          since: iso(found.since),
          value: found.value,
          stage: found.stage,
        });
      }
      if (changes.length === 0) throw new NothingToRecord("unchanged");

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
      const checkpoint = await reconcileCheckpoint(tx, run, after, now);
      if (checkpoint) payload.checkpoint = checkpoint;
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
