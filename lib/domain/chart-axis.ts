// A metric chart's value axis. It fits the data: an error rate around 0.05% must read as a line with
// its wiggles, not be squashed flat at the bottom because a 5% rollback threshold was pulled into the
// axis. A threshold near the data (within NEAR_FACTOR of its top) is part of the axis and drawn as a
// line; one far outside it is an edge marker with its value ("▲ 5% rollback"). Pure.

/** A threshold may stretch the axis to this many times the data's top before it becomes an edge marker. */
export const NEAR_FACTOR = 3;
/** Roughly how many tick intervals the axis is divided into. */
const TICK_INTERVALS = 4;

export type TAxisThreshold = { id: string; value: number };

export type TChartAxis<T extends TAxisThreshold> = {
  domain: [number, number];
  ticks: number[];
  /** Drawn as lines across the chart. */
  inside: T[];
  /** Too far from the data to draw: shown as a marker on the edge they lie beyond. */
  above: T[];
  below: T[];
};

/** The 1-2-5 step that divides `span` into about TICK_INTERVALS parts. */
function niceStep(span: number): number {
  const raw = span / TICK_INTERVALS;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= raw - 1e-12);
  return step ?? 10 * magnitude;
}

/** Floating-point noise off a tick (0.30000000000000004 → 0.3). */
const clean = (value: number) => Number(value.toPrecision(12));

function niceAxis(low: number, high: number): { domain: [number, number]; ticks: number[] } {
  const span = high - low || Math.abs(high) || 1;
  const step = niceStep(span);
  const start = Math.floor(low / step + 1e-9) * step;
  const end = Math.ceil(high / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let t = start; t <= end + step / 2; t += step) ticks.push(clean(t));
  if (ticks.length < 2) ticks.push(clean(start + step));
  return { domain: [ticks[0], ticks[ticks.length - 1]], ticks };
}

/**
 * The axis for `values` (every point of every series on the chart) and the rule thresholds drawn on
 * it. Metrics here are never negative, so the axis starts at 0 unless the data goes below it.
 * Without data (or with only zeros) the thresholds set the scale: there is nothing to squash.
 */
export function chartAxis<T extends TAxisThreshold>(values: readonly number[], thresholds: readonly T[]): TChartAxis<T> {
  const finite = values.filter(Number.isFinite);
  const dataLow = Math.min(0, ...finite);
  const dataHigh = finite.length ? Math.max(...finite) : 0;
  if (dataHigh <= 0 && dataLow >= 0) {
    const high = Math.max(0, ...thresholds.map((t) => t.value));
    const low = Math.min(0, ...thresholds.map((t) => t.value));
    return { ...niceAxis(low, high > low ? high : 1), inside: [...thresholds], above: [], below: [] };
  }
  const reach = (dataHigh - dataLow) * NEAR_FACTOR;
  const isNearTop = (t: T) => t.value <= dataLow + reach;
  const isNearBottom = (t: T) => t.value >= dataHigh - reach;
  const near = thresholds.filter((t) => isNearTop(t) && isNearBottom(t));
  const high = Math.max(dataHigh, ...near.map((t) => t.value));
  const low = Math.min(dataLow, ...near.map((t) => t.value));
  return {
    ...niceAxis(low, high),
    inside: near,
    above: thresholds.filter((t) => !isNearTop(t)),
    below: thresholds.filter((t) => !isNearBottom(t)),
  };
}
