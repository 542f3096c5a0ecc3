// Test fixtures: an event with only the fields a fold or describer under test reads. Tests of the
// folds build partial payloads on purpose (the fold's contract is the fields it uses); product code
// never builds events this way — it gets them from the command path or parseRunEvent.
import type { TRunEvent } from "./catalogue";

export type TFixtureEvent = { type: string; payload: unknown; seq?: number; createdAt?: string; runId?: string; actorName?: string };

export function fixtureEvent(event: TFixtureEvent): TRunEvent {
  const complete = { runId: "run-1", seq: 1, actorId: null, actorName: "", createdAt: "2026-12-01T00:00:00.000Z", ...event };
  return complete as TRunEvent;
}

const T = "2026-12-01T00:00:00.000Z";
const frozenDecision = { round: 1, outcome: "proceed", closedAt: T, closedByName: "x", questions: [], roll: [], tally: [], reasons: [], context: { runStatus: "go_no_go", checklist: { done: 0, total: 0, failed: 0 }, phases: [], rolloutPercent: 0 }, metrics: null };

/** Valid payloads to start from, for the types whose describers the tests exercise. */
const BASE_PAYLOADS: Record<string, Record<string, unknown>> = {
  "run.created": { name: "Release", service: "api", targetVersion: "1.0.0", template: "Deployment Day" },
  "item.changed": { itemId: "i1", phaseKey: "pre_deployment", text: "", state: "done", note: null, version: 1, changedByName: "x", changedAt: T },
  "run.status_changed": { from: "planned", to: "planned", version: 1, reason: null, phases: [], startedAt: null, endedAt: null, plannedStart: T },
  "rollout.advanced": { percent: 0, label: "", checkpoint: "", checkpointStartedAt: null, version: 1 },
  "run.marked_faulty": { reason: "Checkout errors after release", markedAt: T, wasValidating: true },
  "check.completed": { sectionId: "s", sectionTitle: "", phaseKey: "production", note: null, byName: "x", completedAt: T },
  "poll.opened": { pollId: "p", round: 1, questions: [], positions: [], positionLabels: [], openedByName: "x", openedAt: T, reopenedFrom: null },
  "poll.voted": { pollId: "p", round: 1, position: "qa", positionLabel: "", voterName: "x", votedAt: T, changes: [] },
  "poll.closed": { pollId: "p", round: 1, outcome: "proceed", closedByName: "x", closedAt: T, decision: frozenDecision },
  "poll.overridden": { pollId: "p", round: 1, reason: "", byName: "x", at: T },
  "run.role_reassigned": { role: "qa", roleLabel: "", fromUserId: null, fromName: null, toUserId: "u", toName: "" },
  "announcement.delivery": { announcementId: "a", title: "", delivery: {} },
  "decision.stepped": { walkId: "w", treeTitle: "", step: "choose", nodeLabel: "", path: [], status: "open", action: null, version: 1 },
  "decision.applied": { walkId: "w", treeTitle: "", action: null, actionLabel: "", outcome: "", statusSeq: null, endedByName: "x", endedAt: T, version: 1 },
};

/** A valid payload of `type` with the fields a test cares about: what the command path would have stored. */
export function completePayload(type: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { ...BASE_PAYLOADS[type], ...fields };
}

/** A frozen go/no-go record with the given parts (tally, reasons, roll…) filled in. */
export function completeDecision(fields: Record<string, unknown>): Record<string, unknown> {
  return { ...frozenDecision, ...fields };
}
