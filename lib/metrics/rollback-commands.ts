// Rollback recommendations, person by person, through the one command path: a lead pulls a manual
// trigger (with a note), acknowledges a recommendation, and decides — roll back (the run then moves
// to Rolled back) or continue, with a reason. Acknowledgements and decisions record the metric
// values of that moment.
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import { manualTriggers } from "../domain/metric-defaults";
import { METRIC_EVENTS, type TAcknowledgedPayload, type TDecidedPayload, type TMetricValue, type TTriggeredPayload } from "../domain/metric-events";
import { checkTransition, type TRunStatus } from "../domain/run-status";
import { AppError, parseInput } from "../errors";
import { runCommand, type TCommandResult, type TTx } from "../timeline/command";
import { changeStatus } from "../runs/status-commands";
import { toAlertView } from "./alerts-view";
import { ZAcknowledgeAlert, ZDecideAlert, ZTriggerRollback } from "./schemas";

/** How far back "the values at that moment" look for each series' latest sample. */
const VALUES_LOOKBACK_MS = 10 * 60_000;

export async function latestValues(tx: TTx, runId: string, now: Date): Promise<TMetricValue[]> {
  const rows = await tx.$queryRaw<{ metric: string; stage: TMetricValue["stage"]; value: number; at: Date }[]>`
    SELECT DISTINCT ON (metric, stage) metric, stage::text AS stage, value, at
    FROM "MetricSample"
    WHERE "runId" = ${runId} AND at > ${new Date(now.getTime() - VALUES_LOOKBACK_MS)} AND at <= ${now}
    ORDER BY metric, stage, at DESC`;
  return rows.map((r) => ({ metric: r.metric, stage: r.stage, value: r.value, at: r.at.toISOString() }));
}

async function openAlert(tx: TTx, runId: string, alertId: string) {
  const alert = await tx.rollbackAlert.findFirst({ where: { id: alertId, runId } });
  if (!alert) throw new AppError("not_found", "No such rollback recommendation in this run.");
  if (alert.decision) {
    const verb = alert.decision === "rollback" ? "roll back" : "continue";
    throw new AppError("conflict", `${alert.decidedByName} already decided to ${verb} on “${alert.label}”.`);
  }
  return alert;
}

export async function triggerRollback(actor: TActor, input: unknown): Promise<TCommandResult> {
  const { runId, label, note, commandId } = parseInput(ZTriggerRollback, input);
  return runCommand({ runId, actor, permission: "runs.control", commandId }, async (tx, run, now) => {
    const known = manualTriggers(run.playbook);
    if (!known.includes(label)) throw new AppError("invalid_input", `label: “${label}” is not a manual rollback trigger of this run (${known.join("; ")}).`);
    const open = await tx.rollbackAlert.findFirst({ where: { runId, source: "manual", label, decision: null } });
    if (open) throw new AppError("conflict", `“${label}” was already pulled by ${open.raisedByName}: acknowledge or decide it.`);
    const alert = await tx.rollbackAlert.create({
      data: { runId, source: "manual", label, note, raisedAt: now, raisedByName: actor.name },
    });
    const payload: TTriggeredPayload = { alert: toAlertView(alert) };
    return { type: METRIC_EVENTS.triggered, payload };
  });
}

export async function acknowledgeAlert(actor: TActor, input: unknown): Promise<TCommandResult> {
  const { runId, alertId, commandId } = parseInput(ZAcknowledgeAlert, input);
  return runCommand({ runId, actor, permission: "runs.control", commandId, references: { alert: alertId } }, async (tx, _run, now) => {
    const alert = await openAlert(tx, runId, alertId);
    if (alert.acknowledgedAt) throw new AppError("conflict", `${alert.acknowledgedByName} already acknowledged “${alert.label}”.`);
    await tx.rollbackAlert.update({ where: { id: alertId }, data: { acknowledgedAt: now, acknowledgedByName: actor.name } });
    const payload: TAcknowledgedPayload = { alertId, label: alert.label, byName: actor.name, at: now.toISOString(), values: await latestValues(tx, runId, now) };
    return { type: METRIC_EVENTS.acknowledged, payload };
  });
}

/** Decide on a recommendation; rolling back then moves the run to Rolled back (its own event). */
export async function decideAlert(actor: TActor, input: unknown): Promise<TCommandResult> {
  const { runId, alertId, decision, reason, commandId } = parseInput(ZDecideAlert, input);
  const decided = await runCommand({ runId, actor, permission: "runs.control", commandId, references: { alert: alertId } }, async (tx, run, now) => {
    const alert = await openAlert(tx, runId, alertId);
    if (decision === "rollback") {
      const verdict = checkTransition(run.status as TRunStatus, "rolled_back", { reason, phases: [] });
      if (!verdict.ok) throw new AppError("illegal_transition", verdict.reason);
    }
    await tx.rollbackAlert.update({
      where: { id: alertId },
      data: {
        decision,
        decisionReason: reason,
        decidedAt: now,
        decidedByName: actor.name,
        acknowledgedAt: alert.acknowledgedAt ?? now,
        acknowledgedByName: alert.acknowledgedByName ?? actor.name,
      },
    });
    const payload: TDecidedPayload = { alertId, ruleId: alert.ruleId, label: alert.label, decision, reason, byName: actor.name, at: now.toISOString(), values: await latestValues(tx, runId, now) };
    return { type: METRIC_EVENTS.decided, payload };
  });
  if (decision === "rollback" && !decided.isReplay) {
    // The decision stands whatever else changed meanwhile: move the run from its current version.
    const { version } = await db().run.findUniqueOrThrow({ where: { id: runId }, select: { version: true } });
    const label = decided.event.type === "rollback.decided" ? decided.event.payload.label : "";
    await changeStatus(actor, { runId, to: "rolled_back", reason: `Rollback decided on “${label}”: ${reason}`, version }).catch((error: unknown) => {
      const message = error instanceof AppError ? error.message : "the status change failed";
      throw new AppError("conflict", `Decision recorded, but the run did not move to Rolled back: ${message}`);
    });
  }
  return decided;
}
