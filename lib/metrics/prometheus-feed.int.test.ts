// Rules whose source is a PromQL query, judged against a REAL Prometheus (Debian's binary) scraping
// an exporter this test steers, on real PostgreSQL, with nothing ever pushed: the run charts, gates
// its checkpoint, recommends a rollback when the canary's error rate rises, reads inconclusive with
// Prometheus's own error text for a query Prometheus refuses, and, once Prometheus is stopped
// mid-canary, inconclusive at the next evaluation (never green), failing after four errors in a row,
// asked less and less often. The monitor is stepped (evaluateRunNow) at the real clock or just past it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPrometheusMissing, startPrometheus, type TPrometheusServer } from "../../e2e/support/prometheus";
import { makePrometheusSource, queryRulesOnPrometheus } from "../../e2e/support/promql-run";
import { EXPORTER_STAGE_LABEL, startSteeredExporter, type TSteeredExporter } from "../../e2e/support/steered-exporter";
import { updateDataSource } from "../datasources/commands";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { ruleNamed, rules, SEC } from "../../e2e/support/metrics";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import type { TRole } from "../domain/roles";
import { statusLight } from "../domain/status-light";
import { getRunSnapshot } from "../runs/queries";
import { advanceRollout } from "../runs/rollout-commands";
import { getMetricCharts } from "./queries";
import { evaluateRunNow, stopMetricsMonitor } from "./monitor";
import { verdictOfRow } from "./rule-rows";
import { saveRule } from "./rules";
import { defaultPromql } from "../domain/promql-defaults";

useTestDatabase("prometheus-feed");

/** Short windows: a change the exporter makes shows within seconds of real time. */
const SEMANTICS = { windowMinutes: 0.1, intervalSeconds: 1 };
const POLL = { timeout: 40_000, interval: 1000 };

let team: Record<TRole, TActor>;
/** One service per test: a back-fill replays the service's recent history, which an earlier test may have steered. */
let exporter: TSteeredExporter;
let others: TSteeredExporter[];
let prometheus: TPrometheusServer;
let dataSourceId: string;

/** A run of the seed runbook at ×60 (checkpoints of seconds) at its canary step, every rule on Prometheus. */
async function promqlCanary(name: string, service = "checkout"): Promise<string> {
  const run = await makeRun(team.lead, { name, service, timeScale: 60 });
  await queryRulesOnPrometheus(team.lead, run.id, dataSourceId, SEMANTICS);
  await db().run.update({ where: { id: run.id }, data: { status: "production", rolloutPercent: 10, checkpointStartedAt: new Date() } });
  return run.id;
}

const gatingRules = async (runId: string) => (await rules(runId)).filter((r) => r.isEnabled && r.severity !== "success");
const statusesOf = async (runId: string) => (await gatingRules(runId)).map((r) => verdictOfRow(r)?.status ?? "never evaluated");

/** Evaluate at the real clock until `check` holds (the monitor's ticker, one evaluation a second). */
async function evaluateUntil<T>(runId: string, read: () => Promise<T>, expected: T): Promise<void> {
  await expect.poll(async () => {
    await evaluateRunNow(runId);
    return read();
  }, POLL).toEqual(expected);
}

/** Polls `condition` (expect.poll is for tests only, not hooks). */
async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the exporter to be scraped");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.skipIf(isPrometheusMissing)("rules fed by a real Prometheus", () => {
  beforeAll(async () => {
    team = await makeTeam();
    exporter = await startSteeredExporter("checkout");
    others = [await startSteeredExporter("payments"), await startSteeredExporter("search")];
    prometheus = await startPrometheus([exporter, ...others].map((e) => e.address));
    dataSourceId = (await makePrometheusSource(team.admin, prometheus.url)).id;
    // A few seconds of scrapes, so a 6-second rate() has data from the first evaluation on.
    await waitFor(() => exporter.scrapes() >= 8);
  });
  afterAll(async () => {
    await stopMetricsMonitor();
    for (const e of [exporter, ...(others ?? [])]) await e?.stop();
    await prometheus?.stop();
  });

  it("charts, gates the checkpoint with fresh data and recommends a rollback when the canary's error rate rises, with no push", async () => {
    const runId = await promqlCanary("prometheus only");
    await evaluateRunNow(runId);
    expect(await statusesOf(runId)).toEqual((await gatingRules(runId)).map(() => "ok"));

    // Charts: each metric's values are stored with their source, back-filled from before the first evaluation.
    const stored = await db().metricSample.groupBy({ by: ["source"], where: { runId }, _count: true });
    expect(stored.map((s) => s.source)).toEqual(["prometheus"]);
    const charts = await getMetricCharts(runId);
    const canaryErrors = charts.series.find((s) => s.metric === "error_rate" && s.stage === "canary");
    const productionErrors = charts.series.find((s) => s.metric === "error_rate" && s.stage === "production");
    expect(canaryErrors?.points.length).toBeGreaterThan(2);
    expect(productionErrors?.points.at(-1)?.[1]).toBe(0);
    expect(canaryErrors!.points[0][0]).toBeLessThan(Date.now() - 3 * SEC);

    // Gate: the countdown ran on fresh data ([time ×60] 5 s), so the canary steps on without a reason.
    const started = (await db().run.findUniqueOrThrow({ where: { id: runId } })).checkpointStartedAt;
    expect(started).not.toBeNull();
    await evaluateUntil(runId, async () => Date.now() - started!.getTime() > 6 * SEC, true);
    expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).checkpointStartedAt).toEqual(started);
    await advanceRollout(team.lead, { runId, fromPercent: 10 });

    // 8% errors on the canary: the sustained rollback rule fires, the run turns red.
    exporter.steer("canary", { errorPercent: 8 });
    await evaluateUntil(runId, async () => (await ruleNamed(runId, /^Error rate > 5% sustained/)).state, "firing");
    const rollback = await ruleNamed(runId, /^Error rate > 5% sustained/);
    expect(rollback).toMatchObject({ stateStage: "canary" });
    expect(rollback.stateValue).toBeGreaterThan(5);
    const alerts = await db().rollbackAlert.findMany({ where: { runId } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ source: "rule", stage: "canary" });
    const snapshot = (await getRunSnapshot(runId))!;
    expect(statusLight(snapshot, new Date())).toMatchObject({ state: "rollback", reason: expect.stringMatching(/^ROLLBACK RECOMMENDED: Error rate > 5% sustained .*on canary/) });
    expect(snapshot.metrics.rules.find((r) => r.id === rollback.id)?.source).toEqual({ kind: "promql", dataSourceId, query: expect.stringContaining("http_requests_total") });
    expect(await db().metricSample.count({ where: { runId, source: "push" } })).toBe(0);
    exporter.steer("canary", { errorPercent: 0 });
  }, 120_000);

  it("a query Prometheus refuses reads inconclusive with Prometheus's own error text, and an empty result says so", async () => {
    const runId = await promqlCanary("bad query", "payments");
    const add = (label: string, query: string) =>
      saveRule(team.lead, { runId, label, metric: "error_rate", severity: "escalate", comparator: ">", threshold: 1, window: { kind: "immediate" }, ...SEMANTICS, source: { kind: "promql", dataSourceId, query } });
    // Parses (the save check is the grammar), but rate() needs a range: Prometheus refuses it.
    await add("rate without a range", 'rate(http_requests_total{service="{{service}}",{{stageLabel}}})');
    await add("nothing matches", 'sum(rate(http_requests_total{service="no-such-service",{{stageLabel}}}[{{window}}]))');
    const t0 = Date.now();
    for (let i = 0; i < 5; i++) await evaluateRunNow(runId, t0 + i * SEC);

    const refused = await ruleNamed(runId, /^rate without a range/);
    expect(refused.state).toBe("inconclusive");
    expect(verdictOfRow(refused)?.inconclusive).toEqual({
      kind: "provider_error",
      message: expect.stringMatching(/^source failing, 5 errors in a row — “prometheus-test” on canary: Prometheus answered 400: bad_data: .*expected type range vector in call to function "rate", got instant vector/),
    });
    const empty = await ruleNamed(runId, /^nothing matches/);
    expect(verdictOfRow(empty)?.inconclusive).toEqual({ kind: "provider_error", message: expect.stringContaining("“prometheus-test” on canary: The query returned no series") });
    // A wrong query is the rule's problem: the data source itself answered, so it is not failing.
    expect((await db().dataSource.findUniqueOrThrow({ where: { id: dataSourceId } })).failingSince).toBeNull();
    // The other rules of the run are fine: only the two broken ones are unverified.
    const snapshot = (await getRunSnapshot(runId))!;
    expect(statusLight(snapshot, new Date(t0 + 4 * SEC))).toMatchObject({ state: "attention", word: "UNVERIFIED" });
  });

  it("a compare rule on PromQL: the canary's latency, slower than production's on every query, fails the comparison", async () => {
    const payments = others[0];
    payments.steer("canary", { latencySeconds: 0.2 });
    const runId = await promqlCanary("compare on Prometheus", "payments");
    await saveRule(team.lead, {
      runId,
      label: "canary slower than production",
      metric: "response_time_avg",
      severity: "escalate",
      window: { kind: "immediate" },
      windowMinutes: 0.5,
      intervalSeconds: 1,
      compare: { direction: "increase", allowedDifferencePercent: 10, minSamplesPerSide: 5 },
      source: { kind: "promql", dataSourceId, query: defaultPromql("response_time_avg")!.query },
    });
    // The canary's 6-second rate moves to 200 ms within seconds; the back-fill and each query see both stages.
    await evaluateUntil(runId, async () => (await ruleNamed(runId, /^canary slower than production/)).state, "firing");
    const verdict = verdictOfRow(await ruleNamed(runId, /^canary slower than production/));
    expect(verdict?.compare).toMatchObject({ outcome: "fail", direction: "increase" });
    expect(verdict?.compare?.canaryMedian).toBeGreaterThan(verdict!.compare!.productionMedian! * 1.1);
    payments.steer("canary", { latencySeconds: 0.05 });
  }, 120_000);

  it("Prometheus stopped mid-canary: inconclusive at the next evaluation, never green, failing after 4 errors, asked less often", async () => {
    const runId = await promqlCanary("prometheus stops", "search");
    await evaluateRunNow(runId);
    expect(new Set(await statusesOf(runId))).toEqual(new Set(["ok"]));
    const t0 = Date.now();
    await prometheus.stop();
    stoppedScrapes = others[1].scrapes();

    // One interval later.
    await evaluateRunNow(runId, t0 + SEC);
    const refused = `Connection refused by 127.0.0.1:${prometheus.port}: nothing is listening there`;
    for (const rule of await gatingRules(runId)) {
      expect(rule.state).toBe("inconclusive");
      expect(verdictOfRow(rule)?.inconclusive).toEqual({ kind: "provider_error", message: expect.stringContaining(refused) });
    }
    const snapshot = (await getRunSnapshot(runId))!;
    expect(statusLight(snapshot, new Date(t0 + SEC))).toMatchObject({ state: "attention", word: "UNVERIFIED" });
    expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).checkpointStartedAt).toBeNull();

    // Every second for 30 s: never green; failing from the 4th error; then queried after 2, 4, 8, 16 s.
    const seen = new Set<string>();
    for (let s = 2; s <= 30; s++) {
      await evaluateRunNow(runId, t0 + s * SEC);
      for (const status of await statusesOf(runId)) seen.add(status);
    }
    expect(seen).toEqual(new Set(["inconclusive"]));
    const errorRate = await ruleNamed(runId, /^Error rate > 1%/);
    // Errors 1–4 at 1–4 s, then 5 at 6 s, 6 at 10 s, 7 at 18 s: 8 would be at 34 s.
    expect(verdictOfRow(errorRate)?.inconclusive).toEqual({
      kind: "provider_error",
      message: `source failing, 7 errors in a row; asked again every 0:16 — “prometheus-test” on canary: ${refused}`,
    });
    const source = await db().dataSource.findUniqueOrThrow({ where: { id: dataSourceId } });
    expect(source.failingSince).not.toBeNull();
    expect(source.lastError).toBe(refused);
    const light = statusLight((await getRunSnapshot(runId))!, new Date(t0 + 30 * SEC));
    expect(light).toMatchObject({ state: "attention", word: "UNVERIFIED" });
    stoppedRun = { runId, t0 };
  }, 120_000);

  it("Prometheus back (an admin points the data source at the new one): the next query after the backoff is answered, the rules turn ok, the source is well again", async () => {
    const { runId, t0 } = stoppedRun!;
    prometheus = await startPrometheus([exporter, ...others].map((e) => e.address));
    const source = await db().dataSource.findUniqueOrThrow({ where: { id: dataSourceId } });
    await updateDataSource(team.admin, { id: dataSourceId, name: source.name, url: prometheus.url, authKind: "none", timeoutMs: 3000, stageLabel: EXPORTER_STAGE_LABEL });
    await waitFor(() => others[1].scrapes() >= 8 + (stoppedScrapes ?? 0));
    const stored = await db().metricSample.count({ where: { runId } });
    // The last failed query was at 18 s: the next is due 16 s later, at 34 s (the clock catches up first).
    await waitFor(() => Date.now() > t0 + 34 * SEC, 60_000);
    await evaluateRunNow(runId);
    expect(new Set(await statusesOf(runId))).toEqual(new Set(["ok"]));
    await expect.poll(async () => (await db().dataSource.findUniqueOrThrow({ where: { id: dataSourceId } })).failingSince, POLL).toBeNull();
    // The next evaluation back-fills the chart's gap with what the new Prometheus scraped since it started.
    await waitFor(() => Date.now() > t0 + 36 * SEC);
    await evaluateRunNow(runId);
    expect(await db().metricSample.count({ where: { runId } })).toBeGreaterThan(stored + 4 * 6 * 2);
  }, 120_000);
});

let stoppedRun: { runId: string; t0: number } | null = null;
let stoppedScrapes: number | null = null;
