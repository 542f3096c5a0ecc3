// What a screen holds of a run's metrics (rules and their states, rollback recommendations, tokens,
// firing periods) and how each timeline event changes it. Pure, like applyRunEvent, which calls in
// here: the server's snapshot and the folded events agree.
import type { TMetricDefinition, TMetricStage } from "./metric-catalog";
import { formatMetricValue, STAGE_LABELS } from "./metric-catalog";
import { formatProgress, type TComparator, type TRuleSeverity, type TRuleState, type TRuleWindow } from "./metric-rules";
import { isTerminal, type TRunStatus } from "./run-status";

export const METRIC_EVENTS = {
  statesChanged: "metrics.states_changed",
  ruleSaved: "metrics.rule_saved",
  metricDeclared: "metrics.metric_declared",
  tokenCreated: "metrics.token_created",
  tokenRevoked: "metrics.token_revoked",
  triggered: "rollback.triggered",
  acknowledged: "rollback.acknowledged",
  decided: "rollback.decided",
} as const;

export type TRuleConfig = {
  id: string;
  position: number;
  label: string;
  metric: string;
  severity: TRuleSeverity;
  comparator: TComparator;
  threshold: number;
  unit: string;
  window: TRuleWindow;
  stage: TMetricStage | null;
  isEnabled: boolean;
  version: number;
};

export type TRuleView = TRuleConfig & {
  state: TRuleState;
  /** When the state began (ISO); a pending rule's progress counts from here. */
  since: string | null;
  value: number | null;
  valueStage: TMetricStage | null;
};

export type TAlertView = {
  id: string;
  source: "rule" | "manual";
  ruleId: string | null;
  label: string;
  metric: string | null;
  stage: TMetricStage | null;
  value: number | null;
  unit: string;
  note: string | null;
  raisedAt: string;
  raisedByName: string;
  acknowledgedAt: string | null;
  acknowledgedByName: string | null;
  decision: "rollback" | "continue" | null;
  decisionReason: string | null;
  decidedAt: string | null;
  decidedByName: string | null;
};

export type TTokenView = {
  id: string;
  name: string;
  prefix: string;
  createdByName: string;
  createdAt: string;
  revokedAt: string | null;
  revokedByName: string | null;
};

/** A stretch of time a rule was firing, for shading the charts. */
export type TFiringPeriod = { ruleId: string; metric: string; severity: TRuleSeverity; stage: TMetricStage | null; start: string; end: string | null };

export type TRunMetrics = {
  rules: TRuleView[];
  customMetrics: TMetricDefinition[];
  /** The playbook's manual rollback triggers ("Data corruption detected"). */
  manualTriggers: string[];
  /** Rollback recommendations, newest first, bounded. */
  alerts: TAlertView[];
  tokens: TTokenView[];
  /** Oldest first, bounded. */
  periods: TFiringPeriod[];
};

export const EMPTY_METRICS: TRunMetrics = { rules: [], customMetrics: [], manualTriggers: [], alerts: [], tokens: [], periods: [] };
export const ALERTS_IN_SNAPSHOT = 50;
export const PERIODS_IN_SNAPSHOT = 200;

/** The latest value of each series at a moment, recorded with acknowledgements and decisions. */
export type TMetricValue = { metric: string; stage: TMetricStage; value: number; at: string };

export type TRuleChange = {
  ruleId: string;
  label: string;
  metric: string;
  severity: TRuleSeverity;
  unit: string;
  from: TRuleState;
  to: TRuleState;
  since: string | null;
  value: number | null;
  stage: TMetricStage | null;
};

export type TStatesChangedPayload = {
  changes: TRuleChange[];
  alertsRaised: TAlertView[];
  /** Present when the rollout checkpoint was held (null) or restarted (a time) by these changes. */
  checkpoint?: TCheckpointChange;
};
/** Saving a rule can hold or restart the checkpoint, like a state change. */
export type TCheckpointChange = { startedAt: string | null; reason: string };
export type TRuleSavedPayload = { rule: TRuleView; isNew: boolean; summary: string; checkpoint?: TCheckpointChange };
export type TMetricDeclaredPayload = { metric: TMetricDefinition };
export type TTokenCreatedPayload = { token: TTokenView };
export type TTokenRevokedPayload = { tokenId: string; name: string; prefix: string; revokedAt: string; revokedByName: string };
export type TTriggeredPayload = { alert: TAlertView };
export type TAcknowledgedPayload = { alertId: string; label: string; byName: string; at: string; values: TMetricValue[] };
export type TDecidedPayload = {
  alertId: string;
  label: string;
  decision: "rollback" | "continue";
  reason: string;
  byName: string;
  at: string;
  values: TMetricValue[];
};

/** Firing periods after a set of state changes: a change to firing opens one, leaving firing closes it. */
export function foldPeriods(periods: readonly TFiringPeriod[], changes: readonly TRuleChange[], at: string): TFiringPeriod[] {
  let next = [...periods];
  for (const change of changes) {
    if (change.to === "firing" && change.from !== "firing") {
      next.push({ ruleId: change.ruleId, metric: change.metric, severity: change.severity, stage: change.stage, start: change.since ?? at, end: null });
    } else if (change.from === "firing" && change.to !== "firing") {
      // A firing that ends for lack of data ends when the event says so, not at some sample time.
      const end = change.to === "no_data" ? at : (change.since ?? at);
      next = next.map((p) => (p.ruleId === change.ruleId && p.end === null ? { ...p, end } : p));
    }
  }
  return next.slice(-PERIODS_IN_SNAPSHOT);
}

type TFoldable = { metrics: TRunMetrics; checkpointStartedAt: string | null };
type TEvent = { type: string; createdAt: string; payload: unknown };

const mapAlert = (metrics: TRunMetrics, alertId: string, change: (a: TAlertView) => TAlertView): TRunMetrics => ({
  ...metrics,
  alerts: metrics.alerts.map((a) => (a.id === alertId ? change(a) : a)),
});

function foldMetrics(metrics: TRunMetrics, event: TEvent): TRunMetrics {
  switch (event.type) {
    case METRIC_EVENTS.statesChanged: {
      const p = event.payload as TStatesChangedPayload;
      const byRule = new Map(p.changes.map((c) => [c.ruleId, c]));
      return {
        ...metrics,
        rules: metrics.rules.map((r) => {
          const c = byRule.get(r.id);
          return c ? { ...r, state: c.to, since: c.since, value: c.value, valueStage: c.stage } : r;
        }),
        alerts: [...p.alertsRaised, ...metrics.alerts].slice(0, ALERTS_IN_SNAPSHOT),
        periods: foldPeriods(metrics.periods, p.changes, event.createdAt),
      };
    }
    case METRIC_EVENTS.ruleSaved: {
      const { rule } = event.payload as TRuleSavedPayload;
      const exists = metrics.rules.some((r) => r.id === rule.id);
      const rules = exists ? metrics.rules.map((r) => (r.id === rule.id ? rule : r)) : [...metrics.rules, rule];
      return { ...metrics, rules: rules.sort((a, b) => a.position - b.position) };
    }
    case METRIC_EVENTS.metricDeclared: {
      const { metric } = event.payload as TMetricDeclaredPayload;
      return { ...metrics, customMetrics: [...metrics.customMetrics.filter((m) => m.key !== metric.key), metric] };
    }
    case METRIC_EVENTS.tokenCreated: {
      const { token } = event.payload as TTokenCreatedPayload;
      return { ...metrics, tokens: [token, ...metrics.tokens.filter((t) => t.id !== token.id)] };
    }
    case METRIC_EVENTS.tokenRevoked: {
      const p = event.payload as TTokenRevokedPayload;
      return { ...metrics, tokens: metrics.tokens.map((t) => (t.id === p.tokenId ? { ...t, revokedAt: p.revokedAt, revokedByName: p.revokedByName } : t)) };
    }
    case METRIC_EVENTS.triggered: {
      const { alert } = event.payload as TTriggeredPayload;
      return { ...metrics, alerts: [alert, ...metrics.alerts].slice(0, ALERTS_IN_SNAPSHOT) };
    }
    case METRIC_EVENTS.acknowledged: {
      const p = event.payload as TAcknowledgedPayload;
      return mapAlert(metrics, p.alertId, (a) => ({ ...a, acknowledgedAt: p.at, acknowledgedByName: p.byName }));
    }
    case METRIC_EVENTS.decided: {
      const p = event.payload as TDecidedPayload;
      return mapAlert(metrics, p.alertId, (a) => ({
        ...a,
        acknowledgedAt: a.acknowledgedAt ?? p.at,
        acknowledgedByName: a.acknowledgedByName ?? p.byName,
        decision: p.decision,
        decisionReason: p.reason,
        decidedAt: p.at,
        decidedByName: p.byName,
      }));
    }
    default:
      return metrics;
  }
}

/** Fold one event into the metrics part of a snapshot (and the checkpoint the rules hold or restart). */
export function applyMetricsEvent<T extends TFoldable>(snapshot: T, event: TEvent): T {
  const before = snapshot.metrics ?? EMPTY_METRICS;
  const metrics = foldMetrics(before, event);
  const carriesCheckpoint = event.type === METRIC_EVENTS.statesChanged || event.type === METRIC_EVENTS.ruleSaved;
  const checkpoint = carriesCheckpoint ? (event.payload as { checkpoint?: TCheckpointChange }).checkpoint : undefined;
  if (metrics === before && !checkpoint) return snapshot;
  return { ...snapshot, metrics, ...(checkpoint ? { checkpointStartedAt: checkpoint.startedAt } : {}) };
}

// ───────────────────────── what the screens make of it ─────────────────────────

export type TRecommendation = {
  alert: TAlertView;
  /** A rule alert whose rule is still firing, or an undecided manual trigger. */
  isActive: boolean;
  /** The rule's live value when it is firing (else the value when it fired). */
  value: number | null;
  stage: TMetricStage | null;
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
      };
    });
  return open.sort((a, b) => Number(b.isActive) - Number(a.isActive));
}

/** "7.4% on canary", "Data corruption detected: note", for banners and the status light. */
export function describeRecommendationValue(r: Pick<TRecommendation, "alert" | "value" | "stage">): string {
  if (r.alert.source === "manual") return r.alert.note ? `“${r.alert.note}”` : "";
  if (r.value === null) return "";
  const stage = r.stage && r.stage !== "overall" ? ` on ${STAGE_LABELS[r.stage].toLowerCase()}` : "";
  return `${formatMetricValue(r.value, r.alert.unit)}${stage}`;
}

const ruleValue = (rule: TRuleView) =>
  rule.value === null ? "" : `: ${formatMetricValue(rule.value, rule.unit)}${rule.valueStage && rule.valueStage !== "overall" ? ` on ${STAGE_LABELS[rule.valueStage].toLowerCase()}` : ""}`;

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
  const continued = metrics.alerts.find((a) => a.decision === "continue" && enabled.some((r) => r.id === a.ruleId && r.state === "firing"));
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
