// The charts of the runs being watched, kept in memory: built from the database once (reading every
// stored sample of a run takes a few hundred milliseconds at 100k samples on two cores), then kept
// current with the samples this process stores, downsampled as they grow. With several instances
// the cache is rebuilt every few seconds, since other instances store samples too.
import type { TChartSeries, TLiveSample } from "../domain/metric-charts";
import { mergeSamples } from "../domain/metric-charts";
import { isClustered } from "./monitor-store";

const CLUSTER_TTL_MS = 5_000;
const IDLE_EVICT_MS = 30 * 60_000;
/** Samples waiting to be merged are folded in at this many, so memory stays bounded between reads. */
const PENDING_LIMIT = 20_000;

type TEntry = { series: TChartSeries[] | null; pending: TLiveSample[]; builtAt: number; usedAt: number; building: Promise<TChartSeries[]> | null };

const holder = globalThis as typeof globalThis & { __warroomChartCache?: Map<string, TEntry> };
const cache = () => (holder.__warroomChartCache ??= new Map());

function fold(entry: TEntry): void {
  if (!entry.series || entry.pending.length === 0) return;
  entry.series = mergeSamples({ series: entry.series, rolloutMarks: [] }, entry.pending).series;
  entry.pending = [];
}

/** New samples of a run (only matters while its charts are cached). */
export function noteChartSamples(runId: string, samples: readonly TLiveSample[]): void {
  const entry = cache().get(runId);
  if (!entry) return;
  entry.pending.push(...samples);
  if (entry.pending.length > PENDING_LIMIT) fold(entry);
}

/** The run's downsampled series, from the cache or built with `load` (samples stored meanwhile are kept). */
export async function cachedSeries(runId: string, load: () => Promise<TChartSeries[]>, now = Date.now()): Promise<TChartSeries[]> {
  for (const [id, e] of cache()) if (now - e.usedAt > IDLE_EVICT_MS) cache().delete(id);
  let entry = cache().get(runId);
  const isStale = entry?.series && isClustered() && now - entry.builtAt > CLUSTER_TTL_MS;
  if (!entry || isStale) {
    // Registered before reading, so samples stored during the read are merged afterwards.
    entry = { series: null, pending: [], builtAt: now, usedAt: now, building: null };
    cache().set(runId, entry);
  }
  entry.usedAt = now;
  if (!entry.series) {
    const current = entry;
    current.building ??= load().then((series) => {
      current.series = series;
      current.builtAt = Date.now();
      return series;
    }).finally(() => {
      current.building = null;
    });
    await current.building;
  }
  fold(entry);
  return entry.series!;
}

export function clearChartCache(): void {
  cache().clear();
}
