// The live evaluator around the pure rules: keeps each active run's recent samples in memory,
// looks at its rules after new samples (coalesced) and every second, judging each rule at its own
// interval (judge.ts: time alone moves a sustained rule to firing, a window past a spike, a silent
// feed to inconclusive), records state changes through the command path, and batches new samples
// to the run's screens. Rules that query Prometheus are fed by prometheus-feed.ts before judging.
//
// The series are loaded from the database when a run is first judged, whenever its rules change and
// after a restart. With several instances on one database, one instance judges each run (see
// ownership.ts) and reloads the recent samples every few seconds, since other instances store some.
import { db } from "../db/client";
import { METRIC_STAGES } from "../domain/metric-catalog";
import { lttb } from "../domain/lttb";
import type { TStageSeries } from "../domain/metric-rules";
import { verdictLookbackMs } from "../domain/rule-verdict";
import { isTerminal, TERMINAL_STATUSES, type TRunStatus } from "../domain/run-status";
import { log } from "../log";
import { broadcastMetricSamples } from "../timeline/broadcast";
import { instanceCount } from "../timeline/sockets";
import { noteChartSamples } from "./chart-cache";
import {
  clusterState,
  holdSample,
  isClustered,
  monitorStore,
  pruneBefore,
  runMonitor,
  seriesKey,
  type TRunMonitor,
  type TSampleDto,
} from "./monitor-store";
import { claimRun, closeOwnership, releaseRun } from "./ownership";
import { noteEvaluation } from "./evaluation-observer";
import { judgeRules } from "./judge";
import { feedPrometheus, hasPromqlRules, isPromqlRule, PROMQL_RUNS_FILTER, promqlSeriesKey } from "./prometheus-feed";
import { semanticsOfRow } from "./rule-rows";
import { ensureRules, type TRuleRow } from "./rules";
import type { TRecordOutcome } from "./state-changes";

const TICK_MS = 1000;
/** At most this often per run, however fast batches arrive. */
const MIN_EVALUATION_GAP_MS = 200;
const FLUSH_MS = 400;
/** Per series per broadcast: beyond this the batch is downsampled (the chart holds ~1000 anyway). */
const BROADCAST_POINTS_PER_SERIES = 200;
/** A run whose rules all lack data and that received nothing for this long leaves memory. */
const IDLE_EVICT_MS = 10 * 60_000;
/** Extra history kept beyond the longest rule window. */
const LOOKBACK_MARGIN_MS = 60_000;
/** With other instances storing samples too, the judge reloads recent history this often. */
const CLUSTER_RELOAD_MS = 5_000;
const SERVER_COUNT_EVERY_MS = 10_000;
/** Runs stepped into the rollout by another process (npm run demo, another instance) are found this often. */
const DISCOVER_EVERY_MS = 30_000;

function refreshServerCount(now: number): void {
  const c = clusterState();
  if (now - c.checkedAt < SERVER_COUNT_EVERY_MS) return;
  c.checkedAt = now;
  void instanceCount().then(
    (count) => {
      if (count !== null) c.servers = count;
    },
    () => undefined,
  );
}

function neededLookbackMs(rules: readonly TRuleRow[]): number {
  return rules.reduce((max, r) => Math.max(max, verdictLookbackMs(semanticsOfRow(r))), 5 * 60_000) + LOOKBACK_MARGIN_MS;
}

/** The metrics the rules read: their own and their ratio denominators. */
const metricsOf = (rules: readonly TRuleRow[]) => [...new Set(rules.flatMap((r) => [r.metric, semanticsOfRow(r).denominatorMetric ?? r.metric]))];

/** Samples just stored by the ingestion API: remember them, show them, judge them. */
export function recordSamples(runId: string, samples: readonly TSampleDto[]): void {
  if (samples.length === 0) return;
  ensureTicker();
  const state = runMonitor(runId);
  for (const s of samples) holdSample(state, seriesKey(s.metric, s.stage), { at: s.at, value: s.value });
  showSamples(state, samples);
  scheduleEvaluation(state);
}

/** New stored samples reach the cached charts and, batched, the run's screens. */
function showSamples(state: TRunMonitor, samples: readonly TSampleDto[]): void {
  if (samples.length === 0) return;
  state.lastSampleAt = Date.now();
  noteChartSamples(state.runId, samples);
  state.outbox.push(...samples);
  scheduleFlush(state);
}

function scheduleFlush(state: TRunMonitor): void {
  if (state.flushTimer) return;
  state.flushTimer = setTimeout(() => {
    state.flushTimer = null;
    flush(state);
  }, FLUSH_MS);
  state.flushTimer.unref?.();
}

function flush(state: TRunMonitor): void {
  const outbox = state.outbox;
  state.outbox = [];
  if (outbox.length === 0) return;
  const bySeries = new Map<string, TSampleDto[]>();
  for (const s of outbox) {
    const key = seriesKey(s.metric, s.stage);
    const list = bySeries.get(key);
    if (list) list.push(s);
    else bySeries.set(key, [s]);
  }
  const samples: TSampleDto[] = [];
  for (const list of bySeries.values()) {
    if (list.length <= BROADCAST_POINTS_PER_SERIES) {
      samples.push(...list);
      continue;
    }
    const { metric, stage } = list[0];
    const sorted = list.sort((a, b) => a.at - b.at).map((s) => [s.at, s.value] as const);
    for (const [at, value] of lttb(sorted, BROADCAST_POINTS_PER_SERIES)) samples.push({ metric, stage, at, value });
  }
  broadcastMetricSamples({ runId: state.runId, samples });
}

function scheduleEvaluation(state: TRunMonitor): void {
  if (state.isTerminal) return;
  if (state.evaluation) {
    state.isDirty = true;
    return;
  }
  if (state.evaluateTimer) return;
  const wait = Math.max(0, state.lastEvaluatedAt + MIN_EVALUATION_GAP_MS - Date.now());
  state.evaluateTimer = setTimeout(() => {
    state.evaluateTimer = null;
    void evaluate(state, Date.now()).catch((error: Error) => log.error("metrics evaluation failed", { runId: state.runId, message: error.message }));
  }, wait);
  state.evaluateTimer.unref?.();
}

/** One evaluation at a time per run; a request during one runs after it. */
async function evaluate(state: TRunMonitor, now: number, isForced = false): Promise<TRecordOutcome | null> {
  while (state.evaluation) await state.evaluation.catch(() => undefined);
  let outcome: TRecordOutcome | null = null;
  const running = evaluateOnce(state, now, isForced).then((o) => {
    outcome = o;
  });
  state.evaluation = running;
  try {
    await running;
  } finally {
    state.evaluation = null;
    state.lastEvaluatedAt = Date.now();
    if (state.isDirty) {
      state.isDirty = false;
      scheduleEvaluation(state);
    }
  }
  return outcome;
}

async function load(state: TRunMonitor, now: number): Promise<TRuleRow[] | null> {
  if (!state.rules) {
    const run = await db().run.findUnique({ where: { id: state.runId }, select: { status: true, playbook: true } });
    if (!run || isTerminal(run.status as TRunStatus)) {
      state.isTerminal = true;
      return null;
    }
    state.rules = await db().$transaction((tx) => ensureRules(tx, state.runId, run.playbook));
  }
  const lookback = neededLookbackMs(state.rules);
  const isStale = isClustered() && now - state.loadedAt > CLUSTER_RELOAD_MS;
  if (state.loadedLookbackMs < lookback || isStale) {
    const metrics = metricsOf(state.rules);
    // Pushed samples only: a PromQL rule's values are its own query's (prometheus-feed.ts back-fills them).
    const rows = await db().$queryRaw<{ metric: string; stage: TSampleDto["stage"]; t: number; value: number }[]>`
      SELECT metric, stage::text AS stage, (extract(epoch FROM at) * 1000)::float8 AS t, value
      FROM "MetricSample"
      WHERE "runId" = ${state.runId} AND metric = ANY(${metrics}) AND at > ${new Date(now - lookback)} AND source = 'push'
      ORDER BY metric, stage, at`;
    for (const row of rows) holdSample(state, seriesKey(row.metric, row.stage), { at: row.t, value: row.value });
    state.loadedLookbackMs = lookback;
    state.loadedAt = now;
  }
  return state.rules;
}

async function evaluateOnce(state: TRunMonitor, now: number, isForced: boolean): Promise<TRecordOutcome | null> {
  // Always ask for the lock, even while this instance counts no others: right after a start the
  // adapter's heartbeats have not met yet, and two instances would both judge the run meanwhile.
  if (!(await claimRun(state.runId))) {
    // Another instance judges this run: keep nothing here but what the next broadcast needs.
    state.series.clear();
    state.oldestNewSampleAt = null;
    state.loadedLookbackMs = 0;
    return null;
  }
  const rules = await load(state, now);
  if (!rules) return null;
  const startedAt = performance.now();
  const providerErrors = await feedPrometheus(state, rules, { now, isForced, onStored: (samples) => showSamples(state, samples) });
  const oldestNewSampleAt = state.oldestNewSampleAt;
  state.oldestNewSampleAt = null;
  const cutoff = now - neededLookbackMs(rules);
  for (const series of state.series.values()) pruneBefore(series, cutoff);
  const seriesOf = (metric: string, row: TRuleRow): TStageSeries[] =>
    METRIC_STAGES.flatMap((stage) => {
      const samples = state.series.get(isPromqlRule(row) ? promqlSeriesKey(row.id, stage) : seriesKey(metric, stage));
      return samples?.length ? [{ stage, samples }] : [];
    });
  const providerErrorOf = (row: TRuleRow) => providerErrors.get(row.id) ?? null;
  const outcome = await judgeRules(state, rules, seriesOf, { now, isForced, oldestNewSampleAt, providerErrorOf });
  noteEvaluation(state, rules, now, startedAt);
  if (outcome.kind === "unchanged") return outcome;
  // Read the rules (and their recorded states) again next time; cheap, and only after a change.
  state.rules = null;
  state.loadedLookbackMs = Math.max(state.loadedLookbackMs, neededLookbackMs(rules));
  if (outcome.kind === "terminal") state.isTerminal = true;
  return outcome;
}

/**
 * Evaluate every enabled rule of one run at `now` (epoch ms), whatever its interval, and record
 * what changed; for tests and tools. Loads the run's recent samples first if this process has not
 * seen them.
 */
export async function evaluateRunNow(runId: string, now = Date.now()): Promise<TRecordOutcome | null> {
  return evaluate(runMonitor(runId), now, true);
}

/** A rollout under way is judged even without samples (its silence is news), as is a run that queries Prometheus. */
function discoverRollouts(now: number): void {
  const store = monitorStore();
  if (now - store.discoveredAt < DISCOVER_EVERY_MS) return;
  store.discoveredAt = now;
  void db()
    .run.findMany({ where: { OR: [{ status: "production", rolloutPercent: { gt: 0 } }, PROMQL_RUNS_FILTER] }, select: { id: true } })
    .then((runs) => runs.forEach((r) => runMonitor(r.id)), () => undefined);
}

function tick(): void {
  const now = Date.now();
  refreshServerCount(now);
  discoverRollouts(now);
  const store = monitorStore();
  for (const [runId, state] of store.runs) {
    // A rollout under way stays judged however silent (silence is its news), as do PromQL rules (the monitor is their feed).
    const isQuiet = now - state.lastSampleAt > IDLE_EVICT_MS && state.verifiedStage === null && state.rules !== null && !hasPromqlRules(state);
    if (state.isTerminal || isQuiet) {
      if (!state.evaluation && !state.flushTimer) {
        store.runs.delete(runId);
        void releaseRun(runId);
      }
      continue;
    }
    scheduleEvaluation(state);
  }
}

function ensureTicker(): void {
  const store = monitorStore();
  if (store.ticker) return;
  store.ticker = setInterval(tick, TICK_MS);
  store.ticker.unref?.();
}

/**
 * At server start: resume watching the runs whose rules were last seen with data or whose rollout
 * is under way, so a feed that went silent while the server was down still reads inconclusive (and
 * firing rules can recover).
 */
export async function startMetricsMonitor(): Promise<void> {
  const store = monitorStore();
  ensureTicker();
  if (store.isResumed) return;
  store.isResumed = true;
  const runs = await db().run.findMany({
    where: {
      status: { notIn: [...TERMINAL_STATUSES] },
      OR: [{ metricRules: { some: { isEnabled: true, state: { not: "inconclusive" } } } }, { status: "production", rolloutPercent: { gt: 0 } }, PROMQL_RUNS_FILTER],
    },
    select: { id: true },
  });
  for (const run of runs) runMonitor(run.id);
}

/** Stop the ticker, let running evaluations finish, and forget every run (tests, shutdown). */
export async function stopMetricsMonitor(): Promise<void> {
  const store = monitorStore();
  if (store.ticker) clearInterval(store.ticker);
  store.ticker = null;
  store.isResumed = false;
  const running: Promise<void>[] = [];
  for (const state of store.runs.values()) {
    state.isTerminal = true;
    if (state.evaluateTimer) clearTimeout(state.evaluateTimer);
    if (state.flushTimer) clearTimeout(state.flushTimer);
    if (state.evaluation) running.push(state.evaluation.catch(() => undefined));
  }
  store.runs.clear();
  await Promise.all(running);
  await closeOwnership();
}
