import { describe, expect, it } from "vitest";
import reference from "./fixtures/mann-whitney/cases.json";
import { exactUpperTail, mannWhitneyU, normalUpperTail, rankWithTies, type TAlternative, type TMwuMethod } from "./mann-whitney";

// scipy computes in float64 too; 1e-9 relative leaves room for a different order of summation.
const RELATIVE = 1e-9;
const close = (actual: number, expected: number) => Math.abs(actual - expected) <= RELATIVE * Math.abs(expected) + 1e-300;

describe("against scipy.stats.mannwhitneyu (fixtures/mann-whitney/cases.json)", () => {
  it("has the cases it was generated with", () => {
    expect(reference.cases.length).toBeGreaterThanOrEqual(12);
  });

  for (const c of reference.cases) {
    for (const r of c.results) {
      it(`${c.name}: ${r.alternative}, ${r.method}`, () => {
        const result = mannWhitneyU(c.x, c.y, r.alternative as TAlternative, r.method as TMwuMethod);
        expect(result.u).toBe(r.u);
        expect(close(result.p, r.p), `p ${result.p} vs scipy ${r.p}`).toBe(true);
      });
    }
  }
});

describe("the pieces", () => {
  it("ranks ties by their average", () => {
    expect(rankWithTies([3, 1, 3, 2])).toEqual({ ranks: [3.5, 1, 3.5, 2], tieSizes: [1, 1, 2] });
  });

  it("auto picks exact only for a small sample without ties, as scipy does", () => {
    expect(mannWhitneyU([1, 2, 3], [4, 5, 6, 7, 8, 9, 10, 11, 12, 13]).method).toBe("exact");
    expect(mannWhitneyU([1, 2, 3], [3, 5]).method).toBe("asymptotic");
    const nine = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(mannWhitneyU(nine, nine.map((v) => v + 0.5)).method).toBe("asymptotic");
    // Our one departure: 8 values against 313 would cost hundreds of millions of steps.
    const many = Array.from({ length: 313 }, (_, i) => i + 0.5);
    expect(mannWhitneyU([1, 2, 3, 4, 5, 6, 7, 8], many).method).toBe("asymptotic");
  });

  it("the normal tail at known points, far into the tail", () => {
    expect(normalUpperTail(0)).toBe(0.5);
    expect(close(normalUpperTail(1.959963984540054), 0.025)).toBe(true);
    expect(close(normalUpperTail(-1), 0.8413447460685429)).toBe(true);
    expect(close(normalUpperTail(9), 1.1285884059538425e-19)).toBe(true);
  });

  it("the exact distribution sums to one and is symmetric", () => {
    expect(exactUpperTail(0, 4, 6)).toBeCloseTo(1, 14);
    expect(exactUpperTail(24, 4, 6)).toBeCloseTo(1 / 210, 15);
    expect(exactUpperTail(20, 4, 6)).toBeCloseTo(1 - exactUpperTail(5, 4, 6), 14);
  });

  it("refuses an empty sample", () => {
    expect(() => mannWhitneyU([], [1])).toThrow(/at least one value/);
  });
});
