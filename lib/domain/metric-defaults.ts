// A run's first rules, copied from its playbook (the seed's escalation thresholds, rollback triggers
// and success metrics), and the words a rule is shown with. Pure.
import { z } from "zod";
import { findMetric, formatMetricValue, type TMetricDefinition, type TMetricStage } from "./metric-catalog";
import { describeWindow, type TRuleSeverity, type TRuleWindow } from "./metric-rules";
import { DEFAULT_COMPARE_WINDOW_MINUTES, type TCompareSpec } from "./compare-rule";
import type { TRuleSemanticsInput } from "./rule-semantics";
import { PUSH_SOURCE, type TRuleSource } from "./rule-source";
import { ZThreshold, type ZComparator } from "./template-definition";

export type TRuleDraft = {
  label: string;
  metric: string;
  severity: TRuleSeverity;
  comparator: z.infer<typeof ZComparator>;
  threshold: number;
  unit: string;
  window: TRuleWindow;
  stage: TMetricStage | null;
  /** What the template states explicitly of how the rule is judged. */
  semantics: TRuleSemanticsInput;
  /** Where its values come from (a template without one: pushed samples). */
  source: TRuleSource;
  consecutiveErrorLimit: number | undefined;
  /** A compare rule: canary against production; null: a threshold rule. */
  compare: TCompareSpec | null;
};

const ZThresholdList = z.array(ZThreshold).catch([]);

/** Escalation thresholds, then rollback triggers, then success metrics, in the playbook's order. */
export function defaultRules(playbook: unknown): TRuleDraft[] {
  const source = (playbook ?? {}) as Record<string, unknown>;
  const from = (key: string, severity: TRuleSeverity): TRuleDraft[] =>
    ZThresholdList.parse(source[key]).map((t) => ({
      label: t.label,
      metric: t.metric,
      severity,
      comparator: t.comparator,
      threshold: t.value,
      unit: t.unit,
      window: t.window,
      stage: null,
      compare: t.compare ?? null,
      semantics: {
        aggregation: t.aggregation,
        // A compare rule compares the last few minutes unless its template says otherwise.
        windowMinutes: t.windowMinutes ?? (t.compare ? DEFAULT_COMPARE_WINDOW_MINUTES : undefined),
        mode: t.mode,
        denominatorMetric: t.denominatorMetric,
        onNoData: t.onNoData,
        recoveryMinutes: t.recoveryMinutes,
        minSamples: t.minSamples,
        intervalSeconds: t.intervalSeconds,
        staleAfterSeconds: t.staleAfterSeconds,
      },
      source: t.source ?? PUSH_SOURCE,
      consecutiveErrorLimit: t.consecutiveErrorLimit,
    }));
  return [...from("escalationThresholds", "escalate"), ...from("rollbackTriggers", "rollback"), ...from("successMetrics", "success")];
}

/** The manual rollback triggers a lead can pull ("Data corruption detected"). */
export function manualTriggers(playbook: unknown): string[] {
  const parsed = z.array(z.object({ label: z.string() })).catch([]).parse((playbook as { manualRollbackTriggers?: unknown } | null)?.manualRollbackTriggers);
  return parsed.map((t) => t.label);
}

const COMPARE_WORDS: Record<TCompareSpec["direction"], string> = {
  increase: "canary higher than production",
  decrease: "canary lower than production",
  either: "canary differs from production",
};

/** "Error rate > 5% sustained for 5 min", "P95 response time: canary higher than production by more than 10%": a rule in words, from its parts. */
export function describeRule(
  rule: Pick<TRuleDraft, "metric" | "comparator" | "threshold" | "window" | "stage"> & { compare?: TCompareSpec | null },
  catalog: readonly TMetricDefinition[],
): string {
  const metric = findMetric(catalog, rule.metric);
  const name = metric?.label ?? rule.metric;
  if (rule.compare) return `${name}: ${COMPARE_WORDS[rule.compare.direction]} by more than ${rule.compare.allowedDifferencePercent}%`;
  const subject = rule.window.kind === "count" ? `${name} count` : name;
  const value = rule.window.kind === "count" ? String(rule.threshold) : formatMetricValue(rule.threshold, metric?.unit ?? "");
  const window = describeWindow(rule.window);
  const stage = rule.stage ? ` (${rule.stage} only)` : "";
  return `${subject} ${rule.comparator} ${value}${window ? ` ${window}` : ""}${stage}`;
}
