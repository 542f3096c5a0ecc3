// Chart data on real PostgreSQL: each series read from its samples or its rollup buckets' extremes,
// downsampled to at most ~1000 points (keeping the extremes), then kept current in memory with the
// samples stored afterwards; and the rollup kept exact by the insert, whatever the arrival order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import type { TActor } from "../auth/users";
import type { TRole } from "../domain/roles";
import { advanceRollout } from "../runs/rollout-commands";
import { db } from "../db/client";
import { clearChartCache } from "./chart-cache";
import { insertSamples } from "./ingest";
import { recordSamples, stopMetricsMonitor } from "./monitor";
import { getMetricCharts } from "./queries";
import { loadMetricSeries } from "./series-query";

useTestDatabase("charts");

let team: Record<TRole, TActor>;
beforeAll(async () => {
  team = await makeTeam();
});
afterAll(() => stopMetricsMonitor());

describe("chart data", () => {
  it("downsamples 12k samples per series to ≤ 1000 points, keeping the spike, then follows new samples", async () => {
    const runId = (await makeRun(team.lead, { name: "charts" })).id;
    const start = Date.now() - 12_000 * 500;
    for (const stage of ["canary", "production"] as const) {
      for (let from = 0; from < 12_000; from += 1000) {
        const rows = Array.from({ length: 1000 }, (_, i) => {
          const n = from + i;
          return { metric: "error_rate", stage, at: start + n * 500, value: stage === "canary" && n === 7777 ? 42 : 0.2 + (n % 10) / 100 };
        });
        await insertSamples(runId, rows);
      }
    }
    clearChartCache();
    const charts = await getMetricCharts(runId);
    const canary = charts.series.find((s) => s.stage === "canary")!;
    expect(charts.series).toHaveLength(2);
    expect(canary.points.length).toBeLessThanOrEqual(1000);
    expect(canary.points).toContainEqual([start + 7777 * 500, 42]);
    expect(canary.points[0][0]).toBe(start);

    const late = { metric: "error_rate", stage: "canary" as const, at: Date.now(), value: 3.3 };
    recordSamples(runId, await insertSamples(runId, [late]));
    const again = await getMetricCharts(runId);
    expect(again.series.find((s) => s.stage === "canary")!.points.at(-1)).toEqual([late.at, 3.3]);
  });

  it("marks the rollout steps on the time axis", async () => {
    const run = await makeRun(team.lead, { name: "marks" });
    await db().run.update({ where: { id: run.id }, data: { status: "production" } });
    const { event } = await advanceRollout(team.lead, { runId: run.id, fromPercent: 0 });
    expect((await getMetricCharts(run.id)).rolloutMarks).toEqual([{ at: Date.parse(event.createdAt), label: "10%" }]);
  });

  it("keeps the rollup equal to the aggregate of the stored samples: out of order, resent and concurrent batches", async () => {
    const runId = (await makeRun(team.lead, { name: "rollup" })).id;
    const start = Date.UTC(2026, 10, 27, 8, 0, 0);
    // Values repeat (ties) and batches overlap, arrive out of order and at the same time.
    const sample = (n: number) => ({ metric: "cpu", stage: "canary" as const, at: start + n * 700, value: (n * 37) % 11 });
    const batches = Array.from({ length: 12 }, (_, b) => Array.from({ length: 50 }, (_, i) => sample(((b * 7) % 12) * 40 + i)));
    await Promise.all(batches.map((batch) => insertSamples(runId, batch)));
    await insertSamples(runId, batches[3]);
    const mismatches = await db().$queryRaw<unknown[]>`
      WITH expected AS (
        SELECT metric, stage, w.width, to_timestamp(floor(extract(epoch FROM at) / w.width) * w.width) AS bucket,
               count(*)::int AS count, min(value) AS "minValue", (array_agg(at ORDER BY value ASC, at ASC))[1] AS "minAt",
               max(value) AS "maxValue", (array_agg(at ORDER BY value DESC, at ASC))[1] AS "maxAt"
        FROM "MetricSample" CROSS JOIN (VALUES (10), (60)) AS w(width) WHERE "runId" = ${runId} GROUP BY 1, 2, 3, 4
      ), actual AS (
        SELECT metric, stage, width, bucket, count, "minValue", "minAt", "maxValue", "maxAt" FROM "MetricRollup" WHERE "runId" = ${runId}
      )
      (SELECT * FROM expected EXCEPT SELECT * FROM actual) UNION ALL (SELECT * FROM actual EXCEPT SELECT * FROM expected)`;
    expect(mismatches).toEqual([]);
    expect(await db().metricRollup.aggregate({ where: { runId, width: 10 }, _sum: { count: true } })).toEqual({ _sum: { count: await db().metricSample.count({ where: { runId } }) } });
  });

  it("reads a short series sample by sample and a long one from its buckets' extremes, real samples either way", async () => {
    const runId = (await makeRun(team.lead, { name: "resolution" })).id;
    const start = Date.UTC(2026, 10, 27, 6, 0, 0);
    const wave = (n: number) => 100 + 50 * Math.sin(n / 30) + (n === 4321 ? 900 : 0) - (n === 5555 ? 90 : 0);
    const long = Array.from({ length: 7_200 }, (_, n) => ({ metric: "response_time_p95", stage: "production" as const, at: start + n * 1000, value: wave(n) }));
    const short = Array.from({ length: 300 }, (_, n) => ({ metric: "cpu", stage: "production" as const, at: start + n * 15_000, value: 20 + (n % 7) }));
    for (let i = 0; i < long.length; i += 1000) await insertSamples(runId, long.slice(i, i + 1000));
    await insertSamples(runId, short);

    const series = await loadMetricSeries(runId);
    const cpu = series.find((s) => s.metric === "cpu")!;
    expect(cpu.points).toEqual(short.map((s) => [s.at, s.value]));
    const p95 = series.find((s) => s.metric === "response_time_p95")!;
    expect(p95.points.length).toBeLessThanOrEqual(1000);
    expect(p95.points.length).toBeGreaterThan(500);
    const stored = new Map(long.map((s) => [s.at, s.value]));
    for (const [at, value] of p95.points) expect(stored.get(at)).toBe(value);
    expect(p95.points).toContainEqual([start + 4321 * 1000, wave(4321)]);
    expect(p95.points).toContainEqual([start + 5555 * 1000, wave(5555)]);
  });
});
