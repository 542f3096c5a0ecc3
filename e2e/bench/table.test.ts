import { describe, expect, it } from "vitest";
import { formatFigure, formatRelation, formatTable, type TBenchRow } from "./table";

describe("formatFigure", () => {
  it("writes each unit the way the README does", () => {
    expect(formatFigure({ value: 4.26, unit: "ms" })).toBe("4.3 ms");
    expect(formatFigure({ value: 43.6, unit: "ms" })).toBe("44 ms");
    expect(formatFigure({ value: 3.456, unit: "s" })).toBe("3.46 s");
    expect(formatFigure({ value: 181.24, unit: "kB" })).toBe("181.2 kB");
    expect(formatFigure({ value: 200, unit: "changes/s" })).toBe("200 changes/s");
    expect(formatFigure({ value: 0, unit: "count" })).toBe("0");
    expect(formatFigure({ value: 0.0172, unit: "score" })).toBe("0.017");
    expect(formatFigure(null)).toBe("–");
  });
});

describe("formatRelation", () => {
  const row = (warroom: number, baseline: number, relation: "ratio" | "diff"): TBenchRow => ({
    measure: "x",
    warroom: { value: warroom, unit: "ms" },
    baseline: { value: baseline, unit: "ms" },
    relation,
  });

  it("divides for a ratio and subtracts for a diff, with the sign", () => {
    expect(formatRelation(row(45, 30, "ratio"))).toBe("1.50×");
    expect(formatRelation(row(45, 30, "diff"))).toBe("+15 ms");
    expect(formatRelation(row(28, 30, "diff"))).toBe("−2.0 ms");
  });

  it("gives interleaved rounds' median ratio and range rather than the ratio of the medians", () => {
    expect(formatRelation({ ...row(33, 24.5, "ratio"), rounds: { kind: "ratio", value: 1.2, low: 1.18, high: 1.5, count: 4 } })).toBe("1.20× (1.18–1.50, 4 rounds)");
    expect(formatRelation({ ...row(20, 22, "diff"), rounds: { kind: "diff", value: -1, low: -5, high: 3, count: 4 } })).toBe("−1.0 ms (−5.0 ms to +3.0 ms, 4 rounds)");
  });

  it("says nothing without both figures, or against a zero baseline", () => {
    expect(formatRelation({ measure: "x", warroom: { value: 1, unit: "ms" } })).toBe("–");
    expect(formatRelation(row(45, 0, "ratio"))).toBe("–");
  });
});

describe("formatTable", () => {
  it("aligns the columns and marks rows without a target with a dash", () => {
    const table = formatTable([
      { measure: "fan-out p99", warroom: { value: 43, unit: "ms" }, baseline: { value: 30, unit: "ms" }, baselineLabel: "bare", relation: "ratio", target: "≤ 50 ms", isMet: true },
      { measure: "p50", warroom: null },
    ]);
    expect(table.split("\n")).toEqual([
      "| measure     | Warroom | baseline     | ratio/diff | target  | pass/fail |",
      "| ----------- | ------- | ------------ | ---------- | ------- | --------- |",
      "| fan-out p99 | 43 ms   | 30 ms (bare) | 1.43×      | ≤ 50 ms | pass      |",
      "| p50         | –       | –            | –          | –       | –         |",
    ]);
  });

  it("writes FAIL for a missed target", () => {
    expect(formatTable([{ measure: "m", warroom: { value: 1, unit: "s" }, target: "t", isMet: false }])).toContain("| FAIL      |");
  });
});
