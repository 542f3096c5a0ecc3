// The monitor's in-memory state per run: recent samples per series (sorted, bounded), the rules as
// last read, and the outbox of samples waiting to be broadcast. Kept on globalThis because the
// ingestion route (bundled by Next) and server.ts (which starts the ticker) load this module
// separately; the process is what they share.
import type { TMetricStage } from "../domain/metric-catalog";
import type { TSample } from "../domain/metric-rules";
import type { TRuleVerdictState } from "../domain/rule-verdict";
import type { RunMetricRule } from "../generated/prisma/client";

export type TSampleDto = { metric: string; stage: TMetricStage; at: number; value: number };

export type TRunMonitor = {
  runId: string;
  /** metric|stage → samples ascending by time, deduplicated by time. */
  series: Map<string, TSample[]>;
  /** The rules as last read (with their persisted states); null: read them again. */
  rules: RunMetricRule[] | null;
  /** Each rule's verdict state as last evaluated (also saved on its row). */
  verdicts: Map<string, TRuleVerdictState>;
  /** The stage the rollout verifies now (null: none): a run with one is judged even without samples. */
  verifiedStage: TMetricStage | null;
  /** How far back the series were loaded from the database; 0: not loaded. */
  loadedLookbackMs: number;
  /** When they were (re)loaded (epoch ms). */
  loadedAt: number;
  isTerminal: boolean;
  evaluation: Promise<void> | null;
  /** Set while an evaluation runs: evaluate once more when it ends. */
  isDirty: boolean;
  evaluateTimer: NodeJS.Timeout | null;
  lastEvaluatedAt: number;
  outbox: TSampleDto[];
  flushTimer: NodeJS.Timeout | null;
  lastSampleAt: number;
  /** The oldest sample stored since the last evaluation began: a back-fill if older than it (judge.ts). */
  oldestNewSampleAt: number | null;
};

type TStore = { runs: Map<string, TRunMonitor>; ticker: NodeJS.Timeout | null; isResumed: boolean; /** Last look for rollouts under way (monitor.ts). */ discoveredAt: number };

const holder = globalThis as typeof globalThis & { __warroomMetrics?: TStore };

export function monitorStore(): TStore {
  holder.__warroomMetrics ??= { runs: new Map(), ticker: null, isResumed: false, discoveredAt: 0 };
  return holder.__warroomMetrics;
}

export function runMonitor(runId: string): TRunMonitor {
  const store = monitorStore();
  let state = store.runs.get(runId);
  if (!state) {
    state = {
      runId,
      series: new Map(),
      rules: null,
      verdicts: new Map(),
      verifiedStage: null,
      loadedLookbackMs: 0,
      loadedAt: 0,
      isTerminal: false,
      evaluation: null,
      isDirty: false,
      evaluateTimer: null,
      lastEvaluatedAt: 0,
      outbox: [],
      flushTimer: null,
      lastSampleAt: 0,
      oldestNewSampleAt: null,
    };
    store.runs.set(runId, state);
  }
  return state;
}

/**
 * Judge this run from now on even if no sample arrives (a rollout step started): a silent feed must
 * turn into "no sample for 3:12", which needs evaluations.
 */
export function watchRun(runId: string): void {
  invalidateRun(runId);
  runMonitor(runId);
}

/** Rules or custom metrics changed: read them (and enough history) again before the next evaluation. */
export function invalidateRun(runId: string): void {
  const state = monitorStore().runs.get(runId);
  if (!state) return;
  state.rules = null;
  state.loadedLookbackMs = 0;
  state.isTerminal = false;
}

export const seriesKey = (metric: string, stage: TMetricStage) => `${metric}|${stage}`;

/** Most samples kept per series: enough for minutes at hundreds per second, bounded whatever comes. */
export const MAX_SAMPLES_PER_SERIES = 200_000;

/** Insert keeping time order; a sample at a time already held is a duplicate and is dropped (false). */
function insertSample(samples: TSample[], sample: TSample): boolean {
  const last = samples.at(-1);
  if (!last || sample.at > last.at) {
    samples.push(sample);
  } else {
    let low = 0;
    let high = samples.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (samples[mid].at < sample.at) low = mid + 1;
      else high = mid;
    }
    if (samples[low]?.at === sample.at) return false;
    samples.splice(low, 0, sample);
  }
  if (samples.length > MAX_SAMPLES_PER_SERIES) samples.splice(0, samples.length - MAX_SAMPLES_PER_SERIES);
  return true;
}

/** Keep a sample in the run's memory and note how old the new samples are. */
export function holdSample(state: TRunMonitor, key: string, sample: TSample): void {
  let series = state.series.get(key);
  if (!series) state.series.set(key, (series = []));
  if (insertSample(series, sample)) state.oldestNewSampleAt = Math.min(state.oldestNewSampleAt ?? Number.POSITIVE_INFINITY, sample.at);
}

/** Drops samples older than `cutoff` (ascending series). */
export function pruneBefore(samples: TSample[], cutoff: number): void {
  let drop = 0;
  while (drop < samples.length && samples[drop].at < cutoff) drop++;
  if (drop > 0) samples.splice(0, drop);
}

/** How many instances share the database (Socket.IO's adapter counts them by heartbeat). */
const cluster = globalThis as typeof globalThis & { __warroomMetricsCluster?: { servers: number; checkedAt: number } };
export function clusterState(): { servers: number; checkedAt: number } {
  cluster.__warroomMetricsCluster ??= { servers: 1, checkedAt: 0 };
  return cluster.__warroomMetricsCluster;
}
/** Other instances store samples this one never sees. */
export const isClustered = () => clusterState().servers > 1;
