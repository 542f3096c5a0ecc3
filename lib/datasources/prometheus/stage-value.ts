// A query's answer → the one value a rule gets for its (run, metric, stage). A vector must hold at
// most one series: several would be several canaries' values with no rule for picking one, so that
// is an error asking for an aggregation in the query (sum, max, avg …), never a silent first pick.
import type { TPromError } from "./http";
import type { TMatrixSeries, TPromSample, TQueryData, TVectorSeries } from "./responses";

export type TStageValue = { kind: "value"; at: Date; value: number } | { kind: "no_data"; reason: string };

/** How many series a message names before "and N more". */
const NAMED_SERIES = 3;

/** {instance="a:9100",track="canary"}: a series as PromQL writes it. */
export function formatLabels(labels: Record<string, string>): string {
  const { __name__: name, ...rest } = labels;
  const pairs = Object.entries(rest).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return `${name ?? ""}{${pairs.join(",")}}`;
}

/** NaN (0/0: no requests in the window) and ±Inf (x/0) are not measurements: no data, saying why. */
export function sampleToStageValue(sample: TPromSample): TStageValue {
  if (Number.isNaN(sample.value)) return { kind: "no_data", reason: "The query returned NaN (a 0/0, e.g. no requests in the window)" };
  if (!Number.isFinite(sample.value)) return { kind: "no_data", reason: `The query returned ${sample.value > 0 ? "+Inf" : "-Inf"} (a division by zero)` };
  return { kind: "value", at: sample.at, value: sample.value };
}

function tooManySeries(series: readonly (TVectorSeries | TMatrixSeries)[]): TPromError {
  const named = series.slice(0, NAMED_SERIES).map((s) => formatLabels(s.metric)).join(", ");
  const more = series.length > NAMED_SERIES ? ` and ${series.length - NAMED_SERIES} more` : "";
  return {
    ok: false,
    kind: "bad_result",
    message: `The query returned ${series.length} series (${named}${more}); a rule needs one value per stage: aggregate in the query, e.g. sum(…) or max(…)`,
  };
}

/** An instant query's answer → one stage value, or why it cannot be one. */
export function toStageValue(data: TQueryData): { ok: true; data: TStageValue } | TPromError {
  switch (data.resultType) {
    case "scalar":
      return { ok: true, data: sampleToStageValue(data.result) };
    case "vector":
      if (data.result.length === 0) return { ok: true, data: { kind: "no_data", reason: "The query returned no series (nothing matched in the window)" } };
      if (data.result.length > 1) return tooManySeries(data.result);
      return { ok: true, data: sampleToStageValue(data.result[0].value) };
    case "matrix":
      return { ok: false, kind: "bad_result", message: "The query returns a range vector ([…] without a function): wrap it, e.g. rate(…[5m]) or avg_over_time(…[5m])" };
    case "string":
      return { ok: false, kind: "bad_result", message: "The query returns a string, not a number" };
  }
}

/** A range query's answer → one series of finite samples for the chart; NaN/±Inf points are gaps. */
export function toStageSeries(data: TQueryData): { ok: true; data: { at: Date; value: number }[] } | TPromError {
  if (data.resultType !== "matrix") return { ok: false, kind: "bad_result", message: `A range query should return a matrix, got ${data.resultType}` };
  if (data.result.length === 0) return { ok: true, data: [] };
  if (data.result.length > 1) return tooManySeries(data.result);
  return { ok: true, data: data.result[0].values.filter((s) => Number.isFinite(s.value)) };
}
