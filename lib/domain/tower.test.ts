import { describe, expect, it } from "vitest";
import { EMPTY_GO_NO_GO, type TPollRound } from "./go-no-go";
import { EMPTY_METRICS } from "./metric-events";
import type { TSnapshotPhase } from "./run-snapshot";
import { statusLight } from "./status-light";
import { towerFreezes, towerGroup, towerRowFacts, type TTowerRun } from "./tower";

const MIN = 60_000;
const T0 = Date.parse("2026-12-07T10:00:00.000Z");
const at = (minutes: number) => new Date(T0 + minutes * MIN);
const iso = (minutes: number) => at(minutes).toISOString();

function phase(key: TSnapshotPhase["key"], title: string, budgetMax: number, startedAt: string | null, completedAt: string | null = null): TSnapshotPhase {
  return { id: key, key, title, budgetMinMinutes: 1, budgetMaxMinutes: budgetMax, successCriteria: [], startedAt, completedAt, sections: [] };
}

function run(over: Partial<TTowerRun> = {}): TTowerRun {
  return {
    id: "r1", name: "Checkout 2.5", service: "checkout-api", targetVersion: "v2.5.0", commit: null,
    plannedStart: iso(0), plannedDurationMin: 120, status: "staging", statusReason: null, version: 3,
    rolloutPercent: 0, checkpointStartedAt: null, rolloutSteps: [], startedAt: iso(0), endedAt: null,
    roles: [{ role: "deployment_lead", userId: "u1", userName: "Ada Lead" }],
    phases: [phase("pre_deployment", "Pre-deployment", 30, iso(0), iso(20)), phase("staging", "Staging", 45, iso(20)), phase("production", "Production", 60, null)],
    lastSeq: 9, goNoGo: EMPTY_GO_NO_GO, metrics: EMPTY_METRICS,
    ...over,
  };
}

describe("towerRowFacts", () => {
  it("takes its light from statusLight, with the phase, the lead and the planned end", () => {
    const r = run();
    const facts = towerRowFacts(r, at(30));
    expect(facts.light).toEqual(statusLight(r, at(30)));
    expect(facts).toMatchObject({ phase: "Staging", lead: "Ada Lead", plannedEnd: T0 + 120 * MIN, openAlerts: 0, unverifiedRules: 0, goNoGo: null, checklist: { done: 0, total: 0 } });
  });

  it("estimates the end from the budgets left and says how late that is against the plan", () => {
    // At 30 min: 35 min of staging's 45 are left, then production's 60: 10:00 + 30 + 35 + 60 = 12:05, planned 12:00.
    const facts = towerRowFacts(run(), at(30));
    expect(facts.estimatedEnd).toBe(T0 + 125 * MIN);
    expect(facts.lateByMs).toBe(5 * MIN);
    // Exactly on the plan is not late.
    expect(towerRowFacts(run({ plannedDurationMin: 125 }), at(30)).lateByMs).toBe(0);
  });

  it("has no estimate before the run starts or after it ends", () => {
    expect(towerRowFacts(run({ status: "planned", startedAt: null, phases: [] }), at(0)).estimatedEnd).toBeNull();
    expect(towerRowFacts(run({ status: "completed", endedAt: iso(100) }), at(200)).estimatedEnd).toBeNull();
  });

  it("at go/no-go names the status and the roll call as it stands", () => {
    const round: TPollRound = {
      id: "p1", round: 2, questions: ["Ready?"], positions: ["deployment_lead", "qa"], status: "open", openedSeq: 5, openedByName: "Ada",
      openedAt: iso(40), closedByName: null, closedAt: null, outcome: null, override: null, decision: null,
      votes: [{ position: "deployment_lead", questionIndex: 0, answer: "go", reason: null, voterName: "Ada", votedAt: iso(41), version: 1 }],
    };
    const facts = towerRowFacts(run({ status: "go_no_go", goNoGo: { enteredSeq: 4, rounds: [round], templateQuestions: [] } }), at(42));
    expect(facts.phase).toBe("Go / No-Go");
    expect(facts.goNoGo).toBe("Round 2: 1 of 2 answers");
    expect(towerRowFacts(run({ status: "go_no_go" }), at(42)).goNoGo).toBe("Poll not opened");
  });

  it("counts the rollback recommendations still to decide, none once the run is over", () => {
    const alert = { id: "a1", source: "manual", ruleId: null, label: "Data corruption", metric: null, stage: null, value: null, unit: "", note: null, raisedAt: iso(50), raisedByName: "Bo", acknowledgedAt: null, acknowledgedByName: null, decision: null, decisionReason: null };
    const metrics = { ...EMPTY_METRICS, alerts: [alert] } as unknown as TTowerRun["metrics"];
    expect(towerRowFacts(run({ status: "production", rolloutPercent: 10, metrics }), at(60)).openAlerts).toBe(1);
    expect(towerRowFacts(run({ status: "rolled_back", endedAt: iso(70), metrics }), at(80)).openAlerts).toBe(0);
  });
});

describe("towerGroup", () => {
  it("puts a started, unfinished run under way; planned, rescheduled and finished runs are today's", () => {
    expect(towerGroup({ status: "staging", startedAt: iso(0) })).toBe("active");
    expect(towerGroup({ status: "planned", startedAt: null })).toBe("today");
    expect(towerGroup({ status: "rescheduled", startedAt: iso(0) })).toBe("today");
    expect(towerGroup({ status: "completed", startedAt: iso(0) })).toBe("today");
  });
});

describe("towerFreezes", () => {
  it("lists a freeze holding now as active and one starting within the week as next; drops one further off", () => {
    const base = { service: null, createdByName: "Ada", timeZone: "UTC", kind: "range" as const };
    const holding = { ...base, id: "f1", reason: "Audit", startsAt: iso(-60), endsAt: iso(60) };
    const soon = { ...base, id: "f2", reason: "Holiday", startsAt: iso(3 * 24 * 60), endsAt: iso(4 * 24 * 60) };
    const far = { ...base, id: "f3", reason: "Next year", startsAt: iso(8 * 24 * 60), endsAt: iso(9 * 24 * 60) };
    const shown = towerFreezes([soon, far, holding], T0);
    expect(shown.map((f) => [f.freeze.id, f.isActive])).toEqual([["f1", true], ["f2", false]]);
  });
});
