import { describe, expect, it } from "vitest";
import { median, roundLoad, summarizeRounds } from "./interleave";

describe("median", () => {
  it("is the middle value, or the mean of the two middle ones", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe("summarizeRounds", () => {
  it("takes the median of per-round ratios, not the ratio of the medians", () => {
    // A load spike in round 2 slows both sides: per-round ratios stay near 1.2 while the medians drift.
    const summary = summarizeRounds([
      { warroom: 24, baseline: 20, load: 1 },
      { warroom: 120, baseline: 100, load: 4 },
      { warroom: 30, baseline: 25, load: 2 },
      { warroom: 36, baseline: 24, load: 1 },
    ]);
    expect(summary.ratios).toEqual([1.2, 1.2, 1.2, 1.5]);
    expect(summary.ratio).toBeCloseTo(1.2);
    expect(summary.low).toBeCloseTo(1.2);
    expect(summary.high).toBeCloseTo(1.5);
    expect(summary.warroom).toBe(33);
    expect(summary.baseline).toBe(24.5);
    expect(summary.diff).toBe(8.5); // per-round differences 4, 20, 5, 12
    expect([summary.diffLow, summary.diffHigh]).toEqual([4, 20]);
  });

  it("leaves out rounds where a side measured nothing", () => {
    const summary = summarizeRounds([
      { warroom: 30, baseline: null, load: 1 },
      { warroom: 30, baseline: 20, load: 1 },
      { warroom: null, baseline: 20, load: 1 },
    ]);
    expect(summary.ratios).toEqual([1.5]);
    expect(summarizeRounds([]).ratio).toBeNull();
  });
});

describe("roundLoad", () => {
  it("splits the seconds over the rounds, at least 3 s each, warm-up at most a quarter", () => {
    expect(roundLoad({ seconds: 20, warmup: 2, rounds: 4 })).toEqual({ seconds: 5, warmup: 1.25 });
    expect(roundLoad({ seconds: 20, warmup: 1, rounds: 2 })).toEqual({ seconds: 10, warmup: 1 });
    expect(roundLoad({ seconds: 5, warmup: 2, rounds: 5 })).toEqual({ seconds: 3, warmup: 0.75 });
  });
});
