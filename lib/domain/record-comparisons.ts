// The deployment record's "Canary vs production": each compare rule with its latest comparison and
// the comparison behind every status change it recorded (the figures travel with each change on the
// timeline), so the record says what the canary was judged on, not only that it passed. Pure.
import type { TCompareFigures } from "./compare-rule";
import { compareLine } from "./compare-wording";
import type { TRuleChange, TRuleView } from "./metric-events";
import { RULE_STATE_LABELS, type TRuleSeverity } from "./metric-rules";

export type TComparisonResult = {
  ruleId: string;
  label: string;
  metric: string;
  severity: TRuleSeverity;
  isEnabled: boolean;
  /** "Firing", "OK", "Unverified": the rule's status now (or when the run ended). */
  status: string;
  /** The latest comparison in words, or null before the first one. */
  latest: string | null;
  latestAt: string | null;
  /** Each recorded status change, oldest first, with the comparison that made it. */
  changes: { at: string; status: string; comparison: string | null }[];
};

/** A recorded state change of a rule, at the time of its event. */
export type TRecordedChange = { at: string; change: Pick<TRuleChange, "ruleId" | "to" | "unit" | "verdict"> };

const line = (figures: TCompareFigures | null | undefined, unit: string) => (figures ? compareLine(figures, unit) : null);

export function comparisonResults(rules: readonly TRuleView[], recorded: readonly TRecordedChange[]): TComparisonResult[] {
  return rules
    .filter((r) => r.compare)
    .map((rule) => {
      const status = rule.verdict?.status ?? rule.state;
      const evaluatedAt = rule.verdict?.lastEvaluatedAt;
      return {
        ruleId: rule.id,
        label: rule.label,
        metric: rule.metric,
        severity: rule.severity,
        isEnabled: rule.isEnabled,
        status: RULE_STATE_LABELS[status],
        latest: line(rule.verdict?.compare, rule.unit),
        latestAt: evaluatedAt !== undefined && Number.isFinite(evaluatedAt) ? new Date(evaluatedAt).toISOString() : null,
        changes: recorded
          .filter((r) => r.change.ruleId === rule.id)
          .map((r) => ({ at: r.at, status: RULE_STATE_LABELS[r.change.to], comparison: line(r.change.verdict?.compare, r.change.unit) })),
      };
    });
}
