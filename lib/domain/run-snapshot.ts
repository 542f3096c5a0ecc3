// What a screen holds of a run, and how each timeline event changes it. Pure: the server builds the
// first snapshot, clients fold events into it in seq order, tests compare hashes of both.
import type { TItemState } from "./checklist";
import type { TGoNoGoState } from "./go-no-go";
import { applyCommsEvent, commsFingerprint, type TRunComms } from "./comms-events";
import { applyDecisionEvent, decisionsFingerprint, type TRunDecisions } from "./decision-events";
import { applyGoNoGoEvent, goNoGoFingerprint } from "./go-no-go-events";
import { applyMetricsEvent, type TRunMetrics } from "./metric-events";
import { ROUNDS_IN_SNAPSHOT, type TCheckRound } from "./recurring-checks";
import type { TRunStatus } from "./run-status";
import type { TRolloutStep } from "./rollout";
import type { TPhaseKey } from "./template-definition";

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
};

export type TSnapshotSection = {
  id: string;
  title: string;
  command: string | null;
  expectedOutput: string | null;
  intervalMinutes: number | null;
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

export type TTimelineEntry = {
  seq: number;
  type: string;
  actorName: string;
  createdAt: string;
  payload: unknown;
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
  timeline: TTimelineEntry[];
  /** The go/no-go poll: every round, and when the run last entered go/no-go. */
  goNoGo: TGoNoGoState;
  /** Rules and their states, rollback recommendations, API tokens, firing periods. */
  metrics: TRunMetrics;
  /** Communication templates, posted announcements with their webhook deliveries, the run's webhooks. */
  comms: TRunComms;
  /** The playbook's decision trees and every walk through them. */
  decisions: TRunDecisions;
};

export const TIMELINE_LIMIT = 200;

export type TItemChangedPayload = {
  itemId: string;
  phaseKey: TPhaseKey;
  text: string;
  state: TItemState;
  note: string | null;
  version: number;
  changedByName: string;
  changedAt: string;
};

export type TStatusChangedPayload = {
  from: TRunStatus;
  to: TRunStatus;
  version: number;
  reason: string | null;
  phases: { id: string; startedAt: string | null; completedAt: string | null }[];
  startedAt: string | null;
  endedAt: string | null;
  plannedStart: string;
};

export type TRolloutAdvancedPayload = {
  percent: number;
  label: string;
  checkpoint: string;
  /** Null when the metrics hold the checkpoint (a rule is breaching as the step is taken). */
  checkpointStartedAt: string | null;
  version: number;
};

export type TCheckRoundPayload = {
  sectionId: string;
  sectionTitle: string;
  phaseKey: TPhaseKey;
  note: string | null;
  byName: string;
  completedAt: string;
};

export type TRunEvent = { seq: number; type: string; actorName: string; createdAt: string; payload: unknown };

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

/** Fold one event into the snapshot. Events at or below lastSeq are already in: ignored. */
export function applyRunEvent(snapshot: TRunSnapshot, event: TRunEvent): TRunSnapshot {
  if (event.seq <= snapshot.lastSeq) return snapshot;
  let next = snapshot;
  if (event.type === "item.changed") {
    const p = event.payload as TItemChangedPayload;
    next = mapItems(next, p.itemId, (item) => ({
      ...item,
      state: p.state,
      note: p.note,
      version: p.version,
      changedByName: p.changedByName,
      changedAt: p.changedAt,
    }));
  } else if (event.type === "run.status_changed") {
    const p = event.payload as TStatusChangedPayload;
    const timing = new Map(p.phases.map((ph) => [ph.id, ph]));
    next = {
      ...next,
      status: p.to,
      version: p.version,
      statusReason: p.reason,
      startedAt: p.startedAt,
      endedAt: p.endedAt,
      plannedStart: p.plannedStart,
      phases: next.phases.map((phase) => {
        const t = timing.get(phase.id);
        return t ? { ...phase, startedAt: t.startedAt, completedAt: t.completedAt } : phase;
      }),
    };
  } else if (event.type === "rollout.advanced") {
    const p = event.payload as TRolloutAdvancedPayload;
    next = { ...next, rolloutPercent: p.percent, checkpointStartedAt: p.checkpointStartedAt, version: p.version };
  } else if (event.type === "check.completed") {
    const p = event.payload as TCheckRoundPayload;
    const round: TCheckRound = { completedAt: p.completedAt, byName: p.byName, note: p.note };
    next = {
      ...next,
      phases: next.phases.map((phase) => ({
        ...phase,
        sections: phase.sections.map((s) => (s.id === p.sectionId ? { ...s, rounds: [round, ...s.rounds].slice(0, ROUNDS_IN_SNAPSHOT) } : s)),
      })),
    };
  }
  // Poll events, and the role holders and go/no-go entry they depend on.
  next = applyGoNoGoEvent(next, event);
  next = applyCommsEvent(next, event);
  next = applyDecisionEvent(next, event);
  next = applyMetricsEvent(next, event);
  const entry: TTimelineEntry = {
    seq: event.seq,
    type: event.type,
    actorName: event.actorName,
    createdAt: event.createdAt,
    payload: event.payload,
  };
  return { ...next, lastSeq: event.seq, timeline: [entry, ...next.timeline].slice(0, TIMELINE_LIMIT) };
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
  return `${snapshot.lastSeq}/${snapshot.status}/${snapshot.version}/${snapshot.rolloutPercent}/${items}/${rounds}/${goNoGoFingerprint(snapshot)}/${commsFingerprint(snapshot)}/${decisionsFingerprint(snapshot)}`;
}
