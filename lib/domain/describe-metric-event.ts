// The metrics' timeline events in plain words. The payloads arrive parsed with the catalogue's
// schemas (describe-event.ts).
import { compareLine } from "./compare-wording";
import type { TDescribers } from "./describe-types";
import { formatMetricValue, STAGE_LABELS, type TMetricStage } from "./metric-catalog";
import type { TMetricValue, TRuleChange } from "./metric-events";
import { RULE_STATE_LABELS } from "./metric-rules";

const onStage = (stage: TMetricStage | null) => (stage && stage !== "overall" ? ` on ${STAGE_LABELS[stage].toLowerCase()}` : "");

function describeChange(change: TRuleChange): string {
  const figures = change.verdict?.compare;
  // A compare rule's value is its comparison: the canary's median alone would say nothing.
  const value = figures ? ` (${compareLine(figures, change.unit)})` : change.value === null ? "" : ` (${formatMetricValue(change.value, change.unit)}${onStage(change.stage)})`;
  if (change.severity === "success") {
    const met = change.to === "firing" ? "met" : change.to === "inconclusive" ? "unverified (no data)" : change.to === "pending" ? "nearly met" : "not met";
    return `success criterion “${change.label}” ${met}${value}`;
  }
  return `“${change.label}” ${RULE_STATE_LABELS[change.to].toLowerCase()}${value}`;
}

/** "error_rate 7.4% (canary), p95 1,320 ms (canary)…" — the figures recorded with a decision. */
function describeValues(values: TMetricValue[]): string {
  if (values.length === 0) return "";
  const shown = values.slice(0, 4).map((v) => `${v.metric} ${formatMetricValue(v.value, "")}${v.stage === "overall" ? "" : ` (${v.stage})`}`);
  return ` — at that moment: ${shown.join(", ")}${values.length > 4 ? ", …" : ""}`;
}

export const METRIC_DESCRIBERS = {
  "metrics.states_changed": (actor, p) => {
    // Data arriving for a calm rule is not news: it is counted, not spelled out.
    const isArrival = (c: TRuleChange) => c.from === "inconclusive" && (c.severity === "success" ? c.to !== "firing" : c.to === "ok");
    const parts = p.changes.filter((c) => !isArrival(c)).map(describeChange);
    const arrivals = p.changes.filter(isArrival).length;
    if (arrivals) parts.push(`${arrivals} ${arrivals === 1 ? "rule has" : "rules have"} data and ${arrivals === 1 ? "is" : "are"} calm`);
    if (p.alertsRaised.length) parts.unshift(`ROLLBACK RECOMMENDED: ${p.alertsRaised.map((a) => `“${a.label}”`).join(", ")}`);
    if (p.checkpoint) parts.push(p.checkpoint.reason);
    return `${actor}: ${parts.join("; ")}`;
  },
  "metrics.rule_saved": (actor, p) => {
    return `${actor} ${p.isNew ? "added the rule" : "changed the rule"} ${p.summary}${p.checkpoint ? `; ${p.checkpoint.reason}` : ""}`;
  },
  "metrics.metric_declared": (actor, p) => {
    return `${actor} declared the metric “${p.metric.label}” (${p.metric.key})`;
  },
  "metrics.token_created": (actor, p) => {
    return `${actor} created the metrics API token “${p.token.name}” (${p.token.prefix}…)`;
  },
  "metrics.token_revoked": (actor, p) => {
    return `${actor} revoked the metrics API token “${p.name}” (${p.prefix}…)`;
  },
  "rollback.triggered": (actor, p) => {
    return `${actor} pulled the rollback trigger “${p.alert.label}”${p.alert.note ? `: ${p.alert.note}` : ""}`;
  },
  "rollback.acknowledged": (actor, p) => {
    return `${actor} acknowledged “${p.label}”${describeValues(p.values)}`;
  },
  "rollback.decided": (actor, p) => {
    const verb = p.decision === "rollback" ? "decided to roll back" : "decided to continue";
    return `${actor} ${verb} on “${p.label}” (${p.reason})${describeValues(p.values)}`;
  },
} satisfies Partial<TDescribers>;
