// The run snapshot, events and clock the public-status tests build on (public-status*.test.ts).
import { EMPTY_COMMS } from "./comms-events";
import { EMPTY_DECISIONS } from "./decision-events";
import { EMPTY_GO_NO_GO, type TPollRound } from "./go-no-go";
import { EMPTY_METRICS, type TAlertView } from "./metric-events";
import { parseRunEvent, type TRunEvent } from "./events/catalogue";
import { fixtureEvent } from "./events/event-fixture";
import type { TRunSnapshot, TSnapshotPhase } from "./run-snapshot";

export const T0 = "2026-12-01T14:00:00.000Z";
export const MIN = 60_000;
export const at = (minutes: number) => new Date(Date.parse(T0) + minutes * MIN);
export const SECRET = "SECRET";

export function phase(key: TSnapshotPhase["key"], title: string, itemCount: number, startedAt: string | null = null): TSnapshotPhase {
  return {
    id: `ph-${key}`,
    key,
    title,
    budgetMinMinutes: 30,
    budgetMaxMinutes: 60,
    successCriteria: [`${SECRET} criterion`],
    startedAt,
    completedAt: null,
    sections: [
      {
        id: `sec-${key}`,
        title: `${title} checks`,
        command: `kubectl apply ${SECRET}-section-command`,
        expectedOutput: `${SECRET} output`,
        intervalMinutes: null,
        rounds: [],
        items: Array.from({ length: itemCount }, (_, i) => ({
          id: `${key}-${i}`,
          text: `${title} item ${i + 1}`,
          depth: 0,
          command: `curl -H 'Authorization: ${SECRET}' https://internal`,
          expectedOutput: `${SECRET} expected`,
          required: true,
          state: "open" as const,
          note: null,
          changedByName: null,
          changedAt: null,
          version: 0,
        })),
      },
    ],
  };
}

export const closedRound: TPollRound = {
  id: "poll-1",
  round: 1,
  questions: ["All tests green?"],
  positions: ["deployment_lead"],
  status: "closed",
  openedSeq: 3,
  openedByName: "Lee Lead",
  openedAt: T0,
  closedByName: "Lee Lead",
  closedAt: T0,
  outcome: "reschedule",
  override: { reason: `${SECRET} override reason`, byName: "Lee Lead", at: T0 },
  votes: [{ position: "deployment_lead", questionIndex: 0, answer: "no_go", reason: `${SECRET} no-go reason`, voterName: "Lee Lead", votedAt: T0, version: 1 }],
  decision: { round: 1, outcome: "reschedule", closedAt: T0, closedByName: "Lee Lead", questions: [], roll: [], tally: [], reasons: [{ position: "deployment_lead", questionIndex: 0, question: "q", reason: SECRET, voterName: "x" }], context: { runStatus: "go_no_go", checklist: { done: 0, total: 0, failed: 0 }, phases: [], rolloutPercent: 0 }, metrics: null },
};

export const alert: TAlertView = {
  id: "alert-1",
  source: "manual",
  ruleId: null,
  label: "Data corruption detected",
  metric: null,
  stage: null,
  value: null,
  unit: "",
  note: `${SECRET} manual note`,
  raisedAt: T0,
  raisedByName: "Lee Lead",
  acknowledgedAt: null,
  acknowledgedByName: null,
  decision: null,
  decisionReason: null,
  decidedAt: null,
  decidedByName: null,
};

export function snapshot(overrides: Partial<TRunSnapshot> = {}): TRunSnapshot {
  return {
    id: "run-1",
    name: "MIDI 9 deploy",
    service: "midi-api",
    targetVersion: "9.0.0",
    commit: "6eb59fa",
    plannedStart: T0,
    plannedDurationMin: 420,
    status: "staging",
    statusReason: null,
    version: 2,
    rolloutPercent: 0,
    checkpointStartedAt: null,
    rolloutSteps: [],
    startedAt: T0,
    endedAt: null,
    roles: [{ role: "deployment_lead", userId: `${SECRET}-user-id`, userName: "Lee Lead" }],
    phases: [phase("pre_deployment", "Pre-Deployment", 2, T0), phase("staging", "Staging", 3, T0), phase("production", "Production", 2)],
    lastSeq: 5,
    timeline: [fixtureEvent({ seq: 5, type: "item.changed", actorName: "Lee Lead", createdAt: T0, payload: { note: SECRET } })],
    goNoGo: { ...EMPTY_GO_NO_GO, templateQuestions: [`${SECRET} question`] },
    metrics: {
      ...EMPTY_METRICS,
      tokens: [{ id: "tok", name: `${SECRET} token`, prefix: "wrm_SECRET", createdByName: "Lee", createdAt: T0, revokedAt: null, revokedByName: null }],
    },
    comms: {
      ...EMPTY_COMMS,
      templates: [{ key: "in_progress", title: "In progress", cadence: "30 min", body: `${SECRET} template`, runbookBody: "", version: 0, updatedByName: null, updatedAt: null }],
      webhooks: [{ id: "w", name: "Slack", format: "slack", host: `${SECRET}.example.com`, isEnabled: true, scope: "run", createdByName: "Lee", triggers: ["announcement.posted"], hasSecret: false }],
      announcements: [{ id: "a0", templateKey: "pre_deployment", title: "Starting soon", body: "We start at 14:00", postedByName: "Lee Lead", postedAt: T0, deliveries: [{ id: "d", targetName: `${SECRET} hook`, format: "slack", status: "failed", attempts: 3, lastAttemptAt: T0, deliveredAt: null }] }],
    },
    decisions: { ...EMPTY_DECISIONS, walks: [{ id: "w1", treeKey: "t", treeTitle: "Canary red", signal: null, evidence: [`${SECRET} evidence`], path: [], status: "open", action: null, outcome: null, startedByName: "Lee", startedAt: T0, endedByName: null, endedAt: null, version: 1 }] },
    ...overrides,
  };
}

/** An event as the server reads it from the database: parsed with the catalogue (a bad payload is hidden). */
export function event(seq: number, type: string, payload: unknown): TRunEvent {
  return parseRunEvent({ runId: "run-1", seq, type, actorId: "user-1", actorName: "Lee Lead", payload, createdAt: at(seq).toISOString() }).event;
}
