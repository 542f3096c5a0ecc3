// Rules judged live on real PostgreSQL: samples in through the ingestion path, state changes out as
// timeline events (never one per sample or evaluation), rollback recommendations, the checkpoint
// held and restarted, and what leads do about it. The folded events must equal a fresh snapshot.
// The monitor is stepped through time one evaluation interval at a time (evaluateOver).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import { applyRunEvent, type TRunSnapshot } from "../domain/run-snapshot";
import type { TRole } from "../domain/roles";
import { statusLight } from "../domain/status-light";
import { advanceRollout } from "../runs/rollout-commands";
import { getRunSnapshot } from "../runs/queries";
import { eventsAfter } from "../timeline/events";
import { evaluateOver, MIN, push, pushHealthy, recordedStatuses, ruleNamed, SEC, steady } from "../../e2e/support/metrics";
import { insertSamples } from "./ingest";
import { evaluateRunNow, stopMetricsMonitor } from "./monitor";
import { acknowledgeAlert, decideAlert, triggerRollback } from "./rollback-commands";
import { saveRule } from "./rules";
import { runtime } from "../runtime";

useTestDatabase("monitor");

let team: Record<TRole, TActor>;
beforeAll(async () => {
  team = await makeTeam();
});
afterAll(() => stopMetricsMonitor());

/** A run at the canary step (the checklist and go/no-go are other features' business). */
async function canaryRun(name: string) {
  const run = await makeRun(team.lead, { name });
  await db().run.update({ where: { id: run.id }, data: { status: "production", rolloutPercent: 10, checkpointStartedAt: new Date(Date.now() - MIN) } });
  return run.id;
}

async function foldedSince(before: TRunSnapshot): Promise<TRunSnapshot> {
  const { events } = await eventsAfter(before.id, before.lastSeq);
  return events.reduce((s, e) => applyRunEvent(s, e), before);
}

describe("rules judged live", () => {
  it("an error-rate climb held 5 minutes fires the rollback rule: one event per change, a recommendation, a red light", async () => {
    const runId = (await makeRun(team.lead, { name: "climb" })).id;
    const before = (await getRunSnapshot(runId))!;
    await push(runId, "error_rate", "canary", [...steady(10 * MIN, 6 * MIN + 10 * SEC, 0.3), ...steady(6 * MIN, 0, 7.4)]);
    await evaluateOver(runId, 7 * MIN);

    const errorRule = await ruleNamed(runId, /^Error rate > 5% sustained/);
    expect(errorRule).toMatchObject({ state: "firing", stateStage: "canary" });
    expect(errorRule.stateValue).toBeCloseTo(7.4);
    expect(errorRule.stateSince!.getTime()).toBeGreaterThan(Date.now() - 2 * MIN);
    expect((await ruleNamed(runId, /^Error rate > 1%/)).state).toBe("firing");
    expect((await ruleNamed(runId, /^Response time > 1000ms/)).state).toBe("inconclusive");

    const alerts = await db().rollbackAlert.findMany({ where: { runId } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ source: "rule", label: "Error rate > 5% sustained (5 minutes)", stage: "canary" });
    expect(alerts[0].value).toBeCloseTo(7.4);
    // 61 samples and 43 evaluations, but timeline events only for the changes: ok → pending → firing.
    expect(await recordedStatuses(runId, errorRule.id)).toEqual(["ok", "pending", "firing"]);
    const changes = await db().timelineEvent.findMany({ where: { runId, type: "metrics.states_changed" } });
    expect(changes.length).toBeLessThanOrEqual(4);

    const snapshot = (await getRunSnapshot(runId))!;
    expect(statusLight(snapshot, new Date())).toEqual({
      state: "rollback",
      reason: "ROLLBACK RECOMMENDED: Error rate > 5% sustained (5 minutes) (7.4% on canary)",
    });
    const folded = await foldedSince(before);
    expect(folded.metrics.rules.map((r) => [r.id, r.state])).toEqual(snapshot.metrics.rules.map((r) => [r.id, r.state]));
    expect(folded.metrics.alerts).toEqual(snapshot.metrics.alerts);
    expect(folded.metrics.periods).toEqual(snapshot.metrics.periods);

    // Evaluating again with nothing new records nothing.
    const seq = snapshot.lastSeq;
    await evaluateRunNow(runId);
    expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).lastSeq).toBe(seq);
  });

  it("recovery needs the recovery period clear (hysteresis); the recommendation stays open until a lead decides", async () => {
    const runId = (await makeRun(team.lead, { name: "recovery" })).id;
    await push(runId, "error_rate", "canary", [...steady(13 * MIN, 6 * MIN + 10 * SEC, 8), ...steady(6 * MIN, 0, 0.2)]);
    const now = Date.now();
    // Fires ~6.5 min ago; clear from ~5.5 min ago: 3 minutes later it is still firing.
    await evaluateOver(runId, 13 * MIN, now - 3 * MIN);
    const rule = await ruleNamed(runId, /^Error rate > 5% sustained/);
    expect(rule.state).toBe("firing");
    await evaluateOver(runId, 3 * MIN - 10 * SEC, now);
    expect((await ruleNamed(runId, /^Error rate > 5% sustained/)).state).toBe("ok");
    expect(await recordedStatuses(runId, rule.id)).toEqual(["pending", "firing", "ok"]);
    const snapshot = (await getRunSnapshot(runId))!;
    expect(statusLight(snapshot, new Date())).toEqual({ state: "attention", reason: "“Error rate > 5% sustained (5 minutes)” fired: a lead should acknowledge and decide" });
    expect(snapshot.metrics.periods).toHaveLength(2);
    expect(snapshot.metrics.periods.every((p) => p.end !== null)).toBe(true);
  });

  it("a series that went quiet has no data; count/sum windows judge totals", async () => {
    const runId = (await makeRun(team.lead, { name: "quiet" })).id;
    // Calm, then silent: a firing rule would stay firing without data (it cannot prove it recovered).
    await push(runId, "memory", "production", steady(5 * MIN, 3 * MIN, 55));
    await push(runId, "db_connection_failures", "production", steady(4 * MIN, 0, 1));
    await evaluateRunNow(runId);
    expect((await ruleNamed(runId, /^Memory usage > 80%/)).state).toBe("inconclusive");
    // 25 samples of 1 failure in the last 4 minutes: > 10 in 5 minutes.
    expect(await ruleNamed(runId, /^Database connection failures > 10/)).toMatchObject({ state: "firing", stateValue: 25 });
  });
});

describe("the rollout checkpoint follows the metrics", () => {
  it("a breach holds the countdown, green metrics restart it from the full duration", async () => {
    const runId = await canaryRun("checkpoint");
    const now = Date.now();
    await pushHealthy(runId, "canary", 4 * MIN, now);
    await push(runId, "error_rate", "canary", [[2 * MIN + 55 * SEC, 1.6]], now);
    await evaluateRunNow(runId, now - 2 * MIN - 55 * SEC);
    expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).checkpointStartedAt).toBeNull();
    const held = await db().timelineEvent.findFirstOrThrow({ where: { runId, type: "metrics.states_changed" }, orderBy: { seq: "desc" } });
    expect(held.payload).toMatchObject({
      checkpoint: { startedAt: null, reason: "checkpoint held: “Error rate > 1% → Investigate immediately” is firing: 1.6% on canary, 0:00 ago" },
    });

    // Calm again from the next sample on: held until the rule has been clear for its recovery (2 min).
    await evaluateOver(runId, MIN + 45 * SEC, now - MIN);
    expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).checkpointStartedAt).toBeNull();
    await evaluateOver(runId, 55 * SEC, now);
    // Restarted at the evaluation that found it clear for 2 minutes (2:45 − 2:00 = 0:45 ago).
    const restarted = (await db().run.findUniqueOrThrow({ where: { id: runId } })).checkpointStartedAt;
    expect(now - restarted!.getTime()).toBe(45 * SEC);
    const snapshot = (await getRunSnapshot(runId))!;
    expect(snapshot.checkpointStartedAt).toBe(restarted!.toISOString());
  });

  it("stepping the rollout while a rule breaches starts with the checkpoint held", async () => {
    const run = await makeRun(team.lead, { name: "step while red" });
    await db().run.update({ where: { id: run.id }, data: { status: "production", rolloutPercent: 0 } });
    await push(run.id, "response_time_p95", "production", [[3 * SEC, 7200]]);
    await evaluateRunNow(run.id);
    const { event } = await advanceRollout(team.lead, { runId: run.id, fromPercent: 0 });
    expect(event.payload).toMatchObject({ percent: 10, checkpointStartedAt: null });
  });

  it("disabling the rule that holds it lets the countdown run again", async () => {
    const runId = await canaryRun("disable");
    await pushHealthy(runId, "canary", 2 * MIN, Date.now() - 5 * SEC);
    await push(runId, "memory", "canary", [[2 * SEC, 93]]);
    await evaluateRunNow(runId);
    expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).checkpointStartedAt).toBeNull();
    const memory = await ruleNamed(runId, /^Memory usage/);
    const { event } = await saveRule(team.lead, {
      runId,
      ruleId: memory.id,
      version: memory.version,
      label: memory.label,
      metric: "memory",
      severity: "escalate",
      comparator: ">",
      threshold: 80,
      window: { kind: "immediate" },
      isEnabled: false,
    });
    expect(event.payload).toMatchObject({ summary: expect.stringContaining("disabled"), checkpoint: { startedAt: expect.any(String) } });
    expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).checkpointStartedAt).not.toBeNull();
  });
});

describe("rules edited per run by leads", () => {
  it("a lead changes a threshold (compare-and-set), the rule is judged anew; members may not", async () => {
    const runId = (await makeRun(team.lead, { name: "edit" })).id;
    await push(runId, "response_time_avg", "production", [[2 * SEC, 900]]);
    await evaluateRunNow(runId);
    const rule = await ruleNamed(runId, /^Response time > 1000ms/);
    expect(rule.state).toBe("ok");
    const edit = { runId, ruleId: rule.id, version: rule.version, metric: "response_time_avg", severity: "escalate", comparator: ">", threshold: 800, window: { kind: "immediate" } } as const;
    await expect(saveRule(team.member, edit)).rejects.toMatchObject({ code: "forbidden" });
    await saveRule(team.lead, edit);
    await expect(saveRule(team.lead, edit)).rejects.toMatchObject({ code: "conflict" });
    await evaluateRunNow(runId);
    expect(await ruleNamed(runId, /^Avg response time > 800 ms$/)).toMatchObject({ state: "firing", version: 1 });
  });

  it("a new rule on an unknown metric is refused; on a known one it is worded from its parts", async () => {
    const runId = (await makeRun(team.lead, { name: "add" })).id;
    await expect(
      saveRule(team.lead, { runId, metric: "queue_depth", severity: "escalate", comparator: ">", threshold: 5, window: { kind: "immediate" } }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    const { event } = await saveRule(team.lead, { runId, metric: "cpu", severity: "rollback", comparator: ">=", threshold: 95, window: { kind: "sustained", minutes: 3 } });
    expect(event.payload).toMatchObject({ isNew: true, rule: { label: "CPU >= 95% sustained for 3 min", position: 9, state: "inconclusive" } });
  });
});

describe("manual triggers, acknowledgement and the decision", () => {
  it("a lead pulls a trigger with a note; acknowledging and deciding record the values of that moment", async () => {
    const runId = await canaryRun("manual");
    await pushHealthy(runId, "canary", 2 * MIN, Date.now() - 5 * SEC);
    await push(runId, "error_rate", "canary", [[2 * SEC, 0.7]]);
    await expect(triggerRollback(team.lead, { runId, label: "Data corruption detected", note: "  " })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(triggerRollback(team.member, { runId, label: "Data corruption detected", note: "x" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(triggerRollback(team.lead, { runId, label: "Aliens", note: "x" })).rejects.toMatchObject({ code: "invalid_input" });
    const { event } = await triggerRollback(team.lead, { runId, label: "Data corruption detected", note: "orders.total is NULL for new rows" });
    const alertId = (event.payload as { alert: { id: string } }).alert.id;
    await expect(triggerRollback(team.admin, { runId, label: "Data corruption detected", note: "again" })).rejects.toMatchObject({ code: "conflict" });
    expect(statusLight((await getRunSnapshot(runId))!, new Date()).reason).toBe("ROLLBACK RECOMMENDED: Data corruption detected (“orders.total is NULL for new rows”)");

    const ack = await acknowledgeAlert(team.lead, { runId, alertId });
    expect(ack.event.payload).toMatchObject({ values: expect.arrayContaining([{ metric: "error_rate", stage: "canary", value: 0.7, at: expect.any(String) }]) });
    await expect(decideAlert(team.lead, { runId, alertId, decision: "continue", reason: "" })).rejects.toMatchObject({ code: "invalid_input" });
    const decided = await decideAlert(team.admin, { runId, alertId, decision: "continue", reason: "false alarm: a reporting view" });
    expect(decided.event.payload).toMatchObject({ decision: "continue", values: expect.arrayContaining([expect.objectContaining({ metric: "error_rate", value: 0.7 })]) });
    await expect(decideAlert(team.lead, { runId, alertId, decision: "rollback", reason: "changed my mind" })).rejects.toMatchObject({ code: "conflict" });
    // On track only because every gating rule has fresh data and is ok (escalations at 0.7% are calm).
    await evaluateRunNow(runId);
    expect(statusLight((await getRunSnapshot(runId))!, new Date()).state).toBe("on_track");
  });

  it("deciding to roll back records the decision and moves the run to Rolled back", async () => {
    const runId = await canaryRun("roll back");
    await push(runId, "error_rate", "canary", steady(6 * MIN, 0, 9));
    await evaluateOver(runId, 6 * MIN);
    const alert = await db().rollbackAlert.findFirstOrThrow({ where: { runId } });
    await decideAlert(team.lead, { runId, alertId: alert.id, decision: "rollback", reason: "widespread errors" });
    const run = await db().run.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "rolled_back", statusReason: "Rollback decided on “Error rate > 5% sustained (5 minutes)”: widespread errors" });
    const types = (await db().timelineEvent.findMany({ where: { runId }, orderBy: { seq: "desc" }, take: 2 })).map((e) => e.type);
    expect(types).toEqual(["run.status_changed", "rollback.decided"]);
    // A finished run keeps the states it ended with.
    await push(runId, "error_rate", "canary", [[1 * SEC, 0.1]]);
    await evaluateRunNow(runId);
    expect((await ruleNamed(runId, /^Error rate > 5% sustained/)).state).toBe("firing");
  });

  it("before production, rolling back is refused with the status machine's reason", async () => {
    const runId = (await makeRun(team.lead, { name: "too early" })).id;
    const { event } = await triggerRollback(team.lead, { runId, label: "Critical security issue found", note: "CVE in the new TLS lib" });
    const alertId = (event.payload as { alert: { id: string } }).alert.id;
    await expect(decideAlert(team.lead, { runId, alertId, decision: "rollback", reason: "CVE" })).rejects.toMatchObject({
      code: "illegal_transition",
      message: "Nothing has reached production yet: abort or reschedule instead.",
    });
  });
});

describe("a history sent at once (an exporter's back-fill, a feed catching up)", () => {
  const breachingSince = (ago: number) => [...steady(12 * MIN, ago + 10 * SEC, 0.3), ...steady(ago, 0, 7.5)];

  it("is judged at the first evaluation: six and a half minutes above 5% fire the rollback rule at once", async () => {
    const runId = (await makeRun(team.lead, { name: "history at once" })).id;
    await push(runId, "error_rate", "canary", breachingSince(6.5 * MIN));
    await evaluateRunNow(runId);
    expect((await ruleNamed(runId, /^Error rate > 5% sustained/)).state).toBe("firing");
    expect(await db().rollbackAlert.count({ where: { runId } })).toBe(1);
  });

  it("four minutes above 5% is not yet five: pending, not firing", async () => {
    const runId = (await makeRun(team.lead, { name: "history too short" })).id;
    await push(runId, "error_rate", "canary", breachingSince(4 * MIN));
    await evaluateRunNow(runId);
    expect((await ruleNamed(runId, /^Error rate > 5% sustained/)).state).toBe("pending");
  });

  it("after a silence, re-judges the rules that had no verdict from the samples that arrive late", async () => {
    const runId = await canaryRun("back-fill after silence");
    await evaluateOver(runId, MIN);
    expect((await ruleNamed(runId, /^Error rate > 5% sustained/)).state).toBe("inconclusive");
    await push(runId, "error_rate", "canary", breachingSince(6.5 * MIN));
    await evaluateRunNow(runId, Date.now());
    expect((await ruleNamed(runId, /^Error rate > 5% sustained/)).state).toBe("firing");
  });

  it("leaves a rule that had a verdict to its next windows: a late bad history does not fire an ok rule at once", async () => {
    const runId = await canaryRun("back-fill after a verdict");
    const now = Date.now();
    await push(runId, "error_rate", "canary", steady(2 * MIN, 0, 0.3), now);
    await evaluateOver(runId, MIN, now);
    expect((await ruleNamed(runId, /^Error rate > 5% sustained/)).state).toBe("ok");
    await push(runId, "error_rate", "canary", steady(6 * MIN + 5 * SEC, 2 * MIN + 5 * SEC, 7.5), now);
    await evaluateRunNow(runId, now + 10 * SEC);
    expect((await ruleNamed(runId, /^Error rate > 5% sustained/)).state).toBe("ok");
  });
});

describe("several instances on one database", () => {
  it("an instance that has not counted the others yet (just started) still leaves an owned run alone", async () => {
    const runId = (await makeRun(team.lead, { name: "cluster-start" })).id;
    await getRunSnapshot(runId);
    const other = new pg.Client({ connectionString: runtime().databaseUrl });
    await other.connect();
    try {
      // servers stays 1 here: this instance believes it is alone, as in its first seconds.
      await other.query("SELECT pg_advisory_lock($1::int, hashtext($2))", [0x4d54_5243, runId]);
      const now = Date.now();
      await insertSamples(runId, steady(6 * MIN, 0, 9).map(([ago, value]) => ({ metric: "error_rate", stage: "canary" as const, at: now - ago, value })));
      expect(await evaluateRunNow(runId)).toBeNull();
      expect((await ruleNamed(runId, /^Error rate > 5% sustained/)).state).toBe("inconclusive");
    } finally {
      await other.query("SELECT pg_advisory_unlock_all()");
      await other.end();
    }
  });


  it("one instance judges a run (advisory lock), reloading the samples other instances stored", async () => {
    const cluster = globalThis as typeof globalThis & { __warroomMetricsCluster?: { servers: number; checkedAt: number } };
    const runId = (await makeRun(team.lead, { name: "cluster" })).id;
    await getRunSnapshot(runId); // copies the rules from the playbook
    const other = new pg.Client({ connectionString: runtime().databaseUrl });
    await other.connect();
    try {
      cluster.__warroomMetricsCluster = { servers: 2, checkedAt: Date.now() + 3_600_000 };
      // "Another instance" holds the run and stored the samples: this one records nothing.
      await other.query("SELECT pg_advisory_lock($1::int, hashtext($2))", [0x4d54_5243, runId]);
      const now = Date.now();
      await insertSamples(runId, steady(6 * MIN, 0, 9).map(([ago, value]) => ({ metric: "error_rate", stage: "canary" as const, at: now - ago, value })));
      expect(await evaluateRunNow(runId)).toBeNull();
      expect((await ruleNamed(runId, /^Error rate > 5% sustained/)).state).toBe("inconclusive");
      // It stops; this instance takes the run over and judges the samples it never received itself.
      await other.query("SELECT pg_advisory_unlock_all()");
      await evaluateOver(runId, 6 * MIN, now);
      expect((await ruleNamed(runId, /^Error rate > 5% sustained/)).state).toBe("firing");
    } finally {
      cluster.__warroomMetricsCluster = { servers: 1, checkedAt: 0 };
      await other.end();
    }
  });
});
