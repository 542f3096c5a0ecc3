import { describe, expect, it } from "vitest";
import { computeDora, doraFigures, median, reportStart, weekStartOf, type TDoraRun } from "./dora";

const now = new Date("2026-12-05T12:00:00Z"); // a Saturday
const t = (iso: string) => new Date(iso);
let n = 0;
function run(overrides: Partial<TDoraRun> = {}): TDoraRun {
  const endedAt = overrides.endedAt === undefined ? t("2026-12-03T12:00:00Z") : overrides.endedAt;
  return {
    id: `r${++n}`,
    service: "checkout",
    status: "completed",
    commitAt: null,
    faultyAt: null,
    productionStartedAt: endedAt ? new Date(endedAt.getTime() - 3_600_000) : null,
    rollbackRecommendedAt: null,
    ...overrides,
    endedAt,
  };
}

describe("weeks", () => {
  it("start on Monday 00:00 UTC, the current week counted", () => {
    expect(weekStartOf(now).toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(weekStartOf(t("2026-11-30T00:00:00Z")).toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(reportStart(now, 8).toISOString()).toBe("2026-10-12T00:00:00.000Z");
  });
});

describe("median", () => {
  it("is null for nothing, the middle for odd counts, the mean of the middle two for even", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe("no runs", () => {
  it("has no deployments, no rates and no medians; the frequency band is Low", () => {
    const report = computeDora([], now, 4);
    expect(report.overall.totals).toMatchObject({ deployments: 0, changeFailureRate: null, recoveryMedianMinutes: null, leadTimeMedianMinutes: null, deploymentsPerWeek: 0 });
    expect(report.overall.bands).toEqual({ deploymentFrequency: "low", changeFailureRate: null, recoveryTime: null, leadTime: null });
    expect(report.overall.weeks).toHaveLength(4);
    expect(report.services).toEqual([]);
  });
});

describe("deployment frequency", () => {
  it("counts ended runs that reached production, in the week they ended", () => {
    const runs = [
      run({ endedAt: t("2026-12-01T10:00:00Z") }),
      run({ endedAt: t("2026-11-24T10:00:00Z"), status: "rolled_back" }),
      // Aborted before production: not a deployment.
      run({ endedAt: t("2026-12-02T10:00:00Z"), status: "aborted", productionStartedAt: null }),
      // Still under way: not yet.
      run({ endedAt: null, status: "production" }),
      // Before the report's first week.
      run({ endedAt: t("2026-11-01T10:00:00Z") }),
    ];
    const report = computeDora(runs, now, 2);
    expect(report.overall.weeks.map((w) => [w.weekStart.slice(0, 10), w.deployments])).toEqual([["2026-11-23", 1], ["2026-11-30", 1]]);
    expect(report.overall.totals.deploymentsPerWeek).toBe(1);
    expect(report.overall.bands.deploymentFrequency).toBe("high");
  });
});

describe("change failure rate", () => {
  it("counts rolled back, aborted after production and marked faulty as failed", () => {
    const runs = [
      run(),
      run(),
      run({ status: "rolled_back" }),
      run({ status: "aborted" }),
      run({ faultyAt: t("2026-12-03T14:00:00Z") }),
    ];
    const figures = doraFigures(runs);
    expect(figures).toMatchObject({ deployments: 5, failures: 3, changeFailureRate: 0.6 });
    expect(computeDora(runs, now, 1).overall.bands.changeFailureRate).toBe("low");
  });
  it("a faulty mark moves it: 0 of 2 → 1 of 2", () => {
    const a = run();
    expect(doraFigures([a, run()]).changeFailureRate).toBe(0);
    expect(doraFigures([{ ...a, faultyAt: now }, run()]).changeFailureRate).toBe(0.5);
  });
});

describe("failed deployment recovery time", () => {
  it("runs from the first rollback recommendation to the rollback", () => {
    const runs = [
      run({ status: "rolled_back", rollbackRecommendedAt: t("2026-12-03T11:40:00Z") }), // 20 min
      run({ status: "rolled_back", rollbackRecommendedAt: t("2026-12-03T11:00:00Z") }), // 60 min
    ];
    expect(doraFigures(runs)).toMatchObject({ recoveryMedianMinutes: 40, recovered: 2, withoutRecovery: 0 });
    expect(computeDora(runs, now, 1).overall.bands.recoveryTime).toBe("elite");
  });
  it("a failure without a recommendation, or a recommendation without a rollback, has no recovery time", () => {
    const runs = [
      run({ status: "rolled_back" }), // rolled back by hand, nothing recommended it
      run({ status: "aborted", rollbackRecommendedAt: t("2026-12-03T11:00:00Z") }), // recommended, never rolled back
      run({ faultyAt: now, rollbackRecommendedAt: t("2026-12-03T11:00:00Z") }), // continued, found faulty later
    ];
    expect(doraFigures(runs)).toMatchObject({ failures: 3, recoveryMedianMinutes: null, recovered: 0, withoutRecovery: 3 });
    expect(computeDora(runs, now, 1).overall.bands.recoveryTime).toBeNull();
  });
});

describe("lead time for changes", () => {
  it("runs from the commit time to completion, for completed runs that have one", () => {
    const runs = [
      run({ commitAt: t("2026-12-03T06:00:00Z") }), // 6 h
      run({ commitAt: t("2026-12-02T12:00:00Z") }), // 24 h
      run({ commitAt: null }),
      // Rolled back: its change never shipped.
      run({ status: "rolled_back", commitAt: t("2026-12-01T12:00:00Z") }),
    ];
    expect(doraFigures(runs)).toMatchObject({ leadTimeMedianMinutes: 15 * 60, leadTimeRuns: 2, withoutCommitTime: 1 });
    expect(computeDora(runs, now, 1).overall.bands.leadTime).toBe("elite");
  });
  it("a run without a commit time gives no lead time (and no band), counted as such", () => {
    const figures = doraFigures([run({ commitAt: null })]);
    expect(figures).toMatchObject({ leadTimeMedianMinutes: null, leadTimeRuns: 0, withoutCommitTime: 1 });
  });
  it("ignores a commit time after completion rather than counting a negative lead time", () => {
    expect(doraFigures([run({ commitAt: t("2026-12-04T00:00:00Z") })]).leadTimeRuns).toBe(0);
  });
});

describe("per service", () => {
  it("gives each service its own keys beside the overall ones", () => {
    const runs = [run({ service: "search" }), run({ service: "checkout", status: "rolled_back" }), run({ service: "checkout" })];
    const report = computeDora(runs, now, 1);
    expect(report.services.map((s) => [s.service, s.totals.deployments, s.totals.changeFailureRate])).toEqual([
      ["checkout", 2, 0.5],
      ["search", 1, 0],
    ]);
    expect(report.overall.totals.deployments).toBe(3);
  });
});
