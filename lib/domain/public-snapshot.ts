// The run as a status link sees it: a run snapshot with every internal field blanked (commands,
// notes, NO-GO reasons, tokens, the frozen decision record), so the war room's own fold and verdicts
// apply to it unchanged. Built field by field on purpose: a field added to the snapshot later does not
// reach stakeholders until someone decides here that it may. Pure.
import type { TRunComms } from "./comms-events";
import { EMPTY_DECISIONS } from "./decision-events";
import type { TGoNoGoState, TPollRound } from "./go-no-go";
import type { TAlertView, TRulesLivePayload, TRunMetrics } from "./metric-events";
import type { TRuleSource } from "./rule-source";
import type { TRuleVerdictState } from "./rule-verdict";
import type { TRunSnapshot, TSnapshotItem, TSnapshotPhase } from "./run-snapshot";
import { publicStatusReason } from "./walk-status-reason";
import { EMPTY_GUARDS, type TRunGuards } from "./guard-events";
import type { TFreezeView, TLockView } from "./service-guards";

function redactItem(item: TSnapshotItem): TSnapshotItem {
  return {
    id: item.id,
    text: item.text,
    depth: item.depth,
    command: null,
    expectedOutput: null,
    required: item.required,
    state: item.state,
    note: null,
    changedByName: null,
    changedAt: item.changedAt,
    version: item.version,
    metricLink: null,
  };
}

function redactPhase(phase: TSnapshotPhase): TSnapshotPhase {
  return {
    id: phase.id,
    key: phase.key,
    title: phase.title,
    budgetMinMinutes: phase.budgetMinMinutes,
    budgetMaxMinutes: phase.budgetMaxMinutes,
    successCriteria: [],
    startedAt: phase.startedAt,
    completedAt: phase.completedAt,
    sections: phase.sections.map((section) => ({
      id: section.id,
      title: section.title,
      command: null,
      expectedOutput: null,
      intervalMinutes: section.intervalMinutes,
      items: section.items.map(redactItem),
      rounds: section.rounds.map((r) => ({ completedAt: r.completedAt, byName: r.byName, note: null })),
    })),
  };
}

/** A NO-GO reason is a person's note: the answer counts, its words stay in the war room. */
export const redactReason = (reason: string | null) => (reason === null ? null : "");

function redactRound(round: TPollRound): TPollRound {
  return {
    id: round.id,
    round: round.round,
    questions: round.questions,
    positions: round.positions,
    status: round.status,
    openedSeq: round.openedSeq,
    openedByName: round.openedByName,
    openedAt: round.openedAt,
    closedByName: round.closedByName,
    closedAt: round.closedAt,
    outcome: round.outcome,
    override: round.override ? { reason: "", byName: round.override.byName, at: round.override.at } : null,
    votes: round.votes.map((v) => ({ ...v, reason: redactReason(v.reason) })),
    decision: null,
  };
}

function redactGoNoGo(state: TGoNoGoState): TGoNoGoState {
  return { enteredSeq: state.enteredSeq, rounds: state.rounds.map(redactRound), templateQuestions: [] };
}

/** Manual triggers carry a lead's note; who raised or decided, and the decision's reason, stay. */
export function redactAlert(alert: TAlertView): TAlertView {
  return { ...alert, note: null };
}

/** Posted announcements are for stakeholders; templates, webhooks (URLs are credentials) and delivery logs are not. */
function redactComms(comms: TRunComms): TRunComms {
  return {
    templates: [],
    announcements: comms.announcements.map((a) => ({
      id: a.id,
      templateKey: a.templateKey,
      title: a.title,
      body: a.body,
      postedByName: a.postedByName,
      postedAt: a.postedAt,
      deliveries: [],
    })),
    webhooks: [],
  };
}

/** A data source's error text can name hosts and queries: a status link learns only that it failed. */
export function redactVerdict(verdict: TRuleVerdictState | null): TRuleVerdictState | null {
  if (verdict?.inconclusive?.kind !== "provider_error") return verdict;
  return { ...verdict, inconclusive: { kind: "provider_error", message: "data source error" } };
}

/** A PromQL query names services, labels and hosts: a status link learns only that the rule queries one. */
export function redactRuleSource(source: TRuleSource): TRuleSource {
  return source.kind === "push" ? source : { kind: "promql", dataSourceId: null, query: "" };
}

/** The live figures as a status link gets them (see redactVerdict). */
export function publicRulesLive(payload: TRulesLivePayload): TRulesLivePayload {
  return { runId: payload.runId, rules: payload.rules.map((r) => ({ ...r, verdict: redactVerdict(r.verdict)! })) };
}

function redactMetrics(metrics: TRunMetrics): TRunMetrics {
  return {
    rules: metrics.rules.map((r) => ({ ...r, source: redactRuleSource(r.source), verdict: redactVerdict(r.verdict) })),
    customMetrics: metrics.customMetrics,
    manualTriggers: metrics.manualTriggers,
    alerts: metrics.alerts.map(redactAlert),
    // Ingestion tokens are metric API details: never on a status link.
    tokens: [],
    periods: metrics.periods,
  };
}

/** The run as a status link sees it. */
export function redactSnapshot(s: TRunSnapshot): TRunSnapshot {
  return {
    id: s.id,
    name: s.name,
    service: s.service,
    targetVersion: s.targetVersion,
    commit: null,
    plannedStart: s.plannedStart,
    plannedDurationMin: s.plannedDurationMin,
    status: s.status,
    statusReason: publicStatusReason(s.statusReason),
    version: s.version,
    rolloutPercent: s.rolloutPercent,
    checkpointStartedAt: s.checkpointStartedAt,
    rolloutSteps: s.rolloutSteps,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    roles: [],
    phases: s.phases.map(redactPhase),
    lastSeq: s.lastSeq,
    timeline: [],
    goNoGo: redactGoNoGo(s.goNoGo),
    metrics: redactMetrics(s.metrics),
    comms: redactComms(s.comms),
    // Decision-tree walks are the team's deliberation; their outcomes reach the page as status changes.
    decisions: EMPTY_DECISIONS,
    guards: redactGuards(s.guards),
  };
}

// Locks and freezes reach a status link as the fact that they hold the run ("Paused"), never who
// holds them or why: a lock's reason is the team's business.
export const redactLock = (lock: TLockView): TLockView => ({ ...lock, reason: "", holderName: "" });
export const redactFreeze = (freeze: TFreezeView): TFreezeView => ({ ...freeze, reason: "", createdByName: "" });

function redactGuards(guards: TRunGuards | undefined): TRunGuards {
  const g = guards ?? EMPTY_GUARDS;
  return { locks: g.locks.map(redactLock), freezes: g.freezes.map(redactFreeze), override: g.override && { ...g.override, messages: [], reason: "", byName: "" } };
}
