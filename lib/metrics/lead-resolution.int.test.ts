// "A firing rule stays firing until the aggregate has been clear for a recovery period or a lead
// decides" (issue 15), on real PostgreSQL: a lead's Continue on the rollback recommendation (the
// war room banner's button, decideAlert) ends the firing in the verdict at the next evaluation —
// not before the decision, and not a firing that begins after it. The monitor is stepped through
// time (evaluateRunNow); the decision is made at the wall clock, between the stepped evaluations.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { evaluateOver, MIN, push, pushHealthy, recordedStatuses, ruleNamed, SEC, steady } from "../../e2e/support/metrics";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import type { TRole } from "../domain/roles";
import { statusLight } from "../domain/status-light";
import { getRunSnapshot } from "../runs/queries";
import { evaluateRunNow, stopMetricsMonitor } from "./monitor";
import { decideAlert } from "./rollback-commands";

useTestDatabase("lead_resolution");

let team: Record<TRole, TActor>;
beforeAll(async () => {
  team = await makeTeam();
});
afterAll(() => stopMetricsMonitor());

const ROLLBACK = /^Error rate > 5% sustained/;

async function canaryRun(name: string) {
  const run = await makeRun(team.lead, { name });
  await db().run.update({ where: { id: run.id }, data: { status: "production", rolloutPercent: 10, checkpointStartedAt: new Date(Date.now() - MIN) } });
  return run.id;
}

/** Fire "Error rate > 5% sustained (5 minutes)" by `base` (evaluations stepped up to it). */
async function fireBy(runId: string, base: number) {
  await evaluateOver(runId, 6.5 * MIN, base);
  const rule = await ruleNamed(runId, ROLLBACK);
  expect(rule.state).toBe("firing");
  return { rule, alert: await db().rollbackAlert.findFirstOrThrow({ where: { runId, ruleId: rule.id } }) };
}

describe("a lead's decision resolves a firing rule", () => {
  it("Continue ends the firing at the next evaluation, not before; still breaching, it fires again only after its sustained period, with a new recommendation", async () => {
    const runId = await canaryRun("continue while breaching");
    // The decision is taken at the wall clock, two minutes after the firing's `base`.
    const base = Date.now() - 2 * MIN;
    // The error rate first: pushHealthy's error_rate at the same instants is then a duplicate, skipped.
    await push(runId, "error_rate", "canary", steady(8 * MIN, -8 * MIN, 9), base);
    await pushHealthy(runId, "canary", 16 * MIN, base + 8 * MIN);
    const { rule, alert } = await fireBy(runId, base);

    await decideAlert(team.lead, { runId, alertId: alert.id, decision: "continue", reason: "Canary only, known noisy pod being drained" });
    const decidedAt = (await db().rollbackAlert.findUniqueOrThrow({ where: { id: alert.id } })).decidedAt!.getTime();
    // Evaluations before the decision's time keep the firing (a late replay cannot jump ahead of it).
    await evaluateRunNow(runId, base + 10 * SEC);
    expect((await ruleNamed(runId, ROLLBACK)).state).toBe("firing");

    // The first evaluation at or after the decision ends the firing; the rule still breaches: pending.
    await evaluateOver(runId, decidedAt + 10 * SEC - (base + 20 * SEC), decidedAt + 10 * SEC);
    const resolved = await ruleNamed(runId, ROLLBACK);
    expect(resolved.state).toBe("pending");
    expect(resolved.stateSince!.getTime()).toBeGreaterThanOrEqual(decidedAt);
    expect(await recordedStatuses(runId, rule.id)).toEqual(["pending", "firing", "pending"]);
    const snapshot = (await getRunSnapshot(runId))!;
    expect(statusLight(snapshot, new Date(decidedAt + 10 * SEC))).toEqual({
      state: "attention",
      reason: `Continuing despite “${rule.label}” (${team.lead.name}: Canary only, known noisy pod being drained)`,
    });
    expect(snapshot.metrics.periods.filter((p) => p.ruleId === rule.id).every((p) => p.end !== null)).toBe(true);

    // Breaching five more minutes from the decision fires it again: news the lead has not seen.
    const refire = decidedAt + 5 * MIN + 20 * SEC;
    await evaluateOver(runId, refire - (decidedAt + 20 * SEC), refire);
    expect((await ruleNamed(runId, ROLLBACK)).state).toBe("firing");
    expect(await recordedStatuses(runId, rule.id)).toEqual(["pending", "firing", "pending", "firing"]);
    const alerts = await db().rollbackAlert.findMany({ where: { runId, ruleId: rule.id }, orderBy: { raisedAt: "asc" } });
    expect(alerts.map((a) => a.decision)).toEqual(["continue", null]);
    // The old decision does not resolve the new firing.
    await evaluateRunNow(runId, refire + 10 * SEC);
    expect((await ruleNamed(runId, ROLLBACK)).state).toBe("firing");
  });

  it("Continue once the values are calm again ends the recovery period at once; without it the rule stays firing", async () => {
    const runId = await canaryRun("continue after calm");
    const base = Date.now() - MIN;
    await push(runId, "error_rate", "canary", [...steady(8 * MIN, MIN + 10 * SEC, 9), ...steady(MIN, -5 * MIN, 0.3)], base);
    await pushHealthy(runId, "canary", 13 * MIN, base + 5 * MIN);
    const { rule, alert } = await fireBy(runId, base - MIN);
    // Calm for a minute: hysteresis keeps it firing (its recovery period is 5 minutes).
    await evaluateOver(runId, MIN - 10 * SEC, base);
    const calm = await ruleNamed(runId, ROLLBACK);
    expect(calm.state).toBe("firing");

    await decideAlert(team.lead, { runId, alertId: alert.id, decision: "continue", reason: "Recovered after the pod was drained" });
    const decidedAt = (await db().rollbackAlert.findUniqueOrThrow({ where: { id: alert.id } })).decidedAt!.getTime();
    await evaluateOver(runId, decidedAt + 10 * SEC - (base + 10 * SEC), decidedAt + 10 * SEC);
    // Clear for about two minutes of a five-minute recovery: ok only because the lead decided.
    expect(decidedAt + 10 * SEC - (base - MIN)).toBeLessThan(5 * MIN);
    expect((await ruleNamed(runId, ROLLBACK)).state).toBe("ok");
    expect(await recordedStatuses(runId, rule.id)).toEqual(["pending", "firing", "ok"]);
    expect(statusLight((await getRunSnapshot(runId))!, new Date(decidedAt + 10 * SEC)).state).toBe("on_track");
  });
});
