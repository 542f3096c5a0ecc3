// The gate as the API serves it: the run's state read in one transaction (poll, metrics, locks and
// freezes), judged by the pure rule (gate-rule.ts) for the stage and step asked about, and — with
// `?wait=` — held open until the decision changes (gate-watch.ts).
import "server-only";
import type { z } from "zod";
import { db } from "../db/client";
import type { TGoNoGoState } from "../domain/go-no-go";
import type { TRunMetrics } from "../domain/metric-events";
import type { TRolloutStep } from "../domain/rollout";
import { checkpoint } from "../domain/rollout";
import { ZPlaybook } from "../domain/template-definition";
import type { TRunStatus } from "../domain/run-status";
import { AppError } from "../errors";
import { loadGuardState, type TRunGuardState } from "../locks/queries";
import { toAlertView } from "../metrics/alerts-view";
import { toRuleView } from "../metrics/rule-rows";
import { ensureRules } from "../metrics/rules";
import { ALERTS_IN_SNAPSHOT } from "../domain/metric-events";
import type { TMetricKind } from "../domain/metric-catalog";
import { loadGoNoGoState } from "../runs/poll-queries";
import type { TApiCaller } from "./caller";
import { decideGate, type TGateStage } from "./gate-rule";
import { waitForGateChange } from "./gate-watch";
import { loadApiRun } from "./runs";
import type { ZApiGate, ZApiGateQuery } from "./schemas";

export type TGateQuery = { stage?: TGateStage; step?: number };
export type TGateAnswer = z.infer<typeof ZApiGate>;

/** Everything the gate reads of a run, at one moment. */
export type TGateState = {
  run: { id: string; service: string; status: TRunStatus; statusReason: string | null; rolloutPercent: number; checkpointStartedAt: string | null; rolloutSteps: TRolloutStep[] };
  goNoGo: TGoNoGoState;
  metrics: Pick<TRunMetrics, "rules" | "customMetrics" | "alerts">;
  guards: TRunGuardState;
  /** The run's last event when it was read: the next one may be folded in (gate-fold.ts). */
  lastSeq: number;
};

/** A safety net for changes no event announces (a freeze window opening is computed, not recorded). */
const MAX_RECHECK_MS = 15_000;

export async function loadGateState(runId: string): Promise<TGateState | null> {
  const run = await db().run.findUnique({ where: { id: runId } });
  if (!run) return null;
  // Side by side on the pool rather than one after the other in a transaction: this read answers
  // every pipeline waiting on the run, so its latency is theirs. Each part is read after the change
  // that prompted it committed; a change committing meanwhile signals another read.
  const [goNoGo, rules, custom, alerts, guards] = await Promise.all([
    loadGoNoGoState(db(), runId),
    // Only what the gate judges: rules, the run's own metrics, the rollback alerts (no firing periods, no tokens).
    ensureRules(db(), runId, run.playbook),
    db().runCustomMetric.findMany({ where: { runId }, orderBy: { createdAt: "asc" } }),
    db().rollbackAlert.findMany({ where: { runId }, orderBy: { raisedAt: "desc" }, take: ALERTS_IN_SNAPSHOT }),
    loadGuardState(db(), run),
  ]);
  const playbook = ZPlaybook.pick({ rolloutSteps: true }).safeParse(run.playbook);
  return {
    run: {
      id: run.id,
      service: run.service,
      status: run.status as TRunStatus,
      statusReason: run.statusReason,
      rolloutPercent: run.rolloutPercent,
      checkpointStartedAt: run.checkpointStartedAt?.toISOString() ?? null,
      rolloutSteps: playbook.success ? playbook.data.rolloutSteps : [],
    },
    goNoGo,
    metrics: {
      rules: rules.map(toRuleView),
      customMetrics: custom.map((c) => ({ key: c.key, label: c.label, unit: c.unit, kind: c.kind as TMetricKind })),
      alerts: alerts.map(toAlertView),
    },
    guards,
    lastSeq: run.lastSeq,
  };
}

export function evaluateGate(state: TGateState, query: TGateQuery, now: number): TGateAnswer {
  const { run } = state;
  const gate = decideGate({
    now,
    status: run.status,
    statusReason: run.statusReason,
    rolloutPercent: run.rolloutPercent,
    checkpointStartedAt: run.checkpointStartedAt,
    rolloutSteps: run.rolloutSteps,
    goNoGo: state.goNoGo,
    metrics: state.metrics,
    guards: state.guards.applying(now),
    stage: query.stage,
    step: query.step,
  });
  return {
    runId: run.id,
    service: run.service,
    status: run.status,
    rolloutPercent: run.rolloutPercent,
    stage: query.stage ?? null,
    step: query.step ?? null,
    ...gate,
    evaluatedAt: new Date(now).toISOString(),
  };
}

/** When the gate may change without an event: the checkpoint's end, a freeze's edge, or the safety net. */
export function nextRecheckAt(state: TGateState, now: number): number {
  const { run } = state;
  const candidates = [now + MAX_RECHECK_MS, state.guards.nextChangeAt(now) ?? Infinity];
  const started = run.checkpointStartedAt ? new Date(run.checkpointStartedAt) : null;
  const cp = checkpoint(run.rolloutSteps, { percent: run.rolloutPercent, checkpointStartedAt: started }, new Date(now));
  if (cp && !cp.isElapsed) candidates.push(cp.endsAt.getTime());
  return Math.min(...candidates);
}

/**
 * GET /api/v1/runs/{id}/gate: the gate now, or with `wait` once the decision differs from `while`
 * (default: the decision first read after the request arrived). Every read goes through the run's
 * watch (gate-watch.ts), so a burst of requests on one run costs one or two reads of its state. The
 * answer is the one shared by every waiter it settled (gate-route.ts encodes it once for them all);
 * `waitedMs` is this request's own.
 */
export async function getApiGate(caller: TApiCaller, runId: string, query: z.infer<typeof ZApiGateQuery>, signal: AbortSignal): Promise<{ answer: TGateAnswer; waitedMs?: number }> {
  const run = await loadApiRun(caller, runId);
  const steps = (ZPlaybook.pick({ rolloutSteps: true }).safeParse(run.playbook).data?.rolloutSteps ?? []).map((s) => s.percent);
  if (query.step !== undefined && !steps.includes(query.step)) {
    throw new AppError("invalid_input", `step: ${query.step}% is not a step of this run's rollout (${steps.map((p) => `${p}%`).join(", ")})`, { field: "step" });
  }
  const startedAt = Date.now();
  const answer = await waitForGateChange({
    runId,
    query: { stage: query.stage, step: query.step },
    whileDecision: query.wait ? (query.while ?? "first read") : "none",
    timeoutMs: query.wait ?? 0,
    signal,
  });
  if (!answer) {
    // The client hung up: nobody reads this answer.
    if (signal.aborted) throw new AppError("bad_request", "The client went away.");
    throw new AppError("not_found", "No such run.", { field: "id" });
  }
  return query.wait ? { answer, waitedMs: Date.now() - startedAt } : { answer };
}
