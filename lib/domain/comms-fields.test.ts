import { ruleSemantics } from "./rule-semantics";
import { initialVerdictState } from "./rule-verdict";
import { describe, expect, it } from "vitest";
import { COMMS_FIELDS, fillTemplate, liveFieldValues, MISSING, missingFields, templateFields, type TCommsContext } from "./comms-fields";
import type { TPollRound } from "./go-no-go";
import { EMPTY_METRICS, type TAlertView, type TRuleView, type TRunMetrics } from "./metric-events";
import type { TRunSnapshot } from "./run-snapshot";
import { SEED, seedSnapshot, withPhaseTimes } from "../../prisma/seed/fixtures/seed-run";

const T0 = "2025-11-03T12:00:00.000Z";
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000);
const iso = (minutes: number) => at(minutes).toISOString();

const SEED_FIELDS = [
  "phoneNumber",
  "goNoGoTime",
  "phase",
  "status",
  "metricsLine",
  "currentPhase",
  "stepsDone",
  "stepsTotal",
  "minutesRemaining",
  "nextPhase",
  "minutesToNextPhase",
  "durationHours",
  "durationMinutes",
  "responseTimeP95Ms",
  "errorRatePercent",
  "issueDescription",
  "expectedRollbackMinutes",
  "impactDescription",
  "rollbackStatus",
  "previousCommit",
  "causeAnalysisTime",
  "postMortemDateTime",
];

const NO_CONTEXT: TCommsContext = { latestMetrics: {}, previousCommit: null };
const body = (key: string) => SEED.playbook.communicationTemplates.find((t) => t.key === key)!.body;

const closedRound: TPollRound = {
  id: "p1",
  round: 1,
  questions: ["Ready for production?"],
  positions: ["deployment_lead"],
  status: "closed",
  openedSeq: 40,
  openedByName: "Dee",
  openedAt: iso(140),
  closedByName: "Dee",
  closedAt: iso(145),
  outcome: "proceed",
  override: null,
  votes: [],
  decision: null,
};

const rule: TRuleView = {
  id: "r1",
  position: 0,
  source: { kind: "push" },
  consecutiveErrorLimit: 4,
  label: "Error rate > 5% sustained (5 minutes)",
  metric: "error_rate",
  severity: "rollback",
  comparator: ">",
  threshold: 5,
  unit: "%",
  window: { kind: "sustained", minutes: 5 },
  stage: null,
  isEnabled: true,
  version: 0,
  state: "firing",
  since: iso(152),
  value: 7.4,
  valueStage: "canary",
  semantics: ruleSemantics({ kind: "sustained", minutes: 5 }, {}),
  compare: null,
  verdict: null,
};

const alert: TAlertView = {
  id: "a1",
  source: "rule",
  ruleId: "r1",
  label: rule.label,
  metric: "error_rate",
  stage: "canary",
  value: 7.4,
  unit: "%",
  note: null,
  raisedAt: iso(157),
  raisedByName: "Monitoring",
  acknowledgedAt: null,
  acknowledgedByName: null,
  decision: null,
  decisionReason: null,
  decidedAt: null,
  decidedByName: null,
};

/** A run 160 minutes in: the phases before production done, the canary at 10%, a rollback rule firing. */
function inCanary(metrics: TRunMetrics = { ...EMPTY_METRICS, rules: [rule], alerts: [alert] }): TRunSnapshot {
  const base = seedSnapshot();
  const phases = withPhaseTimes(base.phases, [
    ["pre_deployment", iso(0), iso(55)],
    ["staging", iso(55), iso(100)],
    ["smoke_testing", iso(100), iso(140)],
    ["production", iso(150), null],
  ]).map((p) =>
    p.completedAt
      ? { ...p, sections: p.sections.map((s) => ({ ...s, items: s.items.map((i) => ({ ...i, state: "done" as const })) })) }
      : p,
  );
  return {
    ...base,
    status: "production",
    startedAt: T0,
    rolloutPercent: 10,
    phases,
    roles: [
      { role: "deployment_lead", userId: "u1", userName: "Dee Deploy" },
      { role: "tech_lead", userId: "u2", userName: "Tom Tech" },
      { role: "devops", userId: "u3", userName: "Dora DevOps" },
      { role: "qa", userId: "u4", userName: "Quinn QA" },
    ],
    goNoGo: { enteredSeq: 30, rounds: [closedRound], templateQuestions: [] },
    metrics,
  };
}

const LIVE: TCommsContext = { latestMetrics: { error_rate: 0.0412, response_time_p95: 312.4, response_time_avg: 120.6 }, previousCommit: "5da1c3e" };

describe("the field list", () => {
  it("covers every placeholder of the seed's four templates, and those are the runbook's 21 fields plus the computed metrics line", () => {
    const used = SEED.playbook.communicationTemplates.flatMap((t) => templateFields(t.body));
    expect([...new Set(used)].sort()).toEqual([...SEED_FIELDS].sort());
    const known = COMMS_FIELDS.map((f) => f.key as string);
    for (const field of SEED_FIELDS) expect(known).toContain(field);
    expect(new Set(known).size).toBe(known.length);
  });
});

describe("the metrics line and status from the verdicts (never a static “All green”)", () => {
  const now = at(160);
  const silent = { ...rule, state: "inconclusive" as const, verdict: initialVerdictState(at(156).getTime()) };

  it("a canary whose feed never sent a sample is unverified, with how long", () => {
    const values = liveFieldValues(inCanary({ ...EMPTY_METRICS, rules: [silent] }), LIVE, now);
    expect(values).toMatchObject({ status: "UNVERIFIED", metricsLine: "unverified: no data for 4 min" });
  });

  it("a firing rollback trigger names its metric, value and stage", () => {
    const firing = { ...rule, verdict: { ...initialVerdictState(at(150).getTime()), status: "firing" as const, inconclusive: null, live: { value: 7, sampleCount: 12, at: at(160).getTime() } } };
    expect(liveFieldValues(inCanary({ ...EMPTY_METRICS, rules: [firing] }), LIVE, now).metricsLine).toBe("error rate 7% on canary, rollback recommended");
  });
});

describe("liveFieldValues", () => {
  const now = at(160);
  const values = liveFieldValues(inCanary(), LIVE, now);

  it("fills each live field from the run", () => {
    const checklist = inCanary().phases.flatMap((p) => p.sections.filter((s) => s.intervalMinutes === null).flatMap((s) => s.items));
    const done = inCanary().phases.filter((p) => p.completedAt).flatMap((p) => p.sections.filter((s) => s.intervalMinutes === null).flatMap((s) => s.items)).length;
    expect(values).toMatchObject({
      goNoGoTime: "14:25 UTC", // the round closed at T0 + 145 min
      phase: "Smoke Testing",
      status: "ROLLBACK RECOMMENDED",
      currentPhase: "Production Deployment",
      stepsDone: String(done),
      stepsTotal: String(checklist.length),
      nextPhase: "Production Validation",
      minutesToNextPhase: "20", // 30-minute budget, 10 minutes in
      durationHours: "2",
      durationMinutes: "40",
      responseTimeP95Ms: "312",
      errorRatePercent: "0.04",
      issueDescription: "Error rate > 5% sustained (5 minutes) (7.4% on canary)",
      impactDescription: "10% of production traffic on 9.0.0",
      rollbackStatus: "ROLLING BACK",
      previousCommit: "5da1c3e",
      runName: "Deploy MIDI 9",
      service: "midi-api",
      version: "9.0.0",
      commit: "6eb59fa",
      rolloutPercent: "10",
      goNoGoResult: "PROCEED",
      responseTimeAvgMs: "121",
      deploymentLead: "Dee Deploy",
      techLead: "Tom Tech",
      devops: "Dora DevOps",
      qa: "Quinn QA",
    });
    // What is left of production (20) plus validation (30) and post-deployment (120).
    expect(values.minutesRemaining).toBe("170");
  });

  it("leaves only the fields a person must supply empty", () => {
    const empty = Object.entries(values).filter(([, v]) => v === null).map(([k]) => k);
    expect(empty.sort()).toEqual(COMMS_FIELDS.filter((f) => f.source === "manual").map((f) => f.key).sort());
  });

  it("fills every field of every seed template, with nothing left over, once a person adds the manual ones", () => {
    const manual = { phoneNumber: "+1 555 0100", expectedRollbackMinutes: "10", causeAnalysisTime: "16:00 UTC", postMortemDateTime: "2025-11-04 10:00 UTC" };
    for (const template of SEED.playbook.communicationTemplates) {
      const text = fillTemplate(template.body, { ...values, ...manual });
      expect(text).not.toMatch(/\{\{|\}\}|undefined|null|NaN|—/);
      expect(missingFields(template.body, { ...values, ...manual })).toEqual([]);
    }
    expect(fillTemplate(body("in_progress"), values)).toContain("✅ Smoke Testing Complete - ROLLBACK RECOMMENDED");
    expect(fillTemplate(body("in_progress"), values)).toContain("Next Phase: Production Validation in ~20 minutes");
    expect(fillTemplate(body("rollback"), { ...values, ...manual })).toContain("Restored Version: 5da1c3e");
  });

  it("shows missing data as — and never undefined, null or NaN, on a run nothing has happened to", () => {
    const fresh = liveFieldValues(seedSnapshot(), NO_CONTEXT, at(-90));
    for (const template of SEED.playbook.communicationTemplates) {
      const text = fillTemplate(template.body, fresh);
      expect(text).not.toMatch(/\{\{|undefined|null|NaN/);
    }
    const complete = fillTemplate(body("complete"), fresh);
    expect(complete).toContain("Duration: — hours — minutes");
    expect(complete).toContain("API Response: —ms (p95)");
    expect(complete).toContain("Error Rate: —%");
    const rollback = fillTemplate(body("rollback"), fresh);
    expect(rollback).toContain("Issue Detected: —");
    expect(rollback).toContain("Restored Version: —");
    expect(rollback).toContain("Impact: No production traffic reached the new version");
    const pre = fillTemplate(body("pre_deployment"), fresh);
    expect(pre).toContain("Questions: Slack or call —");
    // Not started: planned start + pre-deployment (60) + staging (45) + smoke testing (45) = 14:30.
    expect(pre).toContain("Go/No-Go decision at 14:30 UTC");
    expect(fresh).toMatchObject({ phase: null, durationHours: null, nextPhase: "Pre-Deployment", minutesToNextPhase: null, goNoGoResult: null, deploymentLead: null });
  });

  it("uses the rollback's reason once the run is rolled back, and the time the go/no-go round opened while voting", () => {
    const rolledBack = { ...inCanary(), status: "rolled_back" as const, statusReason: "Widespread 5xx on checkout", endedAt: iso(170) };
    const v = liveFieldValues(rolledBack, LIVE, at(200));
    expect(v.issueDescription).toBe("Widespread 5xx on checkout");
    expect(v.durationHours).toBe("2");
    expect(v.durationMinutes).toBe("50"); // stops at the end, not now
    expect(v.minutesRemaining).toBe("0");

    const voting = { ...inCanary(EMPTY_METRICS), status: "go_no_go" as const, goNoGo: { enteredSeq: 30, rounds: [{ ...closedRound, status: "open" as const, closedAt: null, closedByName: null, outcome: null }], templateQuestions: [] } };
    const w = liveFieldValues(voting, LIVE, at(146));
    expect(w.goNoGoTime).toBe("14:20 UTC");
    expect(w.goNoGoResult).toBe("Voting (round 1)");
    expect(w.status).toBe("ON TRACK");
    expect(w.currentPhase).toBe("Go / No-Go");
    expect(w.nextPhase).toBe("Production Deployment");
  });
});

describe("fillTemplate", () => {
  it("fills known values, trims them, and writes — for unknown, null, undefined and blank ones", () => {
    const text = fillTemplate("{{a}}|{{ b }}|{{c}}|{{d}}|{{e}}|{{nope}}", { a: " x ", b: "y", c: null, d: "  ", e: undefined });
    expect(text).toBe(`x|y|${MISSING}|${MISSING}|${MISSING}|${MISSING}`);
  });

  it("leaves text that only looks like a placeholder alone and does not read inherited keys", () => {
    expect(fillTemplate("{{ 1x }} {x} {{toString}}", {})).toBe(`{{ 1x }} {x} ${MISSING}`);
  });

  it("lists a body's fields once each, in order of use", () => {
    expect(templateFields("{{b}} {{a}} {{ b }}")).toEqual(["b", "a"]);
  });
});
