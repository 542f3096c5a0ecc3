import { describe, expect, it } from "vitest";
import { isSourceFailure, MAX_BACKOFF_MS, nextQueryDelayMs, promqlStages, ruleSourceColumns, ruleSourceOf } from "./rule-source";

describe("promqlStages: what a PromQL rule queries at each point of the run", () => {
  it("nothing before the release is deployed or after the run ended", () => {
    for (const status of ["planned", "pre_deployment", "completed", "rolled_back", "aborted", "rescheduled"] as const) {
      expect(promqlStages({ status, rolloutPercent: 0 }, null)).toEqual([]);
      expect(promqlStages({ status, rolloutPercent: 0 }, "canary")).toEqual([]);
    }
  });

  it("staging while it is tested, the canary beside production during a partial rollout, production after", () => {
    expect(promqlStages({ status: "staging", rolloutPercent: 0 }, null)).toEqual(["staging"]);
    expect(promqlStages({ status: "go_no_go", rolloutPercent: 0 }, null)).toEqual(["staging"]);
    expect(promqlStages({ status: "production", rolloutPercent: 0 }, null)).toEqual(["production"]);
    expect(promqlStages({ status: "production", rolloutPercent: 1 }, null)).toEqual(["canary", "production"]);
    expect(promqlStages({ status: "production", rolloutPercent: 99 }, null)).toEqual(["canary", "production"]);
    expect(promqlStages({ status: "production", rolloutPercent: 100 }, null)).toEqual(["production"]);
    expect(promqlStages({ status: "monitoring", rolloutPercent: 100 }, null)).toEqual(["production"]);
  });

  it("a rule bound to a stage queries that stage whenever the release is deployed", () => {
    expect(promqlStages({ status: "staging", rolloutPercent: 0 }, "canary")).toEqual(["canary"]);
    expect(promqlStages({ status: "validation", rolloutPercent: 100 }, "overall")).toEqual(["overall"]);
  });
});

describe("nextQueryDelayMs: exponential backoff once a source is failing", () => {
  it("the rule's interval below the limit, then doubling, capped at five minutes", () => {
    expect([1, 2, 3].map((n) => nextQueryDelayMs(10_000, n, 4))).toEqual([10_000, 10_000, 10_000]);
    expect([4, 5, 6, 7, 8].map((n) => nextQueryDelayMs(10_000, n, 4))).toEqual([20_000, 40_000, 80_000, 160_000, MAX_BACKOFF_MS]);
    expect(nextQueryDelayMs(10_000, 40, 4)).toBe(MAX_BACKOFF_MS);
  });

  it("a limit of 1 backs off from the first error; an interval longer than the cap is never shortened", () => {
    expect(nextQueryDelayMs(1000, 1, 1)).toBe(2000);
    expect(nextQueryDelayMs(600_000, 9, 4)).toBe(600_000);
  });
});

describe("isSourceFailure: the server's fault, not the query's", () => {
  it("unreachable, timing out, an HTTP error or an overloaded Prometheus", () => {
    expect(isSourceFailure({ kind: "network" })).toBe(true);
    expect(isSourceFailure({ kind: "timeout" })).toBe(true);
    expect(isSourceFailure({ kind: "http" })).toBe(true);
    expect(isSourceFailure({ kind: "prometheus", errorType: "timeout" })).toBe(true);
    expect(isSourceFailure({ kind: "prometheus", errorType: "unavailable" })).toBe(true);
  });

  it("not a query Prometheus refuses, nor one whose answer is unusable", () => {
    expect(isSourceFailure({ kind: "prometheus", errorType: "bad_data" })).toBe(false);
    expect(isSourceFailure({ kind: "prometheus", errorType: "execution" })).toBe(false);
    expect(isSourceFailure({ kind: "bad_result" })).toBe(false);
  });
});

describe("stored columns", () => {
  it("round-trip: promql null is pushed; a removed data source keeps the query", () => {
    expect(ruleSourceOf({ promql: null, dataSourceId: null })).toEqual({ kind: "push" });
    expect(ruleSourceOf({ promql: "up", dataSourceId: null })).toEqual({ kind: "promql", dataSourceId: null, query: "up" });
    expect(ruleSourceColumns({ kind: "promql", dataSourceId: "ds1", query: "up" })).toEqual({ promql: "up", dataSourceId: "ds1" });
    expect(ruleSourceColumns(undefined)).toEqual({ promql: null, dataSourceId: null });
  });
});
