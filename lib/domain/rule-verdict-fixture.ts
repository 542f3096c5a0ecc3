// What the verdict tests share: the seed runbook's rules in the new terms, a seeded random stream,
// sample series and judged rules built by replaying them. Only tests import this file.
import { seededRandom } from "../chaos/plan";
import type { TJudgedRule } from "./checkpoint-gate";
import { defaultRules } from "./metric-defaults";
import type { TSample } from "./metric-rules";
import { replayVerdicts } from "./rule-replay";
import { fromLegacyWindow, withVerdictDefaults, type TVerdictRule } from "./rule-verdict";
import { SEED } from "./seed-run-fixture";

export { seededRandom };

export const T0 = Date.UTC(2026, 10, 27, 14, 0, 0);
export const SEC = 1000;
export const MIN = 60 * SEC;

/** A rule of the seed runbook, by its label, as the new evaluator reads it. */
export function seedRule(label: string): TVerdictRule {
  const draft = defaultRules(SEED.playbook).find((r) => r.label === label);
  if (!draft) throw new Error(`The seed runbook has no rule “${label}”`);
  return withVerdictDefaults({ comparator: draft.comparator, threshold: draft.threshold, unit: draft.unit, ...fromLegacyWindow(draft.window) });
}

export const SEED_ERROR_RATE_ROLLBACK = seedRule("Error rate > 5% sustained (5 minutes)");
export const SEED_ERROR_RATE_SUCCESS = seedRule("Error rate < 0.1%");

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
