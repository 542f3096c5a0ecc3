// Rules whose source is a PromQL template (issue 15 item 4): before each evaluation, the monitor
// asks the rule's Prometheus for its value at each due rule's interval (an instant query at the
// evaluation's time, the template rendered with the run's service, version, stage and the rule's
// window), so the verdict engine judges those values exactly as it judges pushed samples.
//
// - Values are held in the monitor's memory per rule (two rules on one metric may query different
//   windows); the first PromQL rule of each metric also stores its values as MetricSample rows with
//   source "prometheus", so charts, the bridge, the status page and the record work unchanged.
// - When a rule starts querying a stage (the run reached it, the rule changed, this instance took the
//   run over, or its data source answers again after an outage), a range query first back-fills its
//   lookback (verdictLookbackMs) and the chart.
// - Any failure (unreachable, timeout, HTTP error, Prometheus's own error, no series) makes that
//   evaluation inconclusive with the text saying why; after consecutiveErrorLimit failures in a row
//   the rule reads "source failing", and failures of the server itself back off exponentially and
//   mark the data source failing for admins (source-health.ts).
// Only the instance that judges a run (its advisory lock, ownership.ts) gets here.
import { loadPrometheusSource } from "../datasources/queries";
import { queryStageSeries, queryStageValue, type TPromError, type TStageValue } from "../datasources/prometheus/client";
import { db } from "../db/client";
import type { TMetricStage } from "../domain/metric-catalog";
import { renderPromqlTemplate } from "../domain/promql-template";
import { isSourceFailure, nextQueryDelayMs, promqlStages } from "../domain/rule-source";
import { verifiedStage } from "../domain/rule-semantics";
import { isEvaluationDue, verdictLookbackMs } from "../domain/rule-verdict";
import type { TRunStatus } from "../domain/run-status";
import { formatStopwatch } from "../domain/time-format";
import { timedQuery } from "./evaluation-observer";
import { insertSamples } from "./ingest";
import { holdSample, seriesKey, type TRunMonitor, type TSampleDto } from "./monitor-store";
import { consecutiveErrorLimitOf, semanticsOfRow, verdictOfRow, type TRuleRow } from "./rule-rows";
import { noteSourceAnswered, noteSourceFailed } from "./source-health";

/** Queries in flight per run evaluation: enough for a hundred rules in a second, gentle on Prometheus. */
const QUERY_CONCURRENCY = 8;
/** Prometheus refuses a range query of more than 11,000 points per series. */
const MAX_RANGE_POINTS = 10_000;

/** Per rule: what it queries, what is back-filled, and its run of errors. */
type TRuleFeed = { signature: string; backfilled: Set<TMetricStage>; consecutiveErrors: number; lastError: string | null; isSourceDown: boolean; nextQueryAt: number };
type TSource = NonNullable<Awaited<ReturnType<typeof loadPrometheusSource>>>;
type TRun = { service: string; targetVersion: string; status: string; rolloutPercent: number };
/** A stage's answer: a value, or why there is none (`isSourceFailure`: the server, not the query). */
type TStageOutcome = { stage: TMetricStage; value: number | null; error: string | null; isSourceFailure: boolean };

// Keyed by the monitor's run state: a run the monitor forgets (quiet, finished, handed over) starts
// again with a back-fill. On globalThis: server.ts and Next's bundles load this module separately.
const holder = globalThis as typeof globalThis & { __warroomPromFeeds?: WeakMap<TRunMonitor, Map<string, TRuleFeed>> };
const feedsOf = (state: TRunMonitor) => {
  const all = (holder.__warroomPromFeeds ??= new WeakMap());
  let feeds = all.get(state);
  if (!feeds) all.set(state, (feeds = new Map()));
  return feeds;
};

export const isPromqlRule = (row: Pick<TRuleRow, "promql">) => row.promql !== null;
/** The monitor's series of one PromQL rule at a stage (metric keys never contain ":"). */
export const promqlSeriesKey = (ruleId: string, stage: TMetricStage) => seriesKey(`rule:${ruleId}`, stage);
/** Runs whose rules query Prometheus while their release is deployed: the monitor is their only feed. */
export const PROMQL_RUNS_FILTER = {
  status: { in: ["staging", "smoke_tests", "go_no_go", "production", "validation", "monitoring"] as TRunStatus[] },
  metricRules: { some: { isEnabled: true, promql: { not: null } } },
};
/** Whether the monitor holds a run with PromQL rules (it is judged even while nothing arrives). */
export const hasPromqlRules = (state: TRunMonitor) => Boolean(state.rules?.some((r) => r.isEnabled && isPromqlRule(r)));

const windowMsOf = (row: TRuleRow) => Math.max(1000, Math.round(semanticsOfRow(row).windowMinutes * 60_000));
const signatureOf = (row: TRuleRow) => `${row.dataSourceId}\n${row.promql}\n${windowMsOf(row)}`;

function forgetSeries(state: TRunMonitor, ruleId: string): void {
  for (const key of [...state.series.keys()]) if (key.startsWith(`rule:${ruleId}|`)) state.series.delete(key);
}

/** Rules removed, disabled or changed since the last evaluation: their series and counts start again. */
function syncFeeds(state: TRunMonitor, rules: readonly TRuleRow[]): Map<string, TRuleFeed> {
  const feeds = feedsOf(state);
  const current = new Map(rules.map((r) => [r.id, r]));
  for (const [id, feed] of feeds) {
    const row = current.get(id);
    if (!row || signatureOf(row) !== feed.signature) {
      feeds.delete(id);
      forgetSeries(state, id);
    }
  }
  for (const row of rules) {
    if (!feeds.has(row.id)) feeds.set(row.id, { signature: signatureOf(row), backfilled: new Set(), consecutiveErrors: 0, lastError: null, isSourceDown: false, nextQueryAt: Number.NEGATIVE_INFINITY });
  }
  return feeds;
}

/** An admin's change to a data source reaches the rules within this long (one read per source, not per run). */
const SOURCE_TTL_MS = 5_000;
const sourceCache = globalThis as typeof globalThis & { __warroomPromSources?: Map<string, { readAt: number; source: Promise<TSource | null> }> };

function cachedSource(id: string): Promise<TSource | null> {
  const all = (sourceCache.__warroomPromSources ??= new Map());
  const hit = all.get(id);
  const readAt = Date.now();
  if (hit && readAt - hit.readAt < SOURCE_TTL_MS && readAt >= hit.readAt) return hit.source;
  const source = loadPrometheusSource(id);
  all.set(id, { readAt, source });
  // A failed read is not kept: the next evaluation asks again.
  source.catch(() => all.delete(id));
  return source;
}

/** At most `size` of `tasks` at a time, in order. */
async function inBatches<T>(tasks: readonly (() => Promise<T>)[], size: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, tasks.length) }, worker));
  return results;
}

const where = (source: TSource, stage: TMetricStage) => `“${source.name}”${stage === "overall" ? "" : ` on ${stage}`}`;

/** One query's answer as a stage outcome, noting the data source's health on the way. */
function outcomeOf(result: { ok: true; data: TStageValue } | TPromError, source: TSource, sourceId: string, stage: TMetricStage, limit: number, now: number): TStageOutcome {
  if (!result.ok) {
    const isServer = isSourceFailure(result);
    if (isServer) noteSourceFailed(sourceId, result.message, limit, now);
    else noteSourceAnswered(sourceId);
    return { stage, value: null, error: `${where(source, stage)}: ${result.message}`, isSourceFailure: isServer };
  }
  noteSourceAnswered(sourceId);
  if (result.data.kind === "no_data") return { stage, value: null, error: `${where(source, stage)}: ${result.data.reason}`, isSourceFailure: false };
  return { stage, value: result.data.value, error: null, isSourceFailure: false };
}

/**
 * The evaluation's verdict on the rule's queries: the error of the stage it must have data for (its
 * own, or the one the rollout verifies), or of every stage when none answered with a value.
 */
function ruleError(outcomes: readonly TStageOutcome[], expected: TMetricStage | null): TStageOutcome | null {
  const failed = outcomes.filter((o) => o.error !== null);
  const mustHave = failed.find((o) => o.stage === expected);
  if (mustHave) return mustHave;
  return outcomes.some((o) => o.value !== null) ? null : (failed[0] ?? null);
}

function failingText(feed: TRuleFeed, row: TRuleRow): string {
  const limit = consecutiveErrorLimitOf(row);
  if (feed.consecutiveErrors < limit) return feed.lastError ?? "no answer yet";
  const retry = feed.isSourceDown ? `; asked again every ${formatStopwatch(nextQueryDelayMs(semanticsOfRow(row).intervalSeconds * 1000, feed.consecutiveErrors, limit))}` : "";
  return `source failing, ${feed.consecutiveErrors} errors in a row${retry} — ${feed.lastError}`;
}

/** The first PromQL rule of each metric is its chart's feed: one query's values per chart line. */
function chartRules(rules: readonly TRuleRow[]): Set<string> {
  const first = new Map<string, string>();
  for (const row of [...rules].sort((a, b) => a.position - b.position)) if (!first.has(row.metric)) first.set(row.metric, row.id);
  return new Set(first.values());
}

/** When the chart feed's stored samples of a stage were taken, within [from, to], ascending. */
async function storedTimes(runId: string, metric: string, stage: TMetricStage, from: number, to: number): Promise<number[]> {
  const rows = await db().$queryRaw<{ t: number }[]>`
    SELECT (extract(epoch FROM at) * 1000)::float8 AS t FROM "MetricSample"
    WHERE "runId" = ${runId} AND metric = ${metric} AND stage = ${stage}::"MetricStage" AND source = 'prometheus'
      AND at BETWEEN ${new Date(from)} AND ${new Date(to)}
    ORDER BY at`;
  return rows.map((r) => r.t);
}

/** Whether a sorted list holds a time within `gap` of `at`. */
function hasNear(times: readonly number[], at: number, gap: number): boolean {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (times[mid] < at) low = mid + 1;
    else high = mid;
  }
  return (low < times.length && times[low] - at < gap) || (low > 0 && at - times[low - 1] < gap);
}

type TFeedContext = { state: TRunMonitor; run: TRun; now: number; isChart: Set<string>; toStore: TSampleDto[]; sources: Map<string, Promise<TSource | null>>; answers: Map<string, Promise<{ ok: true; data: TStageValue } | TPromError>> };

/** A range query over the rule's lookback, held for the verdict and, for a chart feed, stored. */
async function backfill(ctx: TFeedContext, row: TRuleRow, source: TSource, stage: TMetricStage, query: string): Promise<TStageOutcome | null> {
  const semantics = semanticsOfRow(row);
  const lookbackMs = verdictLookbackMs(semantics);
  const stepMs = Math.max(semantics.intervalSeconds * 1000, Math.ceil(lookbackMs / MAX_RANGE_POINTS / 1000) * 1000);
  const result = await queryStageSeries(source.target, query, { start: new Date(ctx.now - lookbackMs), end: new Date(ctx.now), stepMs });
  if (!result.ok) return outcomeOf(result, source, row.dataSourceId!, stage, consecutiveErrorLimitOf(row), ctx.now);
  for (const point of result.data) holdSample(ctx.state, promqlSeriesKey(row.id, stage), { at: point.at.getTime(), value: point.value });
  if (ctx.isChart.has(row.id)) {
    // Only the chart's gaps: a point next to one already stored (the same query, one step apart) adds nothing.
    const stored = await storedTimes(ctx.state.runId, row.metric, stage, ctx.now - lookbackMs - stepMs, ctx.now + stepMs);
    for (const point of result.data) {
      const at = point.at.getTime();
      if (!hasNear(stored, at, stepMs / 2)) ctx.toStore.push({ metric: row.metric, stage, at, value: point.value });
    }
  }
  return null;
}

/** Query one due rule at every stage it watches; returns its provider error for this evaluation. */
async function feedRule(ctx: TFeedContext, row: TRuleRow, feed: TRuleFeed): Promise<string | null> {
  const { now, run } = ctx;
  const stages = promqlStages({ status: run.status as TRunStatus, rolloutPercent: run.rolloutPercent }, row.stage);
  if (stages.length === 0) return null;
  if (feed.nextQueryAt > now) return failingText(feed, row);
  const sourceId = row.dataSourceId;
  const removed = { error: "its data source was removed: choose another in the rule editor", isSourceFailure: false };
  if (!sourceId) return note(feed, row, removed, now);
  if (!ctx.sources.has(sourceId)) ctx.sources.set(sourceId, cachedSource(sourceId));
  const source = await ctx.sources.get(sourceId)!;
  if (!source) return note(feed, row, removed, now);
  const limit = consecutiveErrorLimitOf(row);
  const outcomes: TStageOutcome[] = [];
  for (const stage of stages) {
    const rendered = renderPromqlTemplate(row.promql!, { service: run.service, version: run.targetVersion, stage, windowMs: windowMsOf(row) }, source.stageLabel);
    if (!rendered.ok) {
      outcomes.push({ stage, value: null, error: `${where(source, stage)}: ${rendered.message}`, isSourceFailure: false });
      continue;
    }
    if (!feed.backfilled.has(stage)) {
      const failed = await backfill(ctx, row, source, stage, rendered.query);
      if (failed) {
        outcomes.push(failed);
        continue;
      }
      feed.backfilled.add(stage);
    }
    // Rules with the same rendered query on the same source share one request.
    const key = `${sourceId}\n${rendered.query}`;
    if (!ctx.answers.has(key)) ctx.answers.set(key, timedQuery(() => queryStageValue(source.target, rendered.query, { time: new Date(now) })));
    const outcome = outcomeOf(await ctx.answers.get(key)!, source, sourceId, stage, limit, now);
    outcomes.push(outcome);
    if (outcome.value === null) continue;
    holdSample(ctx.state, promqlSeriesKey(row.id, stage), { at: now, value: outcome.value });
    if (ctx.isChart.has(row.id)) ctx.toStore.push({ metric: row.metric, stage, at: now, value: outcome.value });
  }
  const expected = row.stage ?? verifiedStage({ status: run.status as TRunStatus, rolloutPercent: run.rolloutPercent }) ?? (stages.length === 1 ? stages[0] : null);
  return note(feed, row, ruleError(outcomes, expected), now);
}

/** Count the evaluation's outcome: errors in a row, and when a failing server is asked again. */
function note(feed: TRuleFeed, row: TRuleRow, error: { error: string | null; isSourceFailure: boolean } | null, now: number): string | null {
  if (!error?.error) {
    // Back from an outage: the next evaluation back-fills what Prometheus scraped meanwhile (chart and lookback).
    if (feed.isSourceDown) feed.backfilled.clear();
    Object.assign(feed, { consecutiveErrors: 0, lastError: null, isSourceDown: false, nextQueryAt: Number.NEGATIVE_INFINITY });
    return null;
  }
  feed.consecutiveErrors++;
  feed.lastError = error.error;
  feed.isSourceDown = error.isSourceFailure;
  // Only a server that does not answer is left alone for longer; a wrong query costs it nothing.
  const limit = consecutiveErrorLimitOf(row);
  const intervalMs = semanticsOfRow(row).intervalSeconds * 1000;
  feed.nextQueryAt = feed.isSourceDown && feed.consecutiveErrors >= limit ? now + nextQueryDelayMs(intervalMs, feed.consecutiveErrors, limit) : Number.NEGATIVE_INFINITY;
  return failingText(feed, row);
}

/**
 * Query the PromQL rules due at `now` (every enabled one when `isForced`) and hold their values in
 * the run's memory; stores the chart feeds' values (their screens learn through `onStored`). Returns each queried rule's provider error for
 * this evaluation (null: it has a value), for the judge.
 */
export async function feedPrometheus(
  state: TRunMonitor,
  rules: readonly TRuleRow[],
  input: { now: number; isForced: boolean; /** Charts and screens learn of the stored samples. */ onStored: (samples: TSampleDto[]) => void },
): Promise<Map<string, string | null>> {
  const { now, isForced } = input;
  const readings = new Map<string, string | null>();
  const promql = rules.filter((r) => r.isEnabled && isPromqlRule(r));
  const feeds = syncFeeds(state, promql);
  const last = (row: TRuleRow) => state.verdicts.get(row.id) ?? verdictOfRow(row);
  const due = promql.filter((r) => (last(r)?.lastEvaluatedAt ?? Number.NEGATIVE_INFINITY) < now && (isForced || isEvaluationDue(last(r), semanticsOfRow(r), now)));
  if (due.length === 0) return readings;
  const run = await db().run.findUnique({ where: { id: state.runId }, select: { service: true, targetVersion: true, status: true, rolloutPercent: true } });
  if (!run) return readings;
  const ctx: TFeedContext = { state, run, now, isChart: chartRules(promql), toStore: [], sources: new Map(), answers: new Map() };
  const errors = await inBatches(due.map((row) => () => feedRule(ctx, row, feeds.get(row.id)!)), QUERY_CONCURRENCY);
  due.forEach((row, i) => readings.set(row.id, errors[i]));
  if (ctx.toStore.length > 0) {
    const stored = await insertSamples(state.runId, ctx.toStore, "prometheus");
    input.onStored(stored);
  }
  return readings;
}
