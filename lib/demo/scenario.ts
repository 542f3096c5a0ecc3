// The demo's story as numbers: a healthy canary beside production, then the canary's error rate
// climbs past 1% (investigate) and 5%, and stays there until the 5-minute rollback rule fires.
// Pure and deterministic (a seeded wobble), in scenario seconds; `npm run demo` plays it live.
import type { TMetricStage } from "../domain/metric-catalog";

export const HEALTHY_UNTIL_S = 6 * 60;
export const CLIMB_UNTIL_S = 8 * 60;
/** The canary's error rate climbs in a straight line between these (no wobble, so the crossing is exact). */
const CLIMB_FROM_PERCENT = 0.3;
const CLIMB_TO_PERCENT = 7;
/** When the canary's error rate passes 5%, on the way up (7:24). */
export const ABOVE_5_PERCENT_AT_S = HEALTHY_UNTIL_S + ((5 - CLIMB_FROM_PERCENT) / (CLIMB_TO_PERCENT - CLIMB_FROM_PERCENT)) * (CLIMB_UNTIL_S - HEALTHY_UNTIL_S);
/**
 * The sustained rule judges the one-minute mean, which on a straight climb is the value 30 s ago: it
 * passes 5% 30 s after the samples do, then needs 5 minutes of evaluations above it.
 */
export const ROLLBACK_FIRES_AT_S = ABOVE_5_PERCENT_AT_S + 30 + 5 * 60;

export type TDemoSample = { metric: string; stage: Extract<TMetricStage, "canary" | "production">; value: number };

/** A repeatable wobble in [-1, 1] per metric, stage and time. */
function wobble(seed: number, t: number): number {
  const x = Math.sin(seed * 12.9898 + t * 78.233) * 43758.5453;
  return (x - Math.floor(x)) * 2 - 1;
}

/** 0 before the climb, rising smoothly to 1 at its end. */
function climb(t: number): number {
  if (t <= HEALTHY_UNTIL_S) return 0;
  if (t >= CLIMB_UNTIL_S) return 1;
  const x = (t - HEALTHY_UNTIL_S) / (CLIMB_UNTIL_S - HEALTHY_UNTIL_S);
  return x * x * (3 - 2 * x);
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

export function phaseAt(t: number): "healthy canary" | "error rate climbing" | "error rate above 5%: rollback rule pending" | "rollback rule firing" {
  if (t < HEALTHY_UNTIL_S) return "healthy canary";
  if (t < ABOVE_5_PERCENT_AT_S) return "error rate climbing";
  if (t < ROLLBACK_FIRES_AT_S) return "error rate above 5%: rollback rule pending";
  return "rollback rule firing";
}

/** Healthy ~0.2%; the canary climbs linearly to 7% and then holds between 6.4% and 7.6%. */
function errorRate(stage: TDemoSample["stage"], t: number, w: number): number {
  const healthy = 0.18 + 0.08 * w;
  if (stage === "production" || t <= HEALTHY_UNTIL_S) return healthy;
  if (t < CLIMB_UNTIL_S) return CLIMB_FROM_PERCENT + ((t - HEALTHY_UNTIL_S) / (CLIMB_UNTIL_S - HEALTHY_UNTIL_S)) * (CLIMB_TO_PERCENT - CLIMB_FROM_PERCENT);
  return CLIMB_TO_PERCENT + 0.6 * w;
}

/** Every metric for both stages at scenario second `t`. */
export function samplesAt(t: number): TDemoSample[] {
  const c = climb(t);
  const out: TDemoSample[] = [];
  const add = (metric: string, stage: TDemoSample["stage"], value: number) => out.push({ metric, stage, value });
  for (const [i, stage] of (["canary", "production"] as const).entries()) {
    const bad = stage === "canary" ? c : 0;
    const w = (seed: number) => wobble(seed + i * 100, t);
    add("error_rate", stage, round(errorRate(stage, t, w(1)), 3));
    add("response_time_avg", stage, round(185 + 20 * w(3) + bad * 430, 1));
    add("response_time_p95", stage, round(430 + 45 * w(4) + bad * (1150 + 120 * w(5)), 1));
    add("db_query_time", stage, round(48 + 9 * w(6) + bad * 160, 1));
    // Now and then a failed connection on the struggling canary: never 10 in 5 minutes.
    add("db_connection_failures", stage, bad > 0.5 && w(7) > 0.9 ? 1 : 0);
    add("cpu", stage, round(38 + 6 * w(8) + bad * 21, 1));
    add("memory", stage, round(58 + 3 * w(9) + bad * 9, 1));
  }
  return out;
}
