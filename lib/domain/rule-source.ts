// Where a rule's values come from: samples pushed by monitoring scripts, or a PromQL template
// queried on a Prometheus data source at the rule's interval (issue 15 item 4). Pure: which stages a
// rule queries at a point of the run, how long a failing source waits before its next query, and
// which failures are the server's (the source is failing) rather than the query's.
import type { TMetricStage } from "./metric-catalog";
import type { TRunStatus } from "./run-status";

/** `dataSourceId` null: the data source was removed (the rule reads inconclusive until a lead picks another). */
export type TRuleSource = { kind: "push" } | { kind: "promql"; dataSourceId: string | null; query: string };

export const PUSH_SOURCE: TRuleSource = { kind: "push" };

/** Errors in a row before a rule's source counts as failing: Argo Rollouts' consecutiveErrorLimit default. */
export const DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;
/** A failing source is asked again at most this rarely: the rule must notice it coming back. */
export const MAX_BACKOFF_MS = 5 * 60_000;

/** The stored columns (promql null: pushed) as a source. */
export function ruleSourceOf(row: { promql: string | null; dataSourceId: string | null }): TRuleSource {
  return row.promql === null ? PUSH_SOURCE : { kind: "promql", dataSourceId: row.dataSourceId, query: row.promql };
}

/** The columns that store a source. */
export function ruleSourceColumns(source: TRuleSource | undefined): { promql: string | null; dataSourceId: string | null } {
  return source?.kind === "promql" ? { promql: source.query, dataSourceId: source.dataSourceId } : { promql: null, dataSourceId: null };
}

/** Statuses in which a release is running somewhere, so its metrics mean something. */
const DEPLOYED_STAGE: Partial<Record<TRunStatus, TMetricStage>> = {
  staging: "staging",
  smoke_tests: "staging",
  go_no_go: "staging",
  production: "production",
  validation: "production",
  monitoring: "production",
};

/**
 * The stages a PromQL rule queries now. A rule bound to a stage queries that stage; a rule for
 * every stage queries the stage the release runs in — during a partial rollout the canary and,
 * beside it, production (the worst counts, as with pushed samples). Nothing before the release is
 * deployed or after the run ended.
 */
export function promqlStages(run: { status: TRunStatus; rolloutPercent: number }, ruleStage: TMetricStage | null): TMetricStage[] {
  const deployed = DEPLOYED_STAGE[run.status];
  if (!deployed) return [];
  if (ruleStage) return [ruleStage];
  if (run.status === "production" && run.rolloutPercent > 0 && run.rolloutPercent < 100) return ["canary", "production"];
  return [deployed];
}

/**
 * When to query a rule's source again after `consecutiveErrors` failures in a row: at its interval
 * until the limit, then twice as long with every further failure, up to MAX_BACKOFF_MS.
 */
export function nextQueryDelayMs(intervalMs: number, consecutiveErrors: number, limit: number): number {
  if (consecutiveErrors < limit) return intervalMs;
  return Math.min(intervalMs * 2 ** (consecutiveErrors - limit + 1), Math.max(MAX_BACKOFF_MS, intervalMs));
}

/** Prometheus's errorTypes that say the server could not answer, not that the query is wrong. */
const SERVER_ERROR_TYPES = ["timeout", "canceled", "internal", "unavailable"];

/**
 * Whether a failed query says the data source itself is failing (unreachable, timing out, an HTTP
 * error, Prometheus overloaded) — what marks it failing for admins — rather than the rule's query
 * (a syntax error, several series, no data), which is the rule's problem alone.
 */
export function isSourceFailure(error: { kind: string; errorType?: string }): boolean {
  if (error.kind === "network" || error.kind === "timeout" || error.kind === "http") return true;
  return error.kind === "prometheus" && SERVER_ERROR_TYPES.includes(error.errorType ?? "");
}
