// Compare rules judged live on real PostgreSQL: canary against production through the monitor
// (stepped evaluateRunNow, as monitor.int.test.ts), on the two reference scenarios of issue 15 —
// the vectors scipy.stats.mannwhitneyu was run on (lib/domain/fixtures/mann-whitney/cases.json) —
// and on a canary with too few samples. Fail fires (a rollback recommendation, the light red, the
// checkpoint held), pass lets the checkpoint run, too few samples holds it saying which side; only
// status changes reach the timeline.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { evaluateOver, MIN, push, pushHealthy, recordedStatuses, SEC } from "../../e2e/support/metrics";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import reference from "../domain/fixtures/mann-whitney/cases.json";
import type { TRole } from "../domain/roles";
import { runCheckpointGate } from "../domain/rule-semantics";
import { statusLight } from "../domain/status-light";
import { describeEvent } from "../domain/describe-event";
import { recordToMarkdown } from "../domain/record-markdown";
import { loadDeploymentRecord } from "../record/queries";
import { getRunSnapshot } from "../runs/queries";
import { evaluateRunNow, stopMetricsMonitor } from "./monitor";
import { declareMetric, saveRule } from "./rules";

useTestDatabase("compare");

let team: Record<TRole, TActor>;
beforeAll(async () => {
  team = await makeTeam();
});
afterAll(() => stopMetricsMonitor());

const METRIC = "checkout_latency";
const scenario = (name: string) => reference.cases.find((c) => c.name === name)!;
/** numpy's median, the reference's. */
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const greater = (name: string) => scenario(name).results.find((r) => r.alternative === "greater" && r.method === "asymptotic")!;

/** A run at the canary step with a custom latency metric and one compare rule on it. */
async function canaryWithCompareRule(name: string, compare: { direction: "increase" | "decrease" | "either"; allowedDifferencePercent: number; minSamplesPerSide: number }) {
  const run = await makeRun(team.lead, { name });
  await db().run.update({ where: { id: run.id }, data: { status: "production", rolloutPercent: 10, checkpointStartedAt: new Date(Date.now() - MIN) } });
  await declareMetric(team.lead, { runId: run.id, key: METRIC, label: "Checkout latency", unit: "ms", kind: "duration" });
  const { event } = await saveRule(team.lead, { runId: run.id, metric: METRIC, severity: "rollback", window: { kind: "immediate" }, compare });
  const ruleId = (event.payload as { rule: { id: string } }).rule.id;
  return { runId: run.id, ruleId };
}

/** Values as samples every 5 s, the newest at `now`: 60 values span the 5-minute window. */
const every5s = (values: readonly number[]): [number, number][] => values.map((v, i) => [(values.length - 1 - i) * 5 * SEC, v]);

async function pushScenario(runId: string, name: string, now: number) {
  const { x, y } = scenario(name);
  await push(runId, METRIC, "canary", every5s(x), now);
  await push(runId, METRIC, "production", every5s(y), now);
}

const ruleRow = (ruleId: string) => db().runMetricRule.findUniqueOrThrow({ where: { id: ruleId } });

describe("a compare rule judged live: the two reference scenarios", () => {
  it("a canary clearly worse than production fails: firing, a rollback recommendation, the light red, the checkpoint held — with medians, U and p", async () => {
    const { runId, ruleId } = await canaryWithCompareRule("compare fail", { direction: "increase", allowedDifferencePercent: 10, minSamplesPerSide: 20 });
    const now = Date.now();
    await pushHealthy(runId, "canary", 2 * MIN, now);
    await pushScenario(runId, "canary clearly worse", now);
    await evaluateRunNow(runId, now);

    const row = await ruleRow(ruleId);
    expect(row).toMatchObject({ state: "firing", stateStage: "canary", label: "Checkout latency: canary higher than production by more than 10%" });
    const snapshot = (await getRunSnapshot(runId))!;
    const view = snapshot.metrics.rules.find((r) => r.id === ruleId)!;
    expect(view.compare).toEqual({ direction: "increase", allowedDifferencePercent: 10, minSamplesPerSide: 20 });
    const figures = view.verdict!.compare!;
    expect(figures).toMatchObject({ outcome: "fail", canaryCount: 60, productionCount: 60, u: greater("canary clearly worse").u });
    expect(figures.canaryMedian).toBeCloseTo(median(scenario("canary clearly worse").x), 12);
    expect(figures.productionMedian).toBeCloseTo(median(scenario("canary clearly worse").y), 12);
    expect(figures.p! / greater("canary clearly worse").p).toBeCloseTo(1, 6);

    const alerts = await db().rollbackAlert.findMany({ where: { runId } });
    expect(alerts).toEqual([expect.objectContaining({ ruleId, label: row.label, source: "rule", stage: "canary" })]);
    const light = statusLight(snapshot, new Date(now));
    expect(light.state).toBe("rollback");
    expect(light.reason).toBe(`ROLLBACK RECOMMENDED: ${row.label} (canary median 8 ms vs production 1.05 ms (+666%, allowed 10%) · U=3600 p=1.8e-21 → FAIL)`);
    const gate = runCheckpointGate(snapshot, 5, now);
    expect(gate).toMatchObject({ kind: "held", reasons: [expect.stringMatching(/^“Checkout latency: canary higher than production by more than 10%” is firing: canary median 8 ms vs production 1\.05 ms \(\+666%, allowed 10%\) · U=3600 p=1\.8e-21 → FAIL, 0:00 ago$/)] });
    expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).checkpointStartedAt).toBeNull();

    // The same comparison judged again and again is not news: one timeline event, one recommendation.
    await evaluateOver(runId, MIN, now + MIN);
    expect(await recordedStatuses(runId, ruleId)).toEqual(["firing"]);
    expect(await db().rollbackAlert.count({ where: { runId } })).toBe(1);
    const timeline = (await getRunSnapshot(runId))!.timeline.map((e) => describeEvent(e));
    expect(timeline).toContainEqual(expect.stringContaining(`“${row.label}” firing (canary median 8 ms vs production 1.05 ms (+666%, allowed 10%) · U=3600 p=1.8e-21 → FAIL)`));

    // The deployment record keeps what the canary was judged on.
    const record = (await loadDeploymentRecord(runId))!;
    expect(record.comparisons).toEqual([
      expect.objectContaining({
        ruleId,
        status: "Firing",
        // A minute later the window holds 48 samples a side: the latest comparison is that one.
        latest: expect.stringMatching(/^canary median [\d.]+ ms vs production [\d.]+ ms \(\+\d+%, allowed 10%\) · U=2304 p=[\d.e-]+ → FAIL$/),
        changes: [expect.objectContaining({ status: "Firing", comparison: "canary median 8 ms vs production 1.05 ms (+666%, allowed 10%) · U=3600 p=1.8e-21 → FAIL" })],
      }),
    ]);
    expect(recordToMarkdown(record)).toContain(`## Canary vs production\n\n### ${row.label}: Firing`);
  });

  it("a canary equal to production with noise passes: ok, and the checkpoint runs once every gating rule is ok", async () => {
    const { runId, ruleId } = await canaryWithCompareRule("compare pass", { direction: "increase", allowedDifferencePercent: 10, minSamplesPerSide: 20 });
    const now = Date.now();
    await pushHealthy(runId, "canary", 2 * MIN, now);
    await pushScenario(runId, "canary equal with noise", now);
    await evaluateRunNow(runId, now);

    expect(await ruleRow(ruleId)).toMatchObject({ state: "ok" });
    const snapshot = (await getRunSnapshot(runId))!;
    const figures = snapshot.metrics.rules.find((r) => r.id === ruleId)!.verdict!.compare!;
    expect(figures).toMatchObject({ outcome: "pass", canaryCount: 60, productionCount: 60, u: greater("canary equal with noise").u });
    expect(figures.p!).toBeCloseTo(greater("canary equal with noise").p, 9);
    expect(await recordedStatuses(runId, ruleId)).toEqual(["ok"]);
    expect(await db().rollbackAlert.count({ where: { runId } })).toBe(0);
    // Every gating rule, the comparison included, is ok with fresh data: the countdown runs.
    expect(runCheckpointGate(snapshot, 5, now)).toMatchObject({ kind: "running" });
    expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).checkpointStartedAt).not.toBeNull();
    expect(statusLight(snapshot, new Date(now)).state).toBe("on_track");
  });
});

describe("a compare rule without enough samples", () => {
  it("is inconclusive, says which side is short, and holds the checkpoint until the canary has enough", async () => {
    const { runId, ruleId } = await canaryWithCompareRule("compare too few", { direction: "increase", allowedDifferencePercent: 10, minSamplesPerSide: 10 });
    const now = Date.now();
    await pushHealthy(runId, "canary", 3 * MIN, now);
    await push(runId, METRIC, "production", every5s(Array.from({ length: 40 }, (_, i) => 180 + (i % 7))), now);
    await push(runId, METRIC, "canary", every5s([181, 184, 179]), now);
    await evaluateOver(runId, 30 * SEC, now);

    const row = await ruleRow(ruleId);
    expect(row.state).toBe("inconclusive");
    const snapshot = (await getRunSnapshot(runId))!;
    const view = snapshot.metrics.rules.find((r) => r.id === ruleId)!;
    expect(view.verdict).toMatchObject({ status: "inconclusive", inconclusive: { kind: "too_few_samples", count: 3, required: 10, side: "canary" }, compare: { outcome: "inconclusive", canaryCount: 3 } });
    const gate = runCheckpointGate(snapshot, 5, now);
    expect(gate).toEqual({ kind: "held", reasons: ["checkout_latency (canary vs production): canary: 3 samples, needs 10 in the last 5 min"] });
    expect(statusLight(snapshot, new Date(now))).toMatchObject({ state: "attention", reason: "checkout_latency (canary vs production): canary: 3 samples, needs 10 in the last 5 min" });
    // Inconclusive from the start is no change: nothing on the timeline yet.
    expect(await recordedStatuses(runId, ruleId)).toEqual([]);

    // The canary catches up: the comparison passes, one event, and the countdown starts.
    const later = now + 30 * SEC;
    await push(runId, METRIC, "canary", every5s(Array.from({ length: 12 }, (_, i) => 179 + (i % 5))), later);
    await pushHealthy(runId, "canary", 30 * SEC, later);
    await evaluateRunNow(runId, later);
    expect((await ruleRow(ruleId)).state).toBe("ok");
    expect(await recordedStatuses(runId, ruleId)).toEqual(["ok"]);
    expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).checkpointStartedAt).not.toBeNull();
  });

  it("rests once all traffic is on the new version: nothing to compare, and it holds nothing", async () => {
    const { runId, ruleId } = await canaryWithCompareRule("compare at 100%", { direction: "increase", allowedDifferencePercent: 10, minSamplesPerSide: 10 });
    await db().run.update({ where: { id: runId }, data: { rolloutPercent: 100 } });
    const now = Date.now();
    await pushHealthy(runId, "production", 2 * MIN, now);
    await evaluateRunNow(runId, now);
    const snapshot = (await getRunSnapshot(runId))!;
    expect(snapshot.metrics.rules.find((r) => r.id === ruleId)!.verdict!.inconclusive).toEqual({ kind: "no_canary" });
    expect(runCheckpointGate(snapshot, 5, now)).toMatchObject({ kind: "running" });
  });
});

describe("a compare rule is checked when saved", () => {
  it("refuses what cannot be judged, naming the field, and writes nothing", async () => {
    const { runId } = await canaryWithCompareRule("compare validation", { direction: "either", allowedDifferencePercent: 5, minSamplesPerSide: 10 });
    const count = await db().runMetricRule.count({ where: { runId } });
    const base = { runId, metric: METRIC, severity: "escalate", window: { kind: "immediate" } } as const;
    await expect(saveRule(team.lead, { ...base, compare: { direction: "up", allowedDifferencePercent: 5, minSamplesPerSide: 10 } })).rejects.toMatchObject({
      code: "invalid_input",
      message: "compare.direction: direction must be one of increase, decrease, either",
    });
    await expect(saveRule(team.lead, { ...base, compare: { direction: "increase", allowedDifferencePercent: -1, minSamplesPerSide: 10 } })).rejects.toMatchObject({
      code: "invalid_input",
      message: "compare.allowedDifferencePercent: allowedDifferencePercent must be 0 or more",
    });
    await expect(saveRule(team.lead, { ...base, compare: { direction: "increase", allowedDifferencePercent: 5, minSamplesPerSide: 2.5 } })).rejects.toMatchObject({
      message: "compare.minSamplesPerSide: minSamplesPerSide must be a whole number",
    });
    await expect(saveRule(team.lead, { ...base, stage: "canary", compare: { direction: "increase", allowedDifferencePercent: 5, minSamplesPerSide: 10 } })).rejects.toMatchObject({
      message: "stage: a compare rule judges canary against production: leave stage empty",
    });
    await expect(saveRule(team.lead, { ...base })).rejects.toMatchObject({ message: expect.stringContaining("comparator: comparator is required") });
    expect(await db().runMetricRule.count({ where: { runId } })).toBe(count);
  });
});
