import { describe, expect, it } from "vitest";
import { COMMS_EVENTS } from "./comms-events";
import { DECISION_EVENTS } from "./decision-events";
import { EMPTY_GO_NO_GO, type TPollRound } from "./go-no-go";
import { POLL_EVENTS } from "./go-no-go-events";
import { METRIC_EVENTS, type TRuleView } from "./metric-events";
import { ruleSemantics } from "./rule-semantics";
import { PUBLIC_PROJECTIONS, toPublicEvent } from "./public-projection";
import { redactSnapshot } from "./public-snapshot";
import {
  ANNOUNCEMENT_EVENT,
  applyPublicEvent,
  HIDDEN_EVENT,
  publicCharts,
  publicGoNoGo,
  publicSamples,
  publicStatusOf,
  publicView,
} from "./public-status";
import { applyRunEvent } from "./run-snapshot";
import { SHARE_EVENTS } from "./share-links";
import { alert, at, closedRound, event, SECRET, snapshot, T0 } from "./public-status-fixture";

describe("redactSnapshot", () => {
  it("drops commands, notes, NO-GO reasons, the frozen decision, tokens, the commit and the timeline", () => {
    const full = snapshot({ goNoGo: { enteredSeq: 3, rounds: [closedRound], templateQuestions: [] } });
    full.metrics = { ...full.metrics, alerts: [alert] };
    const staged = full.phases.map((p) => ({
      ...p,
      sections: p.sections.map((s) => ({
        ...s,
        rounds: [{ completedAt: T0, byName: "Lee", note: `${SECRET} round note` }],
        items: s.items.map((i) => ({ ...i, state: "failed" as const, note: `${SECRET} item note` })),
      })),
    }));
    const redacted = redactSnapshot({ ...full, phases: staged });
    expect(JSON.stringify(redacted)).not.toContain(SECRET);
    expect(redacted.commit).toBeNull();
    expect(redacted.timeline).toEqual([]);
    expect(redacted.metrics.tokens).toEqual([]);
    // What the page needs survives.
    expect(redacted.phases[1].sections[0].items.map((i) => i.state)).toEqual(["failed", "failed", "failed"]);
    expect(redacted.goNoGo.rounds[0].outcome).toBe("reschedule");
    expect(redacted.goNoGo.rounds[0].votes[0].answer).toBe("no_go");
    expect(redacted.metrics.alerts[0].label).toBe("Data corruption detected");
  });
});

const ruleFixture: TRuleView = {
  id: "r1", position: 0, label: "Error rate > 5% sustained (5 minutes)", metric: "error_rate", severity: "rollback", comparator: ">", threshold: 5, unit: "%",
  window: { kind: "sustained", minutes: 5 }, stage: null, semantics: ruleSemantics({ kind: "sustained", minutes: 5 }, {}), compare: null, source: { kind: "push" }, consecutiveErrorLimit: 4,
  isEnabled: true, version: 0, state: "inconclusive", since: null, value: null, valueStage: null, verdict: null,
};

describe("a rule's PromQL source on a status link", () => {
  it("says the rule queries a data source, never which one nor the query", () => {
    const full = snapshot();
    const rule = { ...ruleFixture, source: { kind: "promql" as const, dataSourceId: `${SECRET}-source`, query: `sum(rate(${SECRET}_requests_total[5m]))` } };
    full.metrics = { ...full.metrics, rules: [rule] };
    const redacted = redactSnapshot(full);
    expect(JSON.stringify(redacted)).not.toContain(SECRET);
    expect(redacted.metrics.rules[0].source).toEqual({ kind: "promql", dataSourceId: null, query: "" });
    expect(redactSnapshot({ ...full, metrics: { ...full.metrics, rules: [{ ...rule, source: { kind: "push" } }] } }).metrics.rules[0].source).toEqual({ kind: "push" });
  });
});

describe("toPublicEvent", () => {
  it("keeps the seq and time of every event but never the actor", () => {
    const e = toPublicEvent(event(7, "item.changed", { itemId: "staging-0", phaseKey: "staging", text: "t", state: "done", note: null, version: 1, changedByName: "Lee", changedAt: T0 }));
    expect(e).toMatchObject({ seq: 7, type: "item.changed", actorId: null, actorName: "", createdAt: at(7).toISOString() });
  });

  it("hides internal and unknown event types, keeping only seq and time", () => {
    for (const type of ["share.created", METRIC_EVENTS.tokenCreated, POLL_EVENTS.roleReassigned, "run.created", "something.new"]) {
      const e = toPublicEvent(event(9, type, { token: SECRET, label: SECRET }));
      expect(e).toEqual({ runId: "run-1", seq: 9, type: HIDDEN_EVENT, actorId: null, actorName: "", payload: null, createdAt: at(9).toISOString() });
    }
  });

  it("strips notes and reasons from the events that carry them", () => {
    const events = [
      event(1, "item.changed", { itemId: "i", phaseKey: "staging", text: "t", state: "failed", note: SECRET, version: 1, changedByName: "Lee", changedAt: T0 }),
      event(2, "check.completed", { sectionId: "s", sectionTitle: "Every 5 Minutes", phaseKey: "production", note: SECRET, byName: "Lee", completedAt: T0 }),
      event(3, POLL_EVENTS.voted, { pollId: "p", round: 1, position: "qa", positionLabel: "QA", voterName: "Q", votedAt: T0, changes: [{ questionIndex: 0, question: "q", answer: "no_go", reason: SECRET, version: 2, previous: { answer: "no_go", reason: SECRET } }] }),
      event(4, POLL_EVENTS.closed, { pollId: "p", round: 1, outcome: "reschedule", closedByName: "Lee", closedAt: T0, decision: closedRound.decision }),
      event(5, POLL_EVENTS.overridden, { pollId: "p", round: 1, reason: SECRET, byName: "Lee", at: T0 }),
      event(6, METRIC_EVENTS.triggered, { alert }),
      event(7, METRIC_EVENTS.statesChanged, { changes: [], alertsRaised: [alert] }),
    ];
    for (const e of events) {
      const projected = toPublicEvent(e);
      expect(projected.type).toBe(e.type);
      expect(JSON.stringify(projected)).not.toContain(SECRET);
    }
  });

  it("hides a public type whose stored payload has an unexpected shape instead of failing", () => {
    expect(toPublicEvent(event(3, POLL_EVENTS.voted, "not an object")).type).toBe(HIDDEN_EVENT);
    expect(toPublicEvent(event(3, ANNOUNCEMENT_EVENT, { body: 42 })).type).toBe(HIDDEN_EVENT);
  });

  it("classifies every poll, metric, comms, decision and share event type as public or hidden (a new type must be decided on)", () => {
    for (const type of [...Object.values(POLL_EVENTS), ...Object.values(METRIC_EVENTS), ...Object.values(COMMS_EVENTS), ...Object.values(DECISION_EVENTS), ...Object.values(SHARE_EVENTS)]) {
      expect(Object.hasOwn(PUBLIC_PROJECTIONS, type), `${type} is not in PUBLIC_PROJECTIONS`).toBe(true);
    }
  });
});

describe("the public fold", () => {
  it("agrees with redacting the war room's own fold", () => {
    const full0 = snapshot();
    const events = [
      event(6, "item.changed", { itemId: "staging-0", phaseKey: "staging", text: "Staging item 1", state: "done", note: null, version: 1, changedByName: "Lee", changedAt: at(6).toISOString() }),
      event(7, "share.created", { linkId: "l", label: "Execs" }),
      event(8, "item.changed", { itemId: "staging-1", phaseKey: "staging", text: "Staging item 2", state: "failed", note: SECRET, version: 1, changedByName: "Lee", changedAt: at(8).toISOString() }),
      event(9, ANNOUNCEMENT_EVENT, { id: "a9", templateKey: "in_progress", title: "Heads up", body: "Staging is slower than planned <b>today</b>", postedByName: "Lee Lead", postedAt: at(9).toISOString(), deliveries: [] }),
    ];
    const full = events.reduce(applyRunEvent, full0);
    const folded = events.map(toPublicEvent).reduce(applyPublicEvent, publicStatusOf(full0, []));
    expect(publicView(folded, at(20))).toEqual(publicView(publicStatusOf(full, events), at(20)));
    expect(folded.run.lastSeq).toBe(9);
    expect(folded.run.timeline).toEqual([]);
    expect(JSON.stringify(folded)).not.toContain(SECRET);
    expect(folded.announcements).toEqual([{ seq: 9, title: "Heads up", body: "Staging is slower than planned <b>today</b>", postedAt: at(9).toISOString() }]);
  });

  it("ignores events it already holds", () => {
    const status = publicStatusOf(snapshot(), []);
    expect(applyPublicEvent(status, toPublicEvent(event(5, "run.status_changed", {})))).toBe(status);
  });
});

describe("publicView", () => {
  it("says where the run is in plain words: phase, progress, light and expected finish", () => {
    const view = publicView(publicStatusOf(snapshot(), []), at(30));
    expect(view).toMatchObject({
      stage: "Testing on staging",
      phase: { title: "Staging", number: 2, of: 3, done: 0, total: 3 },
      progress: { done: 0, total: 7, failed: 0 },
      light: { state: "on_track" },
      isFinished: false,
      rolloutPercent: null,
      goNoGo: { state: "pending", text: "Not decided yet" },
    });
    // Pre-deployment and staging both started at T0 with 60 min budgets, 30 min in: 30 + 30 + 60 left.
    expect(view.expectedFinish).toBe(at(30 + 30 + 30 + 60).toISOString());
  });

  it("gives the planned window's end before the run starts, and no estimate once it is over", () => {
    expect(publicView(publicStatusOf(snapshot({ status: "planned" }), []), at(-600)).expectedFinish).toBe(at(420).toISOString());
    const done = publicView(publicStatusOf(snapshot({ status: "completed", endedAt: at(400).toISOString(), rolloutPercent: 100 }), []), at(500));
    expect(done).toMatchObject({ expectedFinish: null, isFinished: true, stage: "Completed", rolloutPercent: 100 });
  });

  it("says once how a rolled-back run ended: the light's word, where it was, not the stage three times", () => {
    const rolledBack = snapshot({ status: "rolled_back", endedAt: at(90).toISOString(), rolloutPercent: 10 });
    const view = publicView(publicStatusOf(rolledBack, []), at(120));
    expect(view.light).toEqual({ state: "rollback", word: "ROLLED BACK", reason: "From 10% of production traffic · 15:30 UTC" });
    expect(view.phase).toBeNull();
    // Pre-Deployment and Staging started (the fixture's production phase did not).
    expect(view.lastPhase).toBe("Staging");
  });

  it("turns the light red for an undecided rollback trigger, without the lead's note", () => {
    const withAlert = snapshot({ status: "production" });
    withAlert.metrics = { ...withAlert.metrics, alerts: [alert] };
    const view = publicView(publicStatusOf(withAlert, []), at(10));
    expect(view.light.state).toBe("rollback");
    expect(view.light.reason).toContain("Data corruption detected");
    expect(view.light.reason).not.toContain(SECRET);
  });
});

describe("key charts", () => {
  it("keep only error rate and p95 response time, the charts a stakeholder gets", () => {
    const charts = {
      series: [
        { metric: "error_rate", stage: "canary" as const, points: [[1, 0.2]] as [number, number][] },
        { metric: "cpu", stage: "overall" as const, points: [[1, 40]] as [number, number][] },
        { metric: "response_time_p95", stage: "overall" as const, points: [[1, 300]] as [number, number][] },
      ],
      rolloutMarks: [{ at: 1, label: "10%" }],
    };
    expect(publicCharts(charts).series.map((s) => s.metric)).toEqual(["error_rate", "response_time_p95"]);
    expect(publicCharts(charts).rolloutMarks).toEqual(charts.rolloutMarks);
    expect(publicSamples([{ metric: "db_connection_failures" }, { metric: "error_rate" }])).toEqual([{ metric: "error_rate" }]);
  });
});

describe("publicGoNoGo", () => {
  const round = (patch: Partial<TPollRound>): TPollRound => ({ ...closedRound, override: null, ...patch });
  it("reads pending, voting, GO, overridden GO and NO-GO", () => {
    expect(publicGoNoGo(EMPTY_GO_NO_GO).state).toBe("pending");
    expect(publicGoNoGo({ ...EMPTY_GO_NO_GO, rounds: [round({ status: "open", outcome: null })] })).toEqual({ state: "voting", text: "Vote in progress (round 1)" });
    expect(publicGoNoGo({ ...EMPTY_GO_NO_GO, rounds: [round({ outcome: "proceed" })] }).text).toBe("GO: proceed to production");
    expect(publicGoNoGo({ ...EMPTY_GO_NO_GO, rounds: [closedRound] }).text).toBe("GO: proceeding (a lead overrode the vote)");
    expect(publicGoNoGo({ ...EMPTY_GO_NO_GO, rounds: [round({})] }).state).toBe("no_go");
  });
});
