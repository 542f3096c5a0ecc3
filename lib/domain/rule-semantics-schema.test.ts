import { describe, expect, it } from "vitest";
import { SEED } from "../../prisma/seed/fixtures/seed-run";
import { defaultRules } from "./metric-defaults";
import { ruleSemantics } from "./rule-semantics";
import { ZPlaybook, ZThreshold } from "./template-definition";

const base = { label: "Error rate > 5% (errors / requests)", metric: "error_rate", comparator: ">", value: 5, unit: "%", window: { kind: "immediate" } };
const problems = (input: unknown) => {
  const parsed = ZThreshold.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("a template threshold's semantics: clear errors naming the field", () => {
  it("accepts every field of a rule's semantics", () => {
    expect(problems({ ...base, aggregation: "ratio", denominatorMetric: "requests", windowMinutes: 2, mode: { kind: "k_of_n", k: 3, n: 5 }, onNoData: "fail", recoveryMinutes: 4, minSamples: 6 })).toEqual([]);
  });

  it("k of n: k at most n, whole numbers", () => {
    expect(problems({ ...base, mode: { kind: "k_of_n", k: 6, n: 5 } })).toEqual(["mode.k: k (6) must be at most n (5): fire when k of the last n evaluations breach"]);
    expect(problems({ ...base, mode: { kind: "k_of_n", k: 1.5, n: 5 } })).toEqual(["mode.k: k must be a whole number"]);
  });

  it("a ratio needs its denominator, and only a ratio has one", () => {
    expect(problems({ ...base, aggregation: "ratio" })).toEqual(["denominatorMetric: denominatorMetric is required with aggregation ratio (e.g. requests, for errors / requests)"]);
    expect(problems({ ...base, aggregation: "mean", denominatorMetric: "requests" })).toEqual(["denominatorMetric: denominatorMetric only applies to aggregation ratio"]);
  });

  it("unknown words and impossible windows say what would be valid", () => {
    expect(problems({ ...base, aggregation: "median" })).toEqual(["aggregation: aggregation must be one of mean, max, min, last, p95, sum, count, ratio"]);
    expect(problems({ ...base, onNoData: "green" })).toEqual(["onNoData: onNoData must be one of hold, ignore, fail"]);
    expect(problems({ ...base, windowMinutes: 0 })).toEqual(["windowMinutes: windowMinutes must be more than 0 minutes"]);
  });

  it("inside a playbook the path leads to the rule", () => {
    const playbook = { ...SEED.playbook, rollbackTriggers: [{ ...base, mode: { kind: "k_of_n", k: 4, n: 3 } }] };
    const parsed = ZPlaybook.safeParse(playbook);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].path.join(".")).toBe("rollbackTriggers.0.mode.k");
  });
});

describe("the seed's rules keep meaning what the runbook says", () => {
  it("no seed rule states semantics: each reads as its window says", () => {
    const rules = defaultRules(SEED.playbook).map((r) => ({ label: r.label, ...ruleSemantics(r.window, r.semantics) }));
    expect(rules.find((r) => r.label === "Error rate > 5% sustained (5 minutes)")).toMatchObject({ aggregation: "mean", windowMinutes: 1, mode: { kind: "sustained", minutes: 5 }, onNoData: "hold" });
    expect(rules.find((r) => r.label === "Database connection failures > 10 in 5 minutes")).toMatchObject({ aggregation: "sum", windowMinutes: 5, mode: { kind: "immediate" } });
    expect(rules.find((r) => r.label === "Error rate > 1% → Investigate immediately")).toMatchObject({ aggregation: "last", windowMinutes: 2, mode: { kind: "immediate" } });
  });
});
