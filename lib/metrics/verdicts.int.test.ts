// Issue 15's "done when", on real PostgreSQL with the real monitor: a zero-sample canary holds its
// checkpoint, says why with the age and reads UNVERIFIED (a lead may step on only with a recorded
// reason); the noisy 8% canary, pushed through the real ingestion handler, fires and stays fired
// without flicker, and the timeline gets its state changes only.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { seededRandom } from "../../e2e/chaos/plan";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { MIN, recordedStatuses, ruleNamed, SEC } from "../../e2e/support/metrics";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import { redactSnapshot } from "../domain/public-snapshot";
import type { TRole } from "../domain/roles";
import { runCheckpointGate } from "../domain/rule-semantics";
import { statusLight } from "../domain/status-light";
import { advanceRollout } from "../runs/rollout-commands";
import { getRunSnapshot } from "../runs/queries";
import { pushMetrics } from "./ingest-endpoint";
import { evaluateRunNow, stopMetricsMonitor } from "./monitor";
import { saveRule } from "./rules";
import { createApiToken } from "./tokens";

useTestDatabase("verdicts");

let team: Record<TRole, TActor>;
beforeAll(async () => {
  team = await makeTeam();
});
afterEach(() => {
  vi.useRealTimers();
});
afterAll(() => stopMetricsMonitor());

const runAt = (runId: string) => db().run.findUniqueOrThrow({ where: { id: runId } });

describe("a canary that never received a sample", () => {
  it("holds its checkpoint and says why with the age, reads UNVERIFIED everywhere, and steps on only with a reason", async () => {
    const runId = (await makeRun(team.lead, { name: "silent canary" })).id;
    await db().run.update({ where: { id: runId }, data: { status: "production", rolloutPercent: 0 } });
    const stepped = await advanceRollout(team.lead, { runId, fromPercent: 0 });
    // Nothing verifies the canary yet: the countdown never starts.
    expect(stepped.event.payload).toMatchObject({ percent: 10, checkpointStartedAt: null });

    const t0 = Date.now() - 3 * MIN - 12 * SEC;
    await evaluateRunNow(runId, t0);
    const seq = (await runAt(runId)).lastSeq;
    await evaluateRunNow(runId, t0 + MIN);
    const now = t0 + 3 * MIN + 12 * SEC;
    await evaluateRunNow(runId, now);
    // Silence is not news: no evaluation recorded anything, and the rules say inconclusive.
    expect((await runAt(runId)).lastSeq).toBe(seq);
    expect((await ruleNamed(runId, /^Error rate > 5% sustained/)).state).toBe("inconclusive");
    expect((await runAt(runId)).checkpointStartedAt).toBeNull();

    const snapshot = (await getRunSnapshot(runId))!;
    const gate = runCheckpointGate(snapshot, 5, now);
    expect(gate).toMatchObject({ kind: "held" });
    expect(gate?.kind === "held" && gate.reasons).toContain("error_rate: no sample for 3:12 — is the monitoring feed running?");

    const light = statusLight(snapshot, new Date(now));
    expect(light).toEqual({ state: "attention", word: "UNVERIFIED", reason: "error_rate: no sample for 3:12 — is the monitoring feed running?" });
    // The status page folds the public projection: it carries what the light needs.
    expect(statusLight(redactSnapshot(snapshot), new Date(now))).toEqual(light);

    await expect(advanceRollout(team.lead, { runId, fromPercent: 10 })).rejects.toMatchObject({
      code: "illegal_transition",
      message: expect.stringContaining("a lead may step on with a reason (overrideReason)"),
    });
    await expect(advanceRollout(team.lead, { runId, fromPercent: 10, overrideReason: "ok" })).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringContaining("overrideReason"),
    });
    expect((await runAt(runId)).rolloutPercent).toBe(10);
    await expect(advanceRollout(team.member, { runId, fromPercent: 10, overrideReason: "feed is down, checked by hand" })).rejects.toMatchObject({ code: "forbidden" });

    const reason = "Prometheus bridge down; canary checked by hand in Grafana";
    const overridden = await advanceRollout(team.lead, { runId, fromPercent: 10, overrideReason: reason });
    expect(overridden.event.payload).toMatchObject({
      percent: 50,
      checkpointStartedAt: null,
      override: { reason, heldBecause: expect.arrayContaining([expect.stringMatching(/^error_rate: no sample for \d+:\d\d — is the monitoring feed running\?$/)]) },
    });
  });
});

describe("a noisy canary at 8% through the ingestion handler", () => {
  it("fires “> 5% sustained 5 min” within 5 min + one interval and stays fired: state changes only", async () => {
    const runId = (await makeRun(team.lead, { name: "noisy canary" })).id;
    const { token } = await createApiToken(team.lead, { runId, name: "canary scraper" });
    const random = seededRandom(8);
    // The monitor (its ticker included) judges at Date.now(): the clock is driven through the scenario.
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = Date.now();
    const statuses: string[] = [];
    for (let at = t0; at <= t0 + 12 * MIN; at += 5 * SEC) {
      vi.setSystemTime(at);
      // One scrape every 5 s: single samples spread 4–12%, mean 8%.
      const body = { samples: [{ metric: "error_rate", stage: "canary", value: 4 + 8 * random(), timestamp: new Date(at).toISOString() }] };
      const response = await pushMetrics(
        new Request(`http://localhost/api/runs/${runId}/metrics`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) }),
        { params: Promise.resolve({ id: runId }) },
      );
      expect(response.status).toBe(200);
      if ((at - t0) % (10 * SEC) === 0) {
        await evaluateRunNow(runId, at);
        statuses.push((await ruleNamed(runId, /^Error rate > 5% sustained/)).state);
      }
    }
    const firstFiring = statuses.indexOf("firing");
    expect(firstFiring).toBeGreaterThan(0);
    expect(firstFiring * 10 * SEC).toBeLessThanOrEqual(5 * MIN + 10 * SEC);
    expect(statuses.slice(firstFiring).every((s) => s === "firing")).toBe(true);

    const rule = await ruleNamed(runId, /^Error rate > 5% sustained/);
    expect(await recordedStatuses(runId, rule.id)).toEqual(["pending", "firing"]);
    const escalation = await ruleNamed(runId, /^Error rate > 1%/);
    expect(await recordedStatuses(runId, escalation.id)).toEqual(["firing"]);
    // 145 samples and 73+ evaluations; a handful of events, one recommendation.
    expect(await db().timelineEvent.count({ where: { runId, type: "metrics.states_changed" } })).toBeLessThanOrEqual(4);
    expect(await db().rollbackAlert.count({ where: { runId } })).toBe(1);
  });
});

describe("a lead states how a rule is judged", () => {
  it("saves aggregation, window, k of n and no-data handling; refuses what cannot be judged, naming the field, writing nothing", async () => {
    const runId = (await makeRun(team.lead, { name: "rule semantics" })).id;
    const rule = { runId, metric: "response_time_p95", severity: "rollback", comparator: ">", threshold: 1500, window: { kind: "immediate" } } as const;
    const { event } = await saveRule(team.lead, { ...rule, aggregation: "p95", windowMinutes: 3, mode: { kind: "k_of_n", k: 3, n: 5 }, onNoData: "fail" });
    expect(event.payload).toMatchObject({
      rule: { semantics: { aggregation: "p95", windowMinutes: 3, mode: { kind: "k_of_n", k: 3, n: 5 }, onNoData: "fail", recoveryMinutes: 3, intervalSeconds: 10 } },
    });
    const seq = (await runAt(runId)).lastSeq;
    const rules = await db().runMetricRule.count({ where: { runId } });
    await expect(saveRule(team.lead, { ...rule, mode: { kind: "k_of_n", k: 6, n: 5 } })).rejects.toMatchObject({ code: "invalid_input", message: expect.stringContaining("mode.k") });
    await expect(saveRule(team.lead, { ...rule, aggregation: "ratio" })).rejects.toMatchObject({ code: "invalid_input", message: expect.stringContaining("denominatorMetric") });
    await expect(saveRule(team.lead, { ...rule, aggregation: "ratio", denominatorMetric: "requests_total" })).rejects.toMatchObject({
      code: "invalid_input",
      message: "denominatorMetric: “requests_total” is not a metric of this run (declare custom metrics first)",
    });
    expect((await runAt(runId)).lastSeq).toBe(seq);
    expect(await db().runMetricRule.count({ where: { runId } })).toBe(rules);
  });
});
