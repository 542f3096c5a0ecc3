// Finding where fan-out latency breaks: the rate is stepped up until p99 passes a limit.

export type TKneeStep = { rate: number; p99: number | null; achievedRate: number };
export type TKnee<T extends TKneeStep = TKneeStep> = { lastBelow: T | null; firstAbove: T | null };

/** The rungs above `baseRate` (already measured on its own), ascending, each once. */
export function kneeRates(baseRate: number, ladder: readonly number[]): number[] {
  return [...new Set(ladder)].filter((rate) => rate > baseRate).sort((a, b) => a - b);
}

/**
 * Past the knee once p99 is above the limit (at the limit still passes), or when nothing was measured
 * (no event arrived in the window: latency is unbounded, not unknown).
 */
export function isPastKnee(step: TKneeStep, limitMs: number): boolean {
  return step.p99 === null || step.p99 > limitMs;
}

/** The last step under the limit before the first above it; steps in the order they ran. */
export function findKnee<T extends TKneeStep>(steps: readonly T[], limitMs: number): TKnee<T> {
  const index = steps.findIndex((step) => isPastKnee(step, limitMs));
  if (index === -1) return { lastBelow: steps.at(-1) ?? null, firstAbove: null };
  return { lastBelow: index > 0 ? steps[index - 1] : null, firstAbove: steps[index] };
}
