import { describe, expect, it } from "vitest";
import { phaseBudgetReport, type TPhaseTiming } from "./phase-budgets";

const start = new Date("2026-12-01T10:00:00Z");
function staging(minutes: number | null, budget: [number, number] = [30, 45]): TPhaseTiming {
  return {
    key: "staging",
    title: "Staging",
    budgetMinMinutes: budget[0],
    budgetMaxMinutes: budget[1],
    startedAt: minutes === null ? null : start,
    completedAt: minutes === null ? null : new Date(start.getTime() + minutes * 60_000),
  };
}

describe("phaseBudgetReport", () => {
  it("gives the median against the newest budget and counts the runs over it", () => {
    const rows = phaseBudgetReport([52, 60, 40].map((m) => ({ phases: [staging(m)] })));
    expect(rows).toEqual([{ key: "staging", title: "Staging", runs: 3, medianMinutes: 52, budgetMinMinutes: 30, budgetMaxMinutes: 45, overBudget: 2, verdict: "over" }]);
  });
  it("reads within at the budget's upper end exactly, under below its lower end", () => {
    expect(phaseBudgetReport([{ phases: [staging(45)] }])[0].verdict).toBe("within");
    expect(phaseBudgetReport([{ phases: [staging(20)] }])[0].verdict).toBe("under");
  });
  it("leaves out phases that never finished, and says no data when none did", () => {
    const rows = phaseBudgetReport([{ phases: [staging(null)] }, { phases: [staging(50)] }]);
    expect(rows[0]).toMatchObject({ runs: 1, medianMinutes: 50 });
    expect(phaseBudgetReport([{ phases: [staging(null)] }])[0]).toMatchObject({ runs: 0, medianMinutes: null, verdict: "no_data" });
  });
  it("keeps runbook order and skips phases no run has; nothing for no runs", () => {
    const production = { ...staging(30), key: "production", title: "Production" };
    expect(phaseBudgetReport([{ phases: [production, staging(30)] }]).map((r) => r.key)).toEqual(["staging", "production"]);
    expect(phaseBudgetReport([])).toEqual([]);
  });
});
