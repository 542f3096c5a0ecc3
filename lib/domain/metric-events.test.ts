import { describe, expect, it } from "vitest";
import { applyMetricsEvent, EMPTY_METRICS, METRIC_EVENTS, type TAlertView, type TRuleView, type TRunMetrics, type TStatesChangedPayload } from "./metric-events";
import { metricsLight, openRecommendations, recommendationsToDecide } from "./metric-recommendations";
import { ruleSemantics } from "./rule-semantics";
import { statusLight } from "./status-light";
import { fixtureEvent } from "./events/event-fixture";

const T = "2026-11-27T14:00:00.000Z";
const NOW = new Date("2026-11-27T14:03:00.000Z");

const rule = (over: Partial<TRuleView> = {}): TRuleView => ({
  id: "r-error",
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
  state: "ok",
  since: T,
  value: 0.4,
  valueStage: "canary",
  semantics: ruleSemantics({ kind: "sustained", minutes: 5 }, {}),
  compare: null,
  verdict: null,
  ...over,
});

const alert = (over: Partial<TAlertView> = {}): TAlertView => ({
  id: "a1",
  source: "rule",
  ruleId: "r-error",
  label: "Error rate > 5% sustained (5 minutes)",
  metric: "error_rate",
  stage: "canary",
  value: 6.1,
  unit: "%",
  note: null,
  raisedAt: T,
  raisedByName: "Monitoring",
  acknowledgedAt: null,
  acknowledgedByName: null,
  decision: null,
  decisionReason: null,
  decidedAt: null,
  decidedByName: null,
  ...over,
});

const metrics = (over: Partial<TRunMetrics> = {}): TRunMetrics => ({ ...EMPTY_METRICS, rules: [rule()], ...over });
const snap = (m: TRunMetrics, checkpointStartedAt: string | null = T) => ({ metrics: m, checkpointStartedAt });
// The fixtures carry only the fields the fold reads.
const event = (type: string, payload: unknown, createdAt = T) => fixtureEvent({ type, payload, createdAt });

describe("applyMetricsEvent", () => {
  it("a state change updates the rule, raises the recommendation, opens a firing period and holds the checkpoint", () => {
    const payload: TStatesChangedPayload = {
      changes: [{ ruleId: "r-error", label: "x", metric: "error_rate", severity: "rollback", unit: "%", from: "pending", to: "firing", since: T, value: 6.1, stage: "canary" }],
      alertsRaised: [alert()],
      checkpoint: { startedAt: null, reason: "checkpoint held" },
    };
    const next = applyMetricsEvent(snap(metrics()), event(METRIC_EVENTS.statesChanged, payload));
    expect(next.metrics.rules[0]).toMatchObject({ state: "firing", value: 6.1, valueStage: "canary", since: T });
    expect(next.metrics.alerts.map((a) => a.id)).toEqual(["a1"]);
    expect(next.metrics.periods).toEqual([{ ruleId: "r-error", metric: "error_rate", severity: "rollback", stage: "canary", start: T, end: null }]);
    expect(next.checkpointStartedAt).toBeNull();

    const resolvedAt = "2026-11-27T14:09:00.000Z";
    const resolved = applyMetricsEvent(next, event(METRIC_EVENTS.statesChanged, {
      changes: [{ ...payload.changes[0], from: "firing", to: "ok", since: resolvedAt, value: 0.3 }],
      alertsRaised: [],
      checkpoint: { startedAt: resolvedAt, reason: "restarted" },
    }));
    expect(resolved.metrics.periods[0].end).toBe(resolvedAt);
    expect(resolved.checkpointStartedAt).toBe(resolvedAt);
  });

  it("a firing that ends for lack of data ends at the event's time", () => {
    const firing = metrics({ rules: [rule({ state: "firing" })], periods: [{ ruleId: "r-error", metric: "error_rate", severity: "rollback", stage: null, start: T, end: null }] });
    const next = applyMetricsEvent(snap(firing), event(METRIC_EVENTS.statesChanged, {
      changes: [{ ruleId: "r-error", label: "x", metric: "error_rate", severity: "rollback", unit: "%", from: "firing", to: "inconclusive", since: "2026-11-27T13:00:00.000Z", value: null, stage: null }],
      alertsRaised: [],
    }, "2026-11-27T14:05:00.000Z"));
    expect(next.metrics.periods[0].end).toBe("2026-11-27T14:05:00.000Z");
  });

  it("tokens, acknowledgements and decisions fold in; unrelated events change nothing", () => {
    const token = { id: "t1", name: "prom bridge", prefix: "wrm_abc123", createdByName: "Lee", createdAt: T, revokedAt: null, revokedByName: null };
    let s = applyMetricsEvent(snap(metrics({ alerts: [alert()] })), event(METRIC_EVENTS.tokenCreated, { token }));
    s = applyMetricsEvent(s, event(METRIC_EVENTS.tokenRevoked, { tokenId: "t1", name: "prom bridge", prefix: "wrm_abc123", revokedAt: T, revokedByName: "Lee" }));
    expect(s.metrics.tokens[0]).toMatchObject({ id: "t1", revokedByName: "Lee" });
    s = applyMetricsEvent(s, event(METRIC_EVENTS.acknowledged, { alertId: "a1", label: "x", byName: "Lee", at: T, values: [] }));
    expect(s.metrics.alerts[0]).toMatchObject({ acknowledgedByName: "Lee", decision: null });
    s = applyMetricsEvent(s, event(METRIC_EVENTS.decided, { alertId: "a1", label: "x", decision: "continue", reason: "canary only", byName: "Ann", at: T, values: [] }));
    expect(s.metrics.alerts[0]).toMatchObject({ acknowledgedByName: "Lee", decision: "continue", decisionReason: "canary only", decidedByName: "Ann" });
    expect(applyMetricsEvent(s, event("item.changed", {}))).toBe(s);
  });

  it("a saved rule replaces the old one in position order, and may restart the checkpoint", () => {
    const other = rule({ id: "r-p95", position: 1, label: "p95 > 5s" });
    const saved = rule({ threshold: 4, version: 1 });
    const s = applyMetricsEvent(snap(metrics({ rules: [rule(), other] }), null), event(METRIC_EVENTS.ruleSaved, { rule: saved, isNew: false, summary: "", checkpoint: { startedAt: T, reason: "" } }));
    expect(s.metrics.rules.map((r) => [r.id, r.threshold])).toEqual([["r-error", 4], ["r-p95", 5]]);
    expect(s.checkpointStartedAt).toBe(T);
  });
});

describe("metricsLight and recommendations", () => {
  it("red with the trigger and its live value while a rollback rule fires undecided", () => {
    const m = metrics({ rules: [rule({ state: "firing", value: 7.25, valueStage: "canary" })], alerts: [alert()] });
    expect(openRecommendations(m)[0]).toMatchObject({ isActive: true, value: 7.25 });
    expect(metricsLight(m, NOW)).toEqual({ state: "rollback", reason: "ROLLBACK RECOMMENDED: Error rate > 5% sustained (5 minutes) (7.25% on canary)" });
  });

  it("asks for a decision only while the run can still change: not once it is rolled back, completed or aborted", () => {
    const m = metrics({ rules: [rule({ state: "firing", value: 7.25, valueStage: "canary" })], alerts: [alert()] });
    expect(recommendationsToDecide(m, "production")).toHaveLength(1);
    expect(recommendationsToDecide(m, "monitoring")).toHaveLength(1);
    for (const status of ["rolled_back", "completed", "aborted"] as const) expect(recommendationsToDecide(m, status)).toEqual([]);
  });

  it("a manual trigger is red with its note until decided", () => {
    const m = metrics({ alerts: [alert({ id: "m1", source: "manual", ruleId: null, label: "Data corruption detected", value: null, note: "orders table" })] });
    expect(metricsLight(m, NOW)?.reason).toBe("ROLLBACK RECOMMENDED: Data corruption detected (“orders table”)");
  });

  it("after “continue” the light is amber and says who decided and why", () => {
    const m = metrics({ rules: [rule({ state: "firing" })], alerts: [alert({ decision: "continue", decidedByName: "Ann", decisionReason: "known canary noise" })] });
    expect(metricsLight(m, NOW)).toEqual({ state: "attention", reason: "Continuing despite “Error rate > 5% sustained (5 minutes)” (Ann: known canary noise)" });
  });

  it("amber for an escalation firing, a rollback trigger pending (with progress), or a recommendation left undecided", () => {
    const escalate = rule({ id: "e", severity: "escalate", label: "Error rate > 1%", window: { kind: "immediate" }, state: "firing", value: 1.4 });
    expect(metricsLight(metrics({ rules: [escalate] }), NOW)?.reason).toBe("Error rate > 1%: 1.4% on canary");
    const pending = rule({ state: "pending", since: "2026-11-27T14:00:30.000Z" });
    expect(metricsLight(metrics({ rules: [pending] }), NOW)?.reason).toBe("Error rate > 5% sustained (5 minutes): 2:30 of 5:00 breaching");
    expect(metricsLight(metrics({ rules: [rule({ state: "ok" })], alerts: [alert()] }), NOW)).toMatchObject({ state: "attention" });
  });

  it("says nothing when the metrics are fine, a disabled rule fires, or there are none", () => {
    expect(metricsLight(metrics(), NOW)).toBeNull();
    expect(metricsLight(metrics({ rules: [rule({ state: "firing", isEnabled: false })] }), NOW)).toBeNull();
    expect(metricsLight(undefined, NOW)).toBeNull();
  });
});

describe("statusLight with metrics", () => {
  const firing = metrics({ rules: [rule({ state: "firing" })], alerts: [alert()] });
  const phases = [
    {
      id: "p",
      key: "production" as const,
      title: "Production",
      budgetMinMinutes: 60,
      budgetMaxMinutes: 60,
      successCriteria: [],
      startedAt: T,
      completedAt: null,
      sections: [{ id: "s", title: "S", command: null, expectedOutput: null, intervalMinutes: null, rounds: [], items: [
        { id: "i", text: "Deploy", depth: 0, command: null, expectedOutput: null, required: true, state: "failed" as const, note: "x", changedByName: null, changedAt: null, version: 1 },
      ] }],
    },
  ];

  it("a rollback recommendation turns the light red, above failed items", () => {
    expect(statusLight({ status: "production", phases, metrics: firing }, NOW)).toMatchObject({ state: "rollback", reason: expect.stringMatching(/^ROLLBACK RECOMMENDED: /) });
  });

  it("a rolled-back or completed run is not judged by its metrics any more", () => {
    expect(statusLight({ status: "rolled_back", phases, metrics: firing }, NOW)).toMatchObject({ state: "rollback", word: "ROLLED BACK" });
    expect(statusLight({ status: "completed", phases: [], metrics: firing }, NOW)).toMatchObject({ state: "on_track", word: "COMPLETED" });
  });
});

describe("describing metric events", () => {
  it("spells out what fired, counts the rules that merely got data, and names the checkpoint", async () => {
    const { describeEvent } = await import("./describe-event");
    const change = (label: string, severity: string, from: string, to: string, value: number) => ({ ruleId: label, label, metric: "error_rate", severity, unit: "%", from, to, since: T, value, stage: "canary" });
    const text = describeEvent({
      type: METRIC_EVENTS.statesChanged,
      actorName: "Monitoring",
      payload: {
        changes: [
          change("Error rate > 1%", "escalate", "inconclusive", "firing", 1.4),
          change("p95 > 5s", "rollback", "inconclusive", "ok", 300),
          change("Error rate < 0.1%", "success", "inconclusive", "ok", 1.4),
        ],
        alertsRaised: [],
        checkpoint: { startedAt: null, reason: "checkpoint held while “Error rate > 1%” is firing" },
      },
    });
    expect(text).toBe("Monitoring: “Error rate > 1%” firing (1.4% on canary); 2 rules have data and are calm; checkpoint held while “Error rate > 1%” is firing");
  });

  it("acknowledgements and decisions carry the values of that moment", async () => {
    const { describeEvent } = await import("./describe-event");
    const values = [{ metric: "error_rate", stage: "canary", value: 7.5, at: T }];
    expect(describeEvent({ type: METRIC_EVENTS.decided, actorName: "Ann", payload: { alertId: "a", label: "Error rate > 5%", decision: "rollback", reason: "widespread", byName: "Ann", at: T, values } })).toBe(
      "Ann decided to roll back on “Error rate > 5%” (widespread) — at that moment: error_rate 7.5 (canary)",
    );
  });
});
