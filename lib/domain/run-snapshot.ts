// What a screen holds of a run, and how each timeline event changes it. Pure: the server builds the
// first snapshot, clients fold events into it in seq order, tests compare hashes of both.
import type { TItemState } from "./checklist";
import type { TRunEvent } from "./events/catalogue";
import type { TMetricLink } from "./item-links";
import { foldWith, ignored, type TFoldTable } from "./events/tables";
import type { TGoNoGoState } from "./go-no-go";
import { applyCommsEvent, commsFingerprint, type TRunComms } from "./comms-events";
import { applyDecisionEvent, decisionsFingerprint, type TRunDecisions } from "./decision-events";
import { applyGoNoGoEvent, goNoGoFingerprint } from "./go-no-go-events";
import { applyGuardEvent, guardsFingerprint, type TRunGuards } from "./guard-events";
import { applyMetricsEvent, type TRunMetrics } from "./metric-events";
import { ROUNDS_IN_SNAPSHOT, type TCheckRound } from "./recurring-checks";
import type { TRunStatus } from "./run-status";
import type { TRolloutStep } from "./rollout";
import type { TPhaseKey } from "./template-vocabulary";

export type TSnapshotItem = {
  id: string;
  text: string;
  depth: number;
  command: string | null;
  expectedOutput: string | null;
  required: boolean;
  state: TItemState;
  note: string | null;
  changedByName: string | null;
  changedAt: string | null;
  version: number;
  /** The rule or checkpoint the item states (see item-links.ts); absent or null for a plain item. */
  metricLink?: TMetricLink | null;
  /** Ticked by hand against its link: what the link showed then (the reason is the note). */
  overrideStatus?: string | null;
};

export type TSnapshotSection = {
  id: string;
  title: string;
  command: string | null;
  expectedOutput: string | null;
  intervalMinutes: number | null;
  /** What an imported runbook had here that no field holds (copied from the template). */
  notes?: string[];
  items: TSnapshotItem[];
  /** Recurring sections only: recorded rounds, newest first, bounded. */
  rounds: TCheckRound[];
};

export type TSnapshotPhase = {
  id: string;
  key: TPhaseKey;
  title: string;
  budgetMinMinutes: number;
  budgetMaxMinutes: number;
  successCriteria: string[];
  startedAt: string | null;
  completedAt: string | null;
  sections: TSnapshotSection[];
};

export type TRunSnapshot = {
  id: string;
  name: string;
  service: string;
  targetVersion: string;
  commit: string | null;
  plannedStart: string;
  plannedDurationMin: number;
  status: TRunStatus;
  statusReason: string | null;
  version: number;
  rolloutPercent: number;
  checkpointStartedAt: string | null;
  rolloutSteps: TRolloutStep[];
  startedAt: string | null;
  endedAt: string | null;
  roles: { role: string; userId: string; userName: string }[];
  phases: TSnapshotPhase[];
  lastSeq: number;
  /** Newest first, bounded. */
  timeline: TRunEvent[];
  /** The go/no-go poll: every round, and when the run last entered go/no-go. */
  goNoGo: TGoNoGoState;
  /** Rules and their states, rollback recommendations, API tokens, firing periods. */
  metrics: TRunMetrics;
  /** Communication templates, posted announcements with their webhook deliveries, the run's webhooks. */
  comms: TRunComms;
  /** The playbook's decision trees and every walk through them. */
  decisions: TRunDecisions;
  /** Locks and freezes on the run's service, and the run's override of them (absent: none known). */
  guards?: TRunGuards;
};

export const TIMELINE_LIMIT = 200;

export type {
  TCheckRoundPayload,
  TItemChangedPayload,
  TRolloutAdvancedPayload,
  TRunCreatedPayload,
  TStatusChangedPayload,
} from "./events/run-payloads";

function mapItems(snapshot: TRunSnapshot, itemId: string, change: (item: TSnapshotItem) => TSnapshotItem): TRunSnapshot {
  return {
    ...snapshot,
    phases: snapshot.phases.map((phase) => ({
      ...phase,
      sections: phase.sections.map((section) => ({
        ...section,
        items: section.items.map((item) => (item.id === itemId ? change(item) : item)),
      })),
    })),
  };
}

/** What each of the run's own events does to the snapshot; the features' folds follow in applyRunEvent. */
export const RUN_FOLD = {
  "item.changed": (snapshot, { payload: p }) =>
    mapItems(snapshot, p.itemId, (item) => ({
      ...item,
      state: p.state,
      note: p.note,
      version: p.version,
      changedByName: p.changedByName,
      changedAt: p.changedAt,
      overrideStatus: p.override ?? null,
    })),
  "run.status_changed": (snapshot, { payload: p }) => {
    const timing = new Map(p.phases.map((ph) => [ph.id, ph]));
    return {
      ...snapshot,
      status: p.to,
      version: p.version,
      statusReason: p.reason,
      startedAt: p.startedAt,
      endedAt: p.endedAt,
      plannedStart: p.plannedStart,
      phases: snapshot.phases.map((phase) => {
        const t = timing.get(phase.id);
        return t ? { ...phase, startedAt: t.startedAt, completedAt: t.completedAt } : phase;
      }),
    };
  },
  "rollout.advanced": (snapshot, { payload: p }) => ({
    ...snapshot,
    rolloutPercent: p.percent,
    checkpointStartedAt: p.checkpointStartedAt,
    version: p.version,
  }),
  "check.completed": (snapshot, { payload: p }) => {
    const round: TCheckRound = { completedAt: p.completedAt, byName: p.byName, note: p.note };
    return {
      ...snapshot,
      phases: snapshot.phases.map((phase) => ({
        ...phase,
        sections: phase.sections.map((s) => (s.id === p.sectionId ? { ...s, rounds: [round, ...s.rounds].slice(0, ROUNDS_IN_SNAPSHOT) } : s)),
      })),
    };
  },
  // The creation is the snapshot's starting point; the features' events are folded by their own tables.
  ...ignored(
    "run.created",
    "poll.opened",
    "poll.voted",
    "poll.closed",
    "poll.overridden",
    "run.role_reassigned",
    "metrics.states_changed",
    "metrics.rule_saved",
    "metrics.metric_declared",
    "metrics.token_created",
    "metrics.token_revoked",
    "rollback.triggered",
    "rollback.acknowledged",
    "rollback.decided",
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
    // A completed run's later verdict: its record and the runs list read it from the run row.
    "run.marked_faulty",
    "hidden",
  ),
} satisfies TFoldTable<TRunSnapshot>;

/** Fold one event into the snapshot. Events at or below lastSeq are already in: ignored. */
export function applyRunEvent(snapshot: TRunSnapshot, event: TRunEvent): TRunSnapshot {
  if (event.seq <= snapshot.lastSeq) return snapshot;
  let next = foldWith(RUN_FOLD, snapshot, event);
  // Poll events, and the role holders and go/no-go entry they depend on.
  next = applyGoNoGoEvent(next, event);
  next = applyCommsEvent(next, event);
  next = applyDecisionEvent(next, event);
  next = applyMetricsEvent(next, event);
  next = applyGuardEvent(next, event);
  return { ...next, lastSeq: event.seq, timeline: [event, ...next.timeline].slice(0, TIMELINE_LIMIT) };
}

/** Recurring sections are done in rounds, not ticked once: they are not part of the checklist count. */
export const isRecurring = (section: { intervalMinutes: number | null }) => section.intervalMinutes !== null;

/** The one-off checklist items of a phase (what "X of Y done" and phase completion count). */
export function checklistItems(phase: Pick<TSnapshotPhase, "sections">): TSnapshotItem[] {
  return phase.sections.filter((s) => !isRecurring(s)).flatMap((s) => s.items);
}

export function allItems(snapshot: Pick<TRunSnapshot, "phases">): TSnapshotItem[] {
  return snapshot.phases.flatMap(checklistItems);
}

/** The state that must be equal on every screen and in the database (the chaos test compares it). */
export function stateFingerprint(snapshot: TRunSnapshot): string {
  const items = allItems(snapshot)
    .map((i) => `${i.id}:${i.state}:${i.version}`)
    .sort()
    .join("|");
  const rounds = snapshot.phases.flatMap((p) => p.sections.map((s) => s.rounds.length)).join(",");
  return `${snapshot.lastSeq}/${snapshot.status}/${snapshot.version}/${snapshot.rolloutPercent}/${items}/${rounds}/${goNoGoFingerprint(snapshot)}/${commsFingerprint(snapshot)}/${decisionsFingerprint(snapshot)}/${guardsFingerprint(snapshot.guards)}`;
}
