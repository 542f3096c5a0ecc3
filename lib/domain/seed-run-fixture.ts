// Test data for the pure rules: a run snapshot made from the seed runbook, as a fresh run would be.
// Only tests import this file.
import { defaultTemplate } from "../../prisma/seed/default-template";
import { EMPTY_COMMS } from "./comms-events";
import { EMPTY_DECISIONS } from "./decision-events";
import { EMPTY_GO_NO_GO } from "./go-no-go";
import { EMPTY_METRICS } from "./metric-events";
import type { TRunSnapshot, TSnapshotPhase } from "./run-snapshot";
import { ZTemplateDefinition } from "./template-definition";

export const SEED = ZTemplateDefinition.parse(defaultTemplate);

export function seedPhases(): TSnapshotPhase[] {
  return SEED.phases.map((p, pi) => ({
    id: `phase-${pi}`,
    key: p.key,
    title: p.title,
    budgetMinMinutes: p.budgetMinMinutes,
    budgetMaxMinutes: p.budgetMaxMinutes,
    successCriteria: p.successCriteria,
    startedAt: null,
    completedAt: null,
    sections: p.sections.map((s, si) => ({
      id: `section-${pi}-${si}`,
      title: s.title,
      command: s.command ?? null,
      expectedOutput: s.expectedOutput ?? null,
      intervalMinutes: s.intervalMinutes ?? null,
      rounds: [],
      items: s.items.map((i, ii) => ({
        id: `item-${pi}-${si}-${ii}`,
        text: i.text,
        depth: i.depth,
        command: i.command ?? null,
        expectedOutput: i.expectedOutput ?? null,
        required: i.required,
        state: "open" as const,
        note: null,
        changedByName: null,
        changedAt: null,
        version: 0,
      })),
    })),
  }));
}

export function seedSnapshot(overrides: Partial<TRunSnapshot> = {}): TRunSnapshot {
  return {
    id: "run-1",
    name: "Deploy MIDI 9",
    service: "midi-api",
    targetVersion: "9.0.0",
    commit: "6eb59fa",
    plannedStart: "2025-11-03T12:00:00.000Z",
    plannedDurationMin: 420,
    status: "planned",
    statusReason: null,
    version: 0,
    rolloutPercent: 0,
    checkpointStartedAt: null,
    rolloutSteps: SEED.playbook.rolloutSteps,
    startedAt: null,
    endedAt: null,
    roles: [],
    phases: seedPhases(),
    lastSeq: 1,
    timeline: [],
    goNoGo: { ...EMPTY_GO_NO_GO, templateQuestions: SEED.playbook.goNoGoQuestions },
    metrics: EMPTY_METRICS,
    comms: EMPTY_COMMS,
    decisions: { ...EMPTY_DECISIONS, trees: SEED.playbook.decisionTrees },
    ...overrides,
  };
}

/** Mark phases started/completed: `[key, startedAt, completedAt | null]`. */
export function withPhaseTimes(phases: TSnapshotPhase[], times: [string, string, string | null][]): TSnapshotPhase[] {
  return phases.map((p) => {
    const t = times.find(([key]) => key === p.key);
    return t ? { ...p, startedAt: t[1], completedAt: t[2] } : p;
  });
}
