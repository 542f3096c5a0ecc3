// The metrics' timeline events in plain words. Payloads are stored JSON: each is checked, and
// describeEvent falls back to a generic line for anything unexpected.
// zod/mini: these run in the browser (bridge, war room), where the full zod would add ~30 kB.
import { z } from "zod/mini";
import { formatMetricValue, METRIC_STAGES, STAGE_LABELS } from "./metric-catalog";
import { METRIC_EVENTS } from "./metric-events";
import { RULE_STATE_LABELS, RULE_STATES } from "./metric-rules";

const ZValue = z.object({ metric: z.string(), stage: z.enum(METRIC_STAGES), value: z.number() });
const ZChange = z.object({
  label: z.string(),
  severity: z.string(),
  unit: z.string(),
  from: z.optional(z.enum(RULE_STATES)),
  to: z.enum(RULE_STATES),
  value: z.nullable(z.number()),
  stage: z.nullable(z.enum(METRIC_STAGES)),
});
const ZStatesChanged = z.object({
  changes: z.array(ZChange),
  alertsRaised: z._default(z.array(z.object({ label: z.string() })), []),
  checkpoint: z.optional(z.object({ startedAt: z.nullable(z.string()), reason: z.string() })),
});
const ZRuleSaved = z.object({ isNew: z.boolean(), summary: z.string(), checkpoint: z.optional(z.object({ reason: z.string() })) });
const ZDeclared = z.object({ metric: z.object({ key: z.string(), label: z.string() }) });
const ZToken = z.object({ name: z.string(), prefix: z.string() });
const ZTriggered = z.object({ alert: z.object({ label: z.string(), note: z.nullish(z.string()) }) });
const ZAcknowledged = z.object({ label: z.string(), values: z._default(z.array(ZValue), []) });
const ZDecided = z.object({ label: z.string(), decision: z.enum(["rollback", "continue"]), reason: z.string(), values: z._default(z.array(ZValue), []) });

const onStage = (stage: string | null) => (stage && stage !== "overall" ? ` on ${STAGE_LABELS[stage as keyof typeof STAGE_LABELS].toLowerCase()}` : "");

function describeChange(change: z.infer<typeof ZChange>): string {
  const value = change.value === null ? "" : ` (${formatMetricValue(change.value, change.unit)}${onStage(change.stage)})`;
  if (change.severity === "success") {
    const met = change.to === "firing" ? "met" : change.to === "no_data" ? "has no data" : change.to === "pending" ? "nearly met" : "not met";
    return `success criterion “${change.label}” ${met}${value}`;
  }
  return `“${change.label}” ${RULE_STATE_LABELS[change.to].toLowerCase()}${value}`;
}

/** "error_rate 7.4% (canary), p95 1,320 ms (canary)…" — the figures recorded with a decision. */
function describeValues(values: z.infer<typeof ZValue>[]): string {
  if (values.length === 0) return "";
  const shown = values.slice(0, 4).map((v) => `${v.metric} ${formatMetricValue(v.value, "")}${v.stage === "overall" ? "" : ` (${v.stage})`}`);
  return ` — at that moment: ${shown.join(", ")}${values.length > 4 ? ", …" : ""}`;
}

type TDescriber = (actor: string, payload: unknown) => string | null;

export const METRIC_DESCRIBERS: Record<string, TDescriber> = {
  [METRIC_EVENTS.statesChanged]: (actor, payload) => {
    const p = ZStatesChanged.safeParse(payload);
    if (!p.success) return null;
    // Data arriving for a calm rule is not news: it is counted, not spelled out.
    const isArrival = (c: z.infer<typeof ZChange>) => c.from === "no_data" && (c.severity === "success" ? c.to !== "firing" : c.to === "ok");
    const parts = p.data.changes.filter((c) => !isArrival(c)).map(describeChange);
    const arrivals = p.data.changes.filter(isArrival).length;
    if (arrivals) parts.push(`${arrivals} ${arrivals === 1 ? "rule has" : "rules have"} data and ${arrivals === 1 ? "is" : "are"} calm`);
    if (p.data.alertsRaised.length) parts.unshift(`ROLLBACK RECOMMENDED: ${p.data.alertsRaised.map((a) => `“${a.label}”`).join(", ")}`);
    if (p.data.checkpoint) parts.push(p.data.checkpoint.reason);
    return `${actor}: ${parts.join("; ")}`;
  },
  [METRIC_EVENTS.ruleSaved]: (actor, payload) => {
    const p = ZRuleSaved.safeParse(payload);
    if (!p.success) return null;
    return `${actor} ${p.data.isNew ? "added the rule" : "changed the rule"} ${p.data.summary}${p.data.checkpoint ? `; ${p.data.checkpoint.reason}` : ""}`;
  },
  [METRIC_EVENTS.metricDeclared]: (actor, payload) => {
    const p = ZDeclared.safeParse(payload);
    return p.success ? `${actor} declared the metric “${p.data.metric.label}” (${p.data.metric.key})` : null;
  },
  [METRIC_EVENTS.tokenCreated]: (actor, payload) => {
    const p = z.object({ token: ZToken }).safeParse(payload);
    return p.success ? `${actor} created the metrics API token “${p.data.token.name}” (${p.data.token.prefix}…)` : null;
  },
  [METRIC_EVENTS.tokenRevoked]: (actor, payload) => {
    const p = ZToken.safeParse(payload);
    return p.success ? `${actor} revoked the metrics API token “${p.data.name}” (${p.data.prefix}…)` : null;
  },
  [METRIC_EVENTS.triggered]: (actor, payload) => {
    const p = ZTriggered.safeParse(payload);
    if (!p.success) return null;
    return `${actor} pulled the rollback trigger “${p.data.alert.label}”${p.data.alert.note ? `: ${p.data.alert.note}` : ""}`;
  },
  [METRIC_EVENTS.acknowledged]: (actor, payload) => {
    const p = ZAcknowledged.safeParse(payload);
    return p.success ? `${actor} acknowledged “${p.data.label}”${describeValues(p.data.values)}` : null;
  },
  [METRIC_EVENTS.decided]: (actor, payload) => {
    const p = ZDecided.safeParse(payload);
    if (!p.success) return null;
    const verb = p.data.decision === "rollback" ? "decided to roll back" : "decided to continue";
    return `${actor} ${verb} on “${p.data.label}” (${p.data.reason})${describeValues(p.data.values)}`;
  },
};
