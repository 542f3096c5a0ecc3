import { describe, expect, it } from "vitest";
import { ZQueryData } from "./responses";
import { formatLabels, toStageSeries, toStageValue } from "./stage-value";

const vector = (...series: [Record<string, string>, string][]) =>
  ZQueryData.parse({ resultType: "vector", result: series.map(([metric, value]) => ({ metric, value: [1764926400.5, value] })) });

describe("parsing Prometheus's sample values", () => {
  it("reads numbers, NaN and ±Inf from their string form, and unix seconds as a Date", () => {
    const data = ZQueryData.parse({ resultType: "matrix", result: [{ metric: {}, values: [[1, "1.5e3"], [2, "NaN"], [3, "+Inf"], [4, "-Inf"]] }] });
    if (data.resultType !== "matrix") throw new Error("matrix expected");
    expect(data.result[0].values.map((s) => s.value)).toEqual([1500, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    expect(data.result[0].values[0].at).toEqual(new Date(1000));
  });

  it("refuses a value that is not a number", () => {
    expect(ZQueryData.safeParse({ resultType: "scalar", result: [1, "twelve"] }).success).toBe(false);
  });
});

describe("toStageValue", () => {
  it("takes the one series' value", () => {
    expect(toStageValue(vector([{ track: "canary" }, "8"]))).toEqual({ ok: true, data: { kind: "value", at: new Date(1764926400500), value: 8 } });
  });

  it("reads an empty vector as no data", () => {
    expect(toStageValue(vector())).toMatchObject({ ok: true, data: { kind: "no_data", reason: expect.stringContaining("no series") } });
  });

  it("reads NaN and ±Inf as no data, saying which", () => {
    expect(toStageValue(vector([{}, "NaN"]))).toMatchObject({ ok: true, data: { kind: "no_data", reason: expect.stringContaining("NaN") } });
    expect(toStageValue(vector([{}, "-Inf"]))).toMatchObject({ ok: true, data: { kind: "no_data", reason: expect.stringContaining("-Inf") } });
  });

  it("refuses several series, naming three and counting the rest", () => {
    const result = toStageValue(vector([{ i: "a" }, "1"], [{ i: "b" }, "2"], [{ i: "c" }, "3"], [{ i: "d" }, "4"], [{ i: "e" }, "5"]));
    expect(result).toEqual({
      ok: false,
      kind: "bad_result",
      message: 'The query returned 5 series ({i="a"}, {i="b"}, {i="c"} and 2 more); a rule needs one value per stage: aggregate in the query, e.g. sum(…) or max(…)',
    });
  });

  it("refuses a range vector and a string", () => {
    expect(toStageValue(ZQueryData.parse({ resultType: "matrix", result: [] }))).toMatchObject({ ok: false, message: expect.stringContaining("range vector") });
    expect(toStageValue(ZQueryData.parse({ resultType: "string", result: [1, "x"] }))).toMatchObject({ ok: false, kind: "bad_result" });
  });
});

describe("toStageSeries", () => {
  it("keeps finite points and leaves NaN/Inf as gaps", () => {
    const data = ZQueryData.parse({ resultType: "matrix", result: [{ metric: {}, values: [[1, "1"], [2, "NaN"], [3, "3"]] }] });
    expect(toStageSeries(data)).toEqual({ ok: true, data: [{ at: new Date(1000), value: 1 }, { at: new Date(3000), value: 3 }] });
  });

  it("has no points for no series, and refuses several", () => {
    expect(toStageSeries(ZQueryData.parse({ resultType: "matrix", result: [] }))).toEqual({ ok: true, data: [] });
    const two = ZQueryData.parse({ resultType: "matrix", result: [{ metric: { a: "1" }, values: [] }, { metric: { a: "2" }, values: [] }] });
    expect(toStageSeries(two)).toMatchObject({ ok: false, kind: "bad_result" });
  });
});

describe("formatLabels", () => {
  it("writes a series as PromQL does, name first", () => {
    expect(formatLabels({ __name__: "up", job: 'a"b' })).toBe('up{job="a\\"b"}');
  });
});
