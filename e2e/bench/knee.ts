// Finding where fan-out breaks: the rate is stepped up until p99 passes a limit, or until the server
// stops keeping up (it refuses changes rather than queueing them, so latency alone can stay low).

export type TKneeStep = { rate: number; p99: number | null; achievedRate: number };
export type TKnee<T extends TKneeStep = TKneeStep> = { lastBelow: T | null; firstAbove: T | null };

/** Below this share of the requested rate accepted, the server is past its capacity whatever p99 says. */
export const MIN_ACHIEVED_SHARE = 0.9;

/** The rungs above `baseRate` (already measured on its own), ascending, each once. */
export function kneeRates(baseRate: number, ladder: readonly number[]): number[] {
  return [...new Set(ladder)].filter((rate) => rate > baseRate).sort((a, b) => a - b);
}

/**
 * Why a step is past the knee, or null when it is not: p99 above the limit (at the limit still
 * passes), nothing measured (no event arrived: latency unbounded, not unknown), or under 90% of the
 * requested rate accepted.
 */
export function kneeReason(step: TKneeStep, limitMs: number): "p99" | "throughput" | null {
  if (step.p99 === null || step.p99 > limitMs) return "p99";
  if (step.achievedRate < MIN_ACHIEVED_SHARE * step.rate) return "throughput";
  return null;
}

export function isPastKnee(step: TKneeStep, limitMs: number): boolean {
  return kneeReason(step, limitMs) !== null;
}

/** The last step under the limit before the first above it; steps in the order they ran. */
export function findKnee<T extends TKneeStep>(steps: readonly T[], limitMs: number): TKnee<T> {
  const index = steps.findIndex((step) => isPastKnee(step, limitMs));
  if (index === -1) return { lastBelow: steps.at(-1) ?? null, firstAbove: null };
  return { lastBelow: index > 0 ? steps[index - 1] : null, firstAbove: steps[index] };
}
