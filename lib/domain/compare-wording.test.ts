import { describe, expect, it } from "vitest";
import type { TCompareFigures } from "./compare-rule";
import { compareDifferenceText, compareLine, formatDifference, formatP, tooFewSamplesText } from "./compare-wording";

const figures = (over: Partial<TCompareFigures> = {}): TCompareFigures => ({
  outcome: "fail",
  direction: "increase",
  allowedDifferencePercent: 10,
  minSamplesPerSide: 10,
  windowMinutes: 5,
  canaryCount: 60,
  productionCount: 58,
  canaryMedian: 212,
  productionMedian: 180,
  differencePercent: ((212 - 180) / 180) * 100,
  u: 2410,
  p: 0.0031,
  ...over,
});

describe("a comparison in words", () => {
  it("the war room's line: medians, the difference against the allowance, U, p and the outcome", () => {
    expect(compareLine(figures(), "ms")).toBe("canary median 212 ms vs production 180 ms (+17.8%, allowed 10%) · U=2410 p=0.003 → FAIL");
    expect(compareLine(figures({ outcome: "pass", canaryMedian: 181, differencePercent: 0.56, p: 0.41 }), "ms")).toBe(
      "canary median 181 ms vs production 180 ms (+0.6%, allowed 10%) · U=2410 p=0.410 → PASS",
    );
    expect(compareLine(figures({ direction: "either", u: 1650.5 }), "ms")).toContain("allowed ±10%) · U=1650.5 p=0.003");
  });

  it("inconclusive: which side is short of samples, with the medians it has", () => {
    const short = figures({ outcome: "inconclusive", canaryCount: 3, u: null, p: null });
    expect(compareLine(short, "ms")).toBe("canary median 212 ms vs production 180 ms (+17.8%, allowed 10%) · canary: 3 samples, needs 10 → INCONCLUSIVE");
    expect(tooFewSamplesText({ canaryCount: 1, productionCount: 0, minSamplesPerSide: 10 })).toBe("canary: 1 sample, production: 0 samples, needs 10");
    expect(compareLine(figures({ outcome: "inconclusive", canaryCount: 0, productionCount: 0, canaryMedian: null, productionMedian: null, u: null, p: null }), "ms")).toBe(
      "canary: 0 samples, production: 0 samples, needs 10 → INCONCLUSIVE",
    );
    // Enough samples but not judged (stale, no canary left): no count to blame.
    expect(compareLine(figures({ outcome: "inconclusive" }), "ms")).toBe("canary median 212 ms vs production 180 ms (+17.8%, allowed 10%) · not compared → INCONCLUSIVE");
  });

  it("the bridge banner's few words", () => {
    expect(compareDifferenceText(figures())).toBe("+17.8% (allowed 10%)");
    expect(compareDifferenceText(figures({ direction: "either", differencePercent: -12.04 }))).toBe("−12% (allowed ±10%)");
    expect(compareDifferenceText(figures({ outcome: "inconclusive", productionCount: 4, p: null }))).toBe("production: 4 samples, needs 10");
  });

  it("differences: signs, large ones whole, from a production median of 0 in words", () => {
    expect(formatDifference(figures({ differencePercent: -4.24 }))).toBe("−4.2%");
    expect(formatDifference(figures({ differencePercent: 665.6 }))).toBe("+666%");
    expect(formatDifference(figures({ differencePercent: -0.01 }))).toBe("+0%");
    expect(formatDifference(figures({ differencePercent: null, canaryMedian: 3, productionMedian: 0 }))).toBe("up from 0");
    expect(formatDifference(figures({ differencePercent: null, canaryMedian: -3, productionMedian: 0 }))).toBe("down from 0");
    expect(formatDifference(figures({ differencePercent: null, canaryMedian: null }))).toBe("");
  });

  it("p: three decimals, scientific below 0.001", () => {
    expect([formatP(0.5), formatP(0.0012), formatP(0.00099), formatP(1.78e-21), formatP(0)]).toEqual(["0.500", "0.001", "9.9e-4", "1.8e-21", "<1e-300"]);
  });
});
