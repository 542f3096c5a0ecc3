// Interleaved rounds (Warroom, baseline, Warroom, baseline, …, the same clients each time): on a
// shared machine the load changes within minutes, so a Warroom figure and a baseline measured
// minutes apart compare two machines. Each round's pair is measured back to back; the figure that
// counts is the median of the per-round ratios, with their spread, beside the medians of each side.

export type TRound = { warroom: number | null; baseline: number | null; /** 1-minute load average as the round ended. */ load: number };

export type TRoundsSummary = {
  warroom: number | null;
  baseline: number | null;
  /** Median of warroom ÷ baseline over the rounds that measured both. */
  ratio: number | null;
  low: number | null;
  high: number | null;
  ratios: number[];
  /** Median of warroom − baseline over the rounds that measured both, and their range. */
  diff: number | null;
  diffLow: number | null;
  diffHigh: number | null;
};

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function summarizeRounds(rounds: readonly TRound[]): TRoundsSummary {
  const ratios = rounds.flatMap((r) => (r.warroom !== null && r.baseline !== null && r.baseline > 0 ? [r.warroom / r.baseline] : []));
  const present = (pick: (r: TRound) => number | null) => rounds.map(pick).filter((v): v is number => v !== null);
  const diffs = rounds.flatMap((r) => (r.warroom !== null && r.baseline !== null ? [r.warroom - r.baseline] : []));
  return {
    diff: median(diffs),
    diffLow: diffs.length ? Math.min(...diffs) : null,
    diffHigh: diffs.length ? Math.max(...diffs) : null,
    warroom: median(present((r) => r.warroom)),
    baseline: median(present((r) => r.baseline)),
    ratio: median(ratios),
    low: ratios.length ? Math.min(...ratios) : null,
    high: ratios.length ? Math.max(...ratios) : null,
    ratios,
  };
}

/** Seconds of each round's measurement when `seconds` in all are split over `rounds`, and the warm-up left out of each. */
export function roundLoad(options: { seconds: number; warmup: number; rounds: number }): { seconds: number; warmup: number } {
  const seconds = Math.max(3, options.seconds / options.rounds);
  return { seconds, warmup: Math.min(options.warmup, seconds / 4) };
}
