// What a stakeholder's status link may see of a run, and nothing more. The public state is a run
// snapshot with every internal field blanked (commands, notes, NO-GO reasons, tokens, the frozen
// decision record), so the war room's own fold (applyRunEvent) and verdicts (statusLight,
// estimatedFinish, progress) apply to it unchanged. Events reach status links projected the same
// way, with the run's own seq; an event a stakeholder has no business seeing becomes "hidden" (its
// seq kept, so the seq-ordered fold and the replay after a gap work exactly as in the war room).
// Pure: the server projects, the browser folds, tests compare both.
// zod/mini: this also runs on the status page, where the full zod would add ~30 kB.
import { z } from "zod/mini";
import { progress } from "./checklist";
import { KEY_METRICS } from "./metric-catalog";
import type { TLiveSample, TMetricCharts } from "./metric-charts";
import { COMMS_EVENTS, type TRunComms } from "./comms-events";
import { DECISION_EVENTS, EMPTY_DECISIONS } from "./decision-events";
import { decisionOf, type TGoNoGoState, type TPollRound, type TAcceptedChange } from "./go-no-go";
import {
  POLL_EVENTS,
  type TPollClosedPayload,
  type TPollOverriddenPayload,
  type TPollVotedPayload,
} from "./go-no-go-events";
import {
  METRIC_EVENTS,
  type TAlertView,
  type TRunMetrics,
  type TStatesChangedPayload,
  type TTriggeredPayload,
} from "./metric-events";
import {
  allItems,
  applyRunEvent,
  checklistItems,
  type TCheckRoundPayload,
  type TItemChangedPayload,
  type TRunEvent,
  type TRunSnapshot,
  type TSnapshotItem,
  type TSnapshotPhase,
} from "./run-snapshot";
import { isTerminal, type TRunStatus } from "./run-status";
import { estimatedFinish } from "./schedule";
import { SHARE_EVENTS } from "./share-links";
import { currentPhase, statusLight, type TStatusLight } from "./status-light";

/** An internal event as a status link receives it: only its seq and time. */
export const HIDDEN_EVENT = "hidden";

/**
 * Announcements posted for stakeholders (lib/domain/comms-events.ts). The payload is stored JSON: it
 * is checked, and anything that does not parse stays hidden.
 */
export const ANNOUNCEMENT_EVENT = COMMS_EVENTS.posted;
const ZAnnouncement = z.object({
  title: z.nullish(z.string().check(z.maxLength(500))),
  body: z.string().check(z.maxLength(20_000)),
});

export type TPublicAnnouncement = { seq: number; title: string | null; body: string; postedAt: string };
export const ANNOUNCEMENTS_ON_PAGE = 50;

/** A committed event, as the war room gets it and as a status link gets it (projected). */
export type TPublicEvent = {
  runId: string;
  seq: number;
  type: string;
  actorId: string | null;
  actorName: string;
  payload: unknown;
  createdAt: string;
};

export type TPublicStatus = {
  /** The run with everything internal blanked; its timeline is always empty. */
  run: TRunSnapshot;
  /** Newest first, bounded. */
  announcements: TPublicAnnouncement[];
};

// ───────────────────────────── the snapshot ─────────────────────────────

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
const redactReason = (reason: string | null) => (reason === null ? null : "");

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
function redactAlert(alert: TAlertView): TAlertView {
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

function redactMetrics(metrics: TRunMetrics): TRunMetrics {
  return {
    rules: metrics.rules,
    customMetrics: metrics.customMetrics,
    manualTriggers: metrics.manualTriggers,
    alerts: metrics.alerts.map(redactAlert),
    // Ingestion tokens are metric API details: never on a status link.
    tokens: [],
    periods: metrics.periods,
  };
}

/**
 * The run as a status link sees it. Built field by field on purpose: a field added to the snapshot
 * later does not reach stakeholders until someone decides here that it may.
 */
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
    statusReason: s.statusReason,
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
  };
}

// ───────────────────────────── the events ─────────────────────────────

type TProjection = (payload: unknown) => unknown;

const redactChange = (c: TAcceptedChange): TAcceptedChange => ({
  ...c,
  reason: redactReason(c.reason),
  previous: c.previous ? { answer: c.previous.answer, reason: redactReason(c.previous.reason) } : null,
});

const same: TProjection = (payload) => payload;

/**
 * Every event type a run can record, public (with how its payload is cut down) or null (hidden).
 * The unit test fails when a feature adds an event type that is in neither column.
 */
export const PUBLIC_PROJECTIONS: Record<string, TProjection | null> = {
  "run.created": null,
  "item.changed": (p) => ({ ...(p as TItemChangedPayload), note: null, changedByName: "" }),
  "run.status_changed": same,
  "rollout.advanced": same,
  "check.completed": (p) => ({ ...(p as TCheckRoundPayload), note: null }),
  [POLL_EVENTS.opened]: same,
  [POLL_EVENTS.voted]: (p) => {
    const voted = p as TPollVotedPayload;
    return { ...voted, changes: voted.changes.map(redactChange) };
  },
  [POLL_EVENTS.closed]: (p) => ({ ...(p as TPollClosedPayload), decision: null }),
  [POLL_EVENTS.overridden]: (p) => ({ ...(p as TPollOverriddenPayload), reason: "" }),
  [POLL_EVENTS.roleReassigned]: null,
  [METRIC_EVENTS.statesChanged]: (p) => {
    const changed = p as TStatesChangedPayload;
    return { ...changed, alertsRaised: changed.alertsRaised.map(redactAlert) };
  },
  [METRIC_EVENTS.ruleSaved]: same,
  [METRIC_EVENTS.metricDeclared]: same,
  [METRIC_EVENTS.tokenCreated]: null,
  [METRIC_EVENTS.tokenRevoked]: null,
  [METRIC_EVENTS.triggered]: (p) => ({ alert: redactAlert((p as TTriggeredPayload).alert) }),
  [METRIC_EVENTS.acknowledged]: same,
  [METRIC_EVENTS.decided]: same,
  [COMMS_EVENTS.posted]: (p) => {
    const parsed = ZAnnouncement.safeParse(p);
    if (!parsed.success) return undefined;
    const { id, templateKey, postedByName, postedAt } = p as Record<string, unknown>;
    // Without its webhook deliveries (hosts, errors): the war room's fold still takes it (lib/domain/comms-events.ts).
    return { id, templateKey, title: parsed.data.title ?? null, body: parsed.data.body, postedByName, postedAt, deliveries: [] };
  },
  [COMMS_EVENTS.delivery]: null,
  [COMMS_EVENTS.redelivery]: null,
  [COMMS_EVENTS.templateSaved]: null,
  [COMMS_EVENTS.webhookSaved]: null,
  [COMMS_EVENTS.webhookRemoved]: null,
  [DECISION_EVENTS.started]: null,
  [DECISION_EVENTS.stepped]: null,
  [DECISION_EVENTS.applied]: null,
  [DECISION_EVENTS.abandoned]: null,
  [SHARE_EVENTS.created]: null,
  [SHARE_EVENTS.revoked]: null,
};

/** An event as a status link receives it: projected, or hidden (seq and time only). No actor. */
export function toPublicEvent(event: TPublicEvent): TPublicEvent {
  const project = Object.hasOwn(PUBLIC_PROJECTIONS, event.type) ? PUBLIC_PROJECTIONS[event.type] : null;
  let payload: unknown;
  try {
    payload = project ? project(event.payload) : undefined;
  } catch {
    payload = undefined; // a stored payload of an unexpected shape: hide it rather than guess
  }
  const base = { runId: event.runId, seq: event.seq, actorId: null, actorName: "", createdAt: event.createdAt };
  return payload === undefined ? { ...base, type: HIDDEN_EVENT, payload: null } : { ...base, type: event.type, payload };
}

function announcementOf(event: TRunEvent): TPublicAnnouncement | null {
  if (event.type !== ANNOUNCEMENT_EVENT) return null;
  const parsed = ZAnnouncement.safeParse(event.payload);
  return parsed.success ? { seq: event.seq, title: parsed.data.title ?? null, body: parsed.data.body, postedAt: event.createdAt } : null;
}

/** The status page's start: the redacted run plus the announcements found in its events. */
export function publicStatusOf(snapshot: TRunSnapshot, events: TRunEvent[]): TPublicStatus {
  const announcements = events
    .map(announcementOf)
    .filter((a): a is TPublicAnnouncement => a !== null)
    .sort((a, b) => b.seq - a.seq)
    .slice(0, ANNOUNCEMENTS_ON_PAGE);
  return { run: redactSnapshot(snapshot), announcements };
}

/** Fold one projected event. Events at or below lastSeq are already in: ignored. */
export function applyPublicEvent(status: TPublicStatus, event: TRunEvent): TPublicStatus {
  if (event.seq <= status.run.lastSeq) return status;
  const run = { ...applyRunEvent(status.run, event), timeline: [] };
  const announcement = announcementOf(event);
  const announcements = announcement ? [announcement, ...status.announcements].slice(0, ANNOUNCEMENTS_ON_PAGE) : status.announcements;
  return { run, announcements };
}

// ───────────────────────────── key charts (links made with "include charts") ─────────────────────────────

const isKeyMetric = (metric: string) => (KEY_METRICS as readonly string[]).includes(metric);

/** The key metrics' series only (error rate, p95 response time): the charts a stakeholder gets. */
export function publicCharts(charts: TMetricCharts): TMetricCharts {
  return { series: charts.series.filter((s) => isKeyMetric(s.metric)), rolloutMarks: charts.rolloutMarks };
}

export function publicSamples<T extends Pick<TLiveSample, "metric">>(samples: readonly T[]): T[] {
  return samples.filter((s) => isKeyMetric(s.metric));
}

// ───────────────────────────── what the page says ─────────────────────────────

/** Where the deployment is, in words a stakeholder uses. */
export const STAGE_WORDS: Record<TRunStatus, string> = {
  planned: "Scheduled",
  pre_deployment: "Preparing",
  staging: "Testing on staging",
  smoke_tests: "Smoke testing",
  go_no_go: "Deciding go / no-go",
  production: "Rolling out to production",
  validation: "Validating in production",
  monitoring: "Monitoring after release",
  completed: "Completed",
  rolled_back: "Rolled back",
  rescheduled: "Rescheduled",
  aborted: "Cancelled",
};

export type TPublicGoNoGo = { state: "pending" | "voting" | "go" | "no_go"; text: string };

export function publicGoNoGo(state: TGoNoGoState): TPublicGoNoGo {
  const round = state.rounds.at(-1);
  if (!round) return { state: "pending", text: "Not decided yet" };
  if (round.status === "open") return { state: "voting", text: `Vote in progress (round ${round.round})` };
  const decision = decisionOf(round);
  if (decision?.outcome === "proceed") {
    return { state: "go", text: decision.isOverridden ? "GO: proceeding (a lead overrode the vote)" : "GO: proceed to production" };
  }
  return { state: "no_go", text: "NO-GO: the deployment is to be rescheduled" };
}

export type TPublicView = {
  name: string;
  service: string;
  targetVersion: string;
  status: TRunStatus;
  stage: string;
  statusReason: string | null;
  isFinished: boolean;
  light: TStatusLight;
  /** The phase under way: "Phase 3 of 6". */
  phase: { title: string; number: number; of: number; done: number; total: number } | null;
  progress: { done: number; total: number; failed: number };
  /** When it should be over: the planned window's end before it starts, the estimate while it runs. */
  expectedFinish: string | null;
  plannedStart: string;
  startedAt: string | null;
  endedAt: string | null;
  /** Production traffic on the new version, once the rollout has begun. */
  rolloutPercent: number | null;
  goNoGo: TPublicGoNoGo;
  announcements: TPublicAnnouncement[];
};

const NOT_STARTED: readonly TRunStatus[] = ["planned", "rescheduled"];

export function publicView(status: TPublicStatus, now: Date): TPublicView {
  const run = status.run;
  const items = allItems(run);
  const phase = currentPhase(run);
  const phaseItems = phase ? progress(checklistItems(phase)) : null;
  const isFinished = isTerminal(run.status);
  const timings = run.phases.map((p) => ({
    budgetMaxMinutes: p.budgetMaxMinutes,
    startedAt: p.startedAt ? new Date(p.startedAt) : null,
    completedAt: p.completedAt ? new Date(p.completedAt) : null,
  }));
  const windowEnd = new Date(Date.parse(run.plannedStart) + run.plannedDurationMin * 60_000).toISOString();
  return {
    name: run.name,
    service: run.service,
    targetVersion: run.targetVersion,
    status: run.status,
    stage: STAGE_WORDS[run.status],
    statusReason: run.statusReason,
    isFinished,
    light: statusLight(run, now),
    phase:
      phase && phaseItems
        ? { title: phase.title, number: run.phases.indexOf(phase) + 1, of: run.phases.length, done: phaseItems.done, total: phaseItems.total }
        : null,
    progress: { ...progress(items), failed: items.filter((i) => i.state === "failed").length },
    expectedFinish: isFinished ? null : NOT_STARTED.includes(run.status) ? windowEnd : estimatedFinish(timings, now).toISOString(),
    plannedStart: run.plannedStart,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    rolloutPercent: ["production", "validation", "monitoring", "completed"].includes(run.status) ? run.rolloutPercent : null,
    goNoGo: publicGoNoGo(run.goNoGo),
    announcements: status.announcements,
  };
}
