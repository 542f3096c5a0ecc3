// What the verdict tests share: the seed's rules in the new terms, a seeded random stream, noisy
// sample series and judged rules built by replaying them.
import type { TSample } from "./metric-rules";
import type { TJudgedRule } from "./checkpoint-gate";
import { replayVerdicts } from "./rule-replay";
import { fromLegacyWindow, withVerdictDefaults, type TVerdictRule } from "./rule-verdict";

export const T0 = Date.UTC(2026, 10, 27, 14, 0, 0);
export const SEC = 1000;
export const MIN = 60 * SEC;

/** "Error rate > 5% sustained (5 minutes)", the seed's first rollback trigger. */
export const SEED_ERROR_RATE_ROLLBACK: TVerdictRule = withVerdictDefaults(
  { comparator: ">", threshold: 5, unit: "%", ...fromLegacyWindow({ kind: "sustained", minutes: 5 }) },
  "rollback",
);
/** "Error rate < 0.1%", the seed's success metric. */
export const SEED_ERROR_RATE_SUCCESS: TVerdictRule = withVerdictDefaults(
  { comparator: "<", threshold: 0.1, unit: "%", ...fromLegacyWindow({ kind: "immediate" }) },
  "success",
);

/** mulberry32: a small deterministic PRNG, so noisy scenarios are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws from a uniform stream (Box–Muller). */
export function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** One sample every `stepMs` in [from, to], valued by `value(at)`. */
export function series(stepMs: number, from: number, to: number, value: (at: number) => number): TSample[] {
  const out: TSample[] = [];
  for (let at = from; at <= to; at += stepMs) out.push({ at, value: value(at) });
  return out;
}

/** A rule as the gate sees it at `now`, after replaying `samples` from `from`. */
export function judgedRule(options: {
  rule?: TVerdictRule;
  samples: readonly TSample[];
  from: number;
  now: number;
  label?: string;
  severity?: TJudgedRule["severity"];
  stage?: TJudgedRule["stage"];
  providerErrorAt?: (at: number) => string | null;
}): TJudgedRule {
  const rule = options.rule ?? SEED_ERROR_RATE_ROLLBACK;
  const steps = replayVerdicts(rule, { samples: options.samples, from: options.from, to: options.now, providerErrorAt: options.providerErrorAt });
  return {
    label: options.label ?? "Error rate > 5% sustained (5 minutes)",
    metric: "error_rate",
    metricLabel: "Error rate",
    stage: options.stage ?? null,
    severity: options.severity ?? "rollback",
    isEnabled: true,
    unit: "%",
    rule,
    state: steps[steps.length - 1].state,
  };
}
