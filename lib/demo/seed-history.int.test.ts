// `npm run demo:history`'s seeder against a real database, read back through the insights page's
// one query: the four keys come out as the plan was designed (lib/demo/history-plan.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../../e2e/support/integration";
import { db } from "../db/client";
import { loadInsights, type TInsights } from "../insights/queries";
import { seedHistory } from "./seed-history";

useTestDatabase("demo_history");

const now = new Date("2026-12-05T15:00:00Z");
let insights: TInsights;
beforeAll(async () => {
  await seedHistory(now);
  // Run again: the history is replaced, not doubled.
  expect((await seedHistory(now)).replaced).toBe(30);
  insights = await loadInsights(now, 8);
}, 240_000);

describe("the seeded history's four keys", () => {
  it("overall: 29 deployments in 8 weeks (High), 4 failed (14%, High), recovery 37.5 min (Elite), lead time 5 h (Elite)", () => {
    const { totals, bands, weeks } = insights.report.overall;
    expect(totals).toMatchObject({ deployments: 29, failures: 4, recovered: 2, withoutRecovery: 2, leadTimeRuns: 23, withoutCommitTime: 3 });
    expect(totals.deploymentsPerWeek).toBeCloseTo(29 / 8);
    expect(totals.changeFailureRate).toBeCloseTo(4 / 29);
    expect(totals.recoveryMedianMinutes).toBe(37.5);
    expect(totals.leadTimeMedianMinutes).toBe(300);
    expect(bands).toEqual({ deploymentFrequency: "high", changeFailureRate: "high", recoveryTime: "elite", leadTime: "elite" });
    expect(weeks).toHaveLength(8);
    expect(weeks.reduce((sum, w) => sum + w.deployments, 0)).toBe(29);
  });

  it("per service: payments aborted after production with no recovery and no commit times; search's faulty run counts", () => {
    const byService = Object.fromEntries(insights.report.services.map((s) => [s.service, s]));
    expect(Object.keys(byService)).toEqual(["checkout-api", "payments", "search"]);
    expect(byService["checkout-api"].totals).toMatchObject({ deployments: 17, failures: 2, recoveryMedianMinutes: 37.5, leadTimeMedianMinutes: 240 });
    expect(byService.search.totals).toMatchObject({ deployments: 8, failures: 1, changeFailureRate: 0.125, recoveryMedianMinutes: null, withoutRecovery: 1, leadTimeMedianMinutes: 26 * 60 });
    expect(byService.search.bands).toMatchObject({ changeFailureRate: "high", leadTime: "high", recoveryTime: null });
    expect(byService.payments.totals).toMatchObject({ deployments: 4, failures: 1, changeFailureRate: 0.25, withoutRecovery: 1, leadTimeMedianMinutes: null, withoutCommitTime: 3 });
    expect(byService.payments.bands).toEqual({ deploymentFrequency: "medium", changeFailureRate: "medium", recoveryTime: null, leadTime: null });
  });

  it("phase durations: staging runs over its 30–45 min budget", () => {
    expect(insights.phaseRuns).toBe(20);
    expect(insights.phases.find((p) => p.key === "staging")).toMatchObject({ title: "Staging Deployment", budgetMinMinutes: 30, budgetMaxMinutes: 45, verdict: "over" });
    expect(insights.phases.find((p) => p.key === "production")).toMatchObject({ medianMinutes: 30, verdict: "within" });
  });

  it("the faulty run carries its mark and the timeline event that says so", async () => {
    const faulty = await db().run.findFirstOrThrow({ where: { faultyAt: { not: null } }, include: { events: { orderBy: { seq: "asc" } } } });
    expect(faulty).toMatchObject({ service: "search", status: "completed", lastSeq: 3 });
    expect(faulty.events.map((e) => e.type)).toEqual(["run.created", "run.status_changed", "run.marked_faulty"]);
  });
});
