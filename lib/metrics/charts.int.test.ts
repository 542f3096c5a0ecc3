// Chart data on real PostgreSQL: every stored sample, downsampled to at most ~1000 points per series
// (keeping the extremes), then kept current in memory with the samples stored afterwards.
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
});
