// What a screen holds of a run's metrics (rules and their states, rollback recommendations, tokens,
// firing periods) and how each timeline event changes it. Pure, like applyRunEvent, which calls in
// here: the server's snapshot and the folded events agree.
import type { TRunEvent, TRunEventType } from "./events/catalogue";
import { foldWith, ignored, type TFoldTable } from "./events/tables";
import type { TMetricDefinition, TMetricStage } from "./metric-catalog";
import type { TComparator, TRuleSeverity, TRuleState, TRuleWindow } from "./metric-rules";
import type { TCompareSpec } from "./compare-rule";
import type { TRuleSemantics } from "./rule-semantics";
import type { TRuleSource } from "./rule-source";
import type { TLiveValue, TRuleVerdictState } from "./rule-verdict";

export const METRIC_EVENTS = {
  statesChanged: "metrics.states_changed",
  ruleSaved: "metrics.rule_saved",
  metricDeclared: "metrics.metric_declared",
  tokenCreated: "metrics.token_created",
  tokenRevoked: "metrics.token_revoked",
  triggered: "rollback.triggered",
  acknowledged: "rollback.acknowledged",
  decided: "rollback.decided",
} as const satisfies Record<string, TRunEventType>;

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
  /** How the rule is judged (aggregation, window, mode, no data, recovery), defaults applied. */
  semantics: TRuleSemantics;
  /** Pushed samples, or a PromQL template on a data source (its query hidden from status links). */
  source: TRuleSource;
  /** PromQL only: errors in a row that mark its source failing. */
  consecutiveErrorLimit: number;
  /** A compare rule (canary against production, compare-rule.ts); null: a threshold rule. */
  compare: TCompareSpec | null;
  isEnabled: boolean;
  version: number;
};

export type TRuleView = TRuleConfig & {
  state: TRuleState;
  /** When the state began (ISO); a pending rule's progress counts from here. */
  since: string | null;
  value: number | null;
  valueStage: TMetricStage | null;
  /** The evaluator's state (null until it first judged the rule): the gate and the light read it. */
  verdict: TRuleVerdictState | null;
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
  /** A run key's scopes (absent on tokens recorded before keys had scopes: metrics:write). */
  scopes?: string[];
  /** Last use, to the minute; the snapshot's, never a timeline event's. */
  lastUsedAt?: string | null;
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
  /** The rule's verdict state after the change; absent in events recorded before verdicts. */
  verdict?: TRuleVerdictState;
};

/**
 * Not a timeline event: what every evaluation broadcasts for each rule it judged, so values and
 * ages on screen are the current aggregate's, not the one of the last state change.
 */
export type TRuleLive = { ruleId: string; status: TRuleState; stage: TMetricStage | null; live: TLiveValue | null; verdict: TRuleVerdictState };
export type TRulesLivePayload = { runId: string; rules: TRuleLive[] };

/** A live broadcast folded into the rules (unknown rules ignored: a rule_saved will bring them). */
export function applyRulesLive(metrics: TRunMetrics, payload: Pick<TRulesLivePayload, "rules">): TRunMetrics {
  const byRule = new Map(payload.rules.map((r) => [r.ruleId, r]));
  return {
    ...metrics,
    rules: metrics.rules.map((r) => {
      const live = byRule.get(r.id);
      return live ? { ...r, verdict: live.verdict, value: live.live?.value ?? r.value, valueStage: live.stage ?? r.valueStage } : r;
    }),
  };
}

export type TStatesChangedPayload = {
  changes: TRuleChange[];
  alertsRaised: TAlertView[];
  /** Present when the rollout checkpoint was held (null) or restarted (a time) by these changes. */
  checkpoint?: TCheckpointChange;
};
/** Saving a rule can hold or restart the checkpoint, like a state change. */
export type TCheckpointChange = { startedAt: string | null; reason: string; /** Held: every reason (the first is `reason`). */ reasons?: string[] };
export type TRuleSavedPayload = { rule: TRuleView; isNew: boolean; summary: string; checkpoint?: TCheckpointChange };
export type TMetricDeclaredPayload = { metric: TMetricDefinition };
export type TTokenCreatedPayload = { token: TTokenView };
export type TTokenRevokedPayload = { tokenId: string; name: string; prefix: string; revokedAt: string; revokedByName: string };
export type TTriggeredPayload = { alert: TAlertView };
export type TAcknowledgedPayload = { alertId: string; label: string; byName: string; at: string; values: TMetricValue[] };
export type TDecidedPayload = {
  alertId: string;
  /** The rule the recommendation came from (null: a manual trigger); absent in events stored before notifications. */
  ruleId?: string | null;
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
      const end = change.to === "inconclusive" ? at : (change.since ?? at);
      next = next.map((p) => (p.ruleId === change.ruleId && p.end === null ? { ...p, end } : p));
    }
  }
  return next.slice(-PERIODS_IN_SNAPSHOT);
}

type TFoldable = { metrics: TRunMetrics; checkpointStartedAt: string | null };

const mapAlert = (metrics: TRunMetrics, alertId: string, change: (a: TAlertView) => TAlertView): TRunMetrics => ({
  ...metrics,
  alerts: metrics.alerts.map((a) => (a.id === alertId ? change(a) : a)),
});

const withMetrics = (s: TFoldable, metrics: TRunMetrics): TFoldable => ({ ...s, metrics });
/** Rule state changes and rule saves can hold the checkpoint (null) or restart it (a time). */
const withCheckpoint = (s: TFoldable, checkpoint: TCheckpointChange | undefined): TFoldable =>
  checkpoint ? { ...s, checkpointStartedAt: checkpoint.startedAt } : s;

/** What each event does to the metrics part of a snapshot and the checkpoint the rules hold. */
export const METRICS_FOLD = {
  "metrics.states_changed": (s, event) => {
    const p = event.payload;
    const byRule = new Map(p.changes.map((c) => [c.ruleId, c]));
    const metrics: TRunMetrics = {
      ...s.metrics,
      rules: s.metrics.rules.map((r) => {
        const c = byRule.get(r.id);
        return c ? { ...r, state: c.to, since: c.since, value: c.value, valueStage: c.stage, verdict: c.verdict ?? r.verdict } : r;
      }),
      alerts: [...p.alertsRaised, ...s.metrics.alerts].slice(0, ALERTS_IN_SNAPSHOT),
      periods: foldPeriods(s.metrics.periods, p.changes, event.createdAt),
    };
    return withCheckpoint(withMetrics(s, metrics), p.checkpoint);
  },
  "metrics.rule_saved": (s, { payload: { rule, checkpoint } }) => {
    const exists = s.metrics.rules.some((r) => r.id === rule.id);
    const rules = exists ? s.metrics.rules.map((r) => (r.id === rule.id ? rule : r)) : [...s.metrics.rules, rule];
    return withCheckpoint(withMetrics(s, { ...s.metrics, rules: rules.sort((a, b) => a.position - b.position) }), checkpoint);
  },
  "metrics.metric_declared": (s, { payload: { metric } }) =>
    withMetrics(s, { ...s.metrics, customMetrics: [...s.metrics.customMetrics.filter((m) => m.key !== metric.key), metric] }),
  "metrics.token_created": (s, { payload: { token } }) =>
    withMetrics(s, { ...s.metrics, tokens: [token, ...s.metrics.tokens.filter((t) => t.id !== token.id)] }),
  "metrics.token_revoked": (s, { payload: p }) =>
    withMetrics(s, {
      ...s.metrics,
      tokens: s.metrics.tokens.map((t) => (t.id === p.tokenId ? { ...t, revokedAt: p.revokedAt, revokedByName: p.revokedByName } : t)),
    }),
  "rollback.triggered": (s, { payload: { alert } }) =>
    withMetrics(s, { ...s.metrics, alerts: [alert, ...s.metrics.alerts].slice(0, ALERTS_IN_SNAPSHOT) }),
  "rollback.acknowledged": (s, { payload: p }) =>
    withMetrics(s, mapAlert(s.metrics, p.alertId, (a) => ({ ...a, acknowledgedAt: p.at, acknowledgedByName: p.byName }))),
  "rollback.decided": (s, { payload: p }) =>
    withMetrics(
      s,
      mapAlert(s.metrics, p.alertId, (a) => ({
        ...a,
        acknowledgedAt: a.acknowledgedAt ?? p.at,
        acknowledgedByName: a.acknowledgedByName ?? p.byName,
        decision: p.decision,
        decisionReason: p.reason,
        decidedAt: p.at,
        decidedByName: p.byName,
      })),
    ),
  ...ignored(
    "run.created",
    "item.changed",
    "run.status_changed",
    "rollout.advanced",
    "check.completed",
    "poll.opened",
    "poll.voted",
    "poll.closed",
    "poll.overridden",
    "run.role_reassigned",
    "announcement.posted",
    "announcement.delivery",
    "announcement.redelivery",
    "comms.template_saved",
    "comms.webhook_saved",
    "comms.webhook_removed",
    "decision.started",
    "decision.stepped",
    "decision.applied",
    "decision.abandoned",
    "share.created",
    "share.revoked",
    "lock.taken",
    "lock.released",
    "freeze.saved",
    "freeze.removed",
    "guard.overridden",
    "flagger.event",
    "run.marked_faulty",
    "hidden",
  ),
} satisfies TFoldTable<TFoldable>;

/** Fold one event into the metrics part of a snapshot (and the checkpoint the rules hold or restart). */
export function applyMetricsEvent<T extends TFoldable>(snapshot: T, event: TRunEvent): T {
  const before: TFoldable = { metrics: snapshot.metrics ?? EMPTY_METRICS, checkpointStartedAt: snapshot.checkpointStartedAt };
  const after = foldWith(METRICS_FOLD, before, event);
  return after === before ? snapshot : { ...snapshot, metrics: after.metrics, checkpointStartedAt: after.checkpointStartedAt };
}

