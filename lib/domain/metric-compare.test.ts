import { describe, expect, it } from "vitest";
import reference from "./fixtures/mann-whitney/cases.json";
import { compareCanary, DEFAULT_COMPARE_ALPHA, type TCompareRule } from "./metric-compare";

const T0 = Date.UTC(2026, 10, 27, 14, 0, 0);
const now = T0 + 5 * 60_000;
/** Values as samples every 5 s, the newest at now. */
const samples = (values: readonly number[]) => values.map((value, i) => ({ at: now - (values.length - 1 - i) * 5000, value }));
const rule = (overrides: Partial<TCompareRule> = {}): TCompareRule => ({
  direction: "increase",
  allowedDifferencePercent: 10,
  minSamplesPerSide: 20,
  windowMinutes: 5,
  alpha: DEFAULT_COMPARE_ALPHA,
  ...overrides,
});
const scenario = (name: string) => reference.cases.find((c) => c.name === name)!;

describe("compareCanary: the two reference scenarios", () => {
  it("a canary clearly worse than production fails, with medians, U and p", () => {
    const { x, y } = scenario("canary clearly worse");
    const result = compareCanary({ rule: rule(), canary: samples(x), production: samples(y), now });
    // The window (now − 5 min, now] holds the newest 60 samples of each side: all of them.
    expect(result).toMatchObject({ verdict: "fail", canaryCount: 60, productionCount: 60, u: 3600 });
    expect(result.p).toBeLessThan(1e-20);
    expect(result.reason).toBe("canary worse than production: canary median 8.005 vs production 1.046 (+666%, allowed 10%), U = 3600, p = 1.8e-21");
  });

  it("a canary equal to production with noise passes", () => {
    const { x, y } = scenario("canary equal with noise");
    const result = compareCanary({ rule: rule(), canary: samples(x), production: samples(y), now });
    expect(result).toMatchObject({ verdict: "pass", u: 1761 });
    expect(result.p).toBeGreaterThan(0.5);
  });
});

describe("compareCanary: edges", () => {
  const production = Array.from({ length: 40 }, (_, i) => 100 + (i % 10));

  it("too few samples on either side is inconclusive, and says which", () => {
    const result = compareCanary({ rule: rule(), canary: samples(production.slice(0, 19)), production: samples(production), now });
    expect(result).toMatchObject({ verdict: "inconclusive", canaryCount: 19, u: null, p: null });
    expect(result.reason).toBe("canary has 19 samples in the last 5 min, the comparison needs 20 on each side");
    expect(compareCanary({ rule: rule(), canary: [], production: [], now }).canaryMedian).toBeNull();
  });

  it("significant but within the allowed difference passes; beyond it fails", () => {
    const slightlyWorse = production.map((v) => v + 5);
    expect(compareCanary({ rule: rule(), canary: samples(slightlyWorse), production: samples(production), now })).toMatchObject({ verdict: "pass" });
    expect(compareCanary({ rule: rule({ allowedDifferencePercent: 2 }), canary: samples(slightlyWorse), production: samples(production), now })).toMatchObject({ verdict: "fail" });
  });

  it("direction: a drop fails a decrease rule and an either rule, not an increase rule", () => {
    const lower = production.map((v) => v / 2);
    const judge = (direction: TCompareRule["direction"]) => compareCanary({ rule: rule({ direction }), canary: samples(lower), production: samples(production), now }).verdict;
    expect([judge("increase"), judge("decrease"), judge("either")]).toEqual(["pass", "fail", "fail"]);
  });

  it("production at 0: any significant rise is beyond any allowed difference", () => {
    const zero = production.map(() => 0);
    const result = compareCanary({ rule: rule(), canary: samples(production), production: samples(zero), now });
    expect(result).toMatchObject({ verdict: "fail", differencePercent: Infinity });
    expect(result.reason).toContain("(up from 0, allowed 10%)");
  });
});
