// What the screens make of a run's metrics: the rollback recommendations to decide, their values in
// words, the metrics' say in the status light and a pending rule's progress. Pure.
import type { TCompareFigures } from "./compare-rule";
import { compareDifferenceText, compareLine } from "./compare-wording";
import { formatMetricValue, STAGE_LABELS, type TMetricStage } from "./metric-catalog";
import type { TAlertView, TRuleView, TRunMetrics } from "./metric-events";
import { formatProgress } from "./metric-rules";
import { isTerminal, type TRunStatus } from "./run-status";

export type TRecommendation = {
  alert: TAlertView;
  /** A rule alert whose rule is still firing, or an undecided manual trigger. */
  isActive: boolean;
  /** The rule's live value when it is firing (else the value when it fired). */
  value: number | null;
  stage: TMetricStage | null;
  /** A compare rule still firing: its latest comparison, which says more than the canary's median. */
  compare?: TCompareFigures | null;
};

/** The rollback recommendations nobody has decided on yet, active ones first, newest first. */
/**
 * The recommendations a screen asks the team to decide: none once the run is over. A run rolled back
 * by a decision guide or the Roll back button leaves its alert undecided, and a banner still asking
 * "Roll back?" beside "Rolled back" reads as if nothing had been done.
 */
export function recommendationsToDecide(metrics: TRunMetrics, status: TRunStatus): TRecommendation[] {
  return isTerminal(status) ? [] : openRecommendations(metrics);
}

export function openRecommendations(metrics: TRunMetrics): TRecommendation[] {
  const rules = new Map(metrics.rules.map((r) => [r.id, r]));
  const open = metrics.alerts
    .filter((a) => a.decision === null)
    .map((alert): TRecommendation => {
      const rule = alert.ruleId ? rules.get(alert.ruleId) : undefined;
      const isFiring = rule?.state === "firing" && rule.isEnabled;
      return {
        alert,
        isActive: alert.source === "manual" || isFiring,
        value: isFiring ? rule.value : alert.value,
        stage: isFiring ? rule.valueStage : alert.stage,
        compare: isFiring ? (rule.verdict?.compare ?? null) : null,
      };
    });
  return open.sort((a, b) => Number(b.isActive) - Number(a.isActive));
}

/**
 * "7.4% on canary", "Data corruption detected: note", for banners and the status light; a compare
 * rule's comparison (`isCompact` for the bridge's banner, read across a room: "+17.8% (allowed 10%)").
 */
export function describeRecommendationValue(r: Pick<TRecommendation, "alert" | "value" | "stage" | "compare">, options: { isCompact?: boolean } = {}): string {
  if (r.alert.source === "manual") return r.alert.note ? `“${r.alert.note}”` : "";
  if (r.compare) return options.isCompact ? compareDifferenceText(r.compare) : compareLine(r.compare, r.alert.unit);
  if (r.value === null) return "";
  const stage = r.stage && r.stage !== "overall" ? ` on ${STAGE_LABELS[r.stage].toLowerCase()}` : "";
  return `${formatMetricValue(r.value, r.alert.unit)}${stage}`;
}

const ruleValue = (rule: TRuleView) =>
  rule.verdict?.compare
    ? `: ${compareLine(rule.verdict.compare, rule.unit)}`
    : rule.value === null
      ? ""
      : `: ${formatMetricValue(rule.value, rule.unit)}${rule.valueStage && rule.valueStage !== "overall" ? ` on ${STAGE_LABELS[rule.valueStage].toLowerCase()}` : ""}`;

/**
 * The metrics' say in the status light: red while a rollback is recommended and undecided; amber for
 * an escalation firing, a rollback trigger pending, a recommendation left undecided, or a decision to
 * continue while the trigger still fires. Null when the metrics have nothing to say.
 */
export function metricsLight(metrics: TRunMetrics | undefined, now: Date): { state: "rollback" | "attention"; reason: string } | null {
  if (!metrics) return null;
  const open = openRecommendations(metrics);
  const active = open.find((r) => r.isActive);
  if (active) {
    const value = describeRecommendationValue(active);
    return { state: "rollback", reason: `ROLLBACK RECOMMENDED: ${active.alert.label}${value ? ` (${value})` : ""}` };
  }
  const enabled = metrics.rules.filter((r) => r.isEnabled);
  // A lead's Continue ends the firing (rule-verdict.ts); while the rule still breaches, the decision is the news.
  const continued = metrics.alerts.find((a) => a.decision === "continue" && enabled.some((r) => r.id === a.ruleId && (r.state === "firing" || r.state === "pending")));
  if (continued) return { state: "attention", reason: `Continuing despite “${continued.label}” (${continued.decidedByName}: ${continued.decisionReason})` };
  const escalation = enabled.find((r) => r.severity === "escalate" && r.state === "firing");
  if (escalation) return { state: "attention", reason: `${escalation.label}${ruleValue(escalation)}` };
  const pending = enabled.find((r) => r.severity === "rollback" && r.state === "pending");
  if (pending) return { state: "attention", reason: `${pending.label}: ${pendingProgressText(pending, now)}` };
  const undecided = open[0];
  if (undecided) return { state: "attention", reason: `“${undecided.alert.label}” fired: a lead should acknowledge and decide` };
  return null;
}

/** "3:12 of 5:00 breaching", counted live from when the rule went pending. */
export function pendingProgressText(rule: Pick<TRuleView, "since" | "window">, now: Date): string {
  const requiredMs = rule.window.kind === "sustained" ? Math.round(rule.window.minutes * 60_000) : 0;
  const heldMs = rule.since ? Math.min(requiredMs, Math.max(0, now.getTime() - Date.parse(rule.since))) : 0;
  return formatProgress({ heldMs, requiredMs });
}
