// Prometheus as a data source: instant and range queries over its HTTP API, answers checked with
// zod and reduced to what a rule needs (one value per run, metric and stage), and the build info
// that "test connection" reports. Every failure is a TPromError carrying Prometheus's own text.
import "server-only";
import { promRequest, type TPromError, type TPrometheusTarget, type TPromResult } from "./http";
import { ZBuildInfo, ZQueryData, type TQueryData } from "./responses";
import { toStageSeries, toStageValue, type TStageValue } from "./stage-value";

export type { TPromError, TPrometheusTarget, TPromResult } from "./http";
export type { TStageValue } from "./stage-value";

/** Prometheus counts its timeout in its own duration syntax; seconds with a fraction are accepted. */
const promTimeout = (target: TPrometheusTarget) => `${target.timeoutMs / 1000}s`;
const unixSeconds = (date: Date) => String(date.getTime() / 1000);

function parseQueryData(result: TPromResult<unknown>): TPromResult<TQueryData> {
  if (!result.ok) return result;
  const parsed = ZQueryData.safeParse(result.data);
  if (!parsed.success) return { ok: false, kind: "bad_result", message: `Unexpected query result: ${parsed.error.issues[0]?.message ?? "unknown shape"}` };
  return { ok: true, data: parsed.data, warnings: result.warnings };
}

/** GET /api/v1/query: the expression at one instant (now, unless `time` is given). */
export async function instantQuery(
  target: TPrometheusTarget,
  query: string,
  options: { time?: Date; signal?: AbortSignal } = {},
): Promise<TPromResult<TQueryData>> {
  const params: Record<string, string> = { query, timeout: promTimeout(target) };
  if (options.time) params.time = unixSeconds(options.time);
  return parseQueryData(await promRequest(target, "/api/v1/query", params, options.signal));
}

/** GET /api/v1/query_range: the expression every `stepMs` from `start` to `end`. */
export async function rangeQuery(
  target: TPrometheusTarget,
  query: string,
  options: { start: Date; end: Date; stepMs: number; signal?: AbortSignal },
): Promise<TPromResult<TQueryData>> {
  const params = {
    query,
    start: unixSeconds(options.start),
    end: unixSeconds(options.end),
    step: String(options.stepMs / 1000),
    timeout: promTimeout(target),
  };
  return parseQueryData(await promRequest(target, "/api/v1/query_range", params, options.signal));
}

function withWarnings<T>(result: { ok: true; data: T } | TPromError, warnings: string[]): TPromResult<T> {
  return result.ok ? { ok: true, data: result.data, warnings } : result;
}

/** One rule's value now: an instant query reduced to a single value (or no data, saying why). */
export async function queryStageValue(
  target: TPrometheusTarget,
  query: string,
  options: { time?: Date; signal?: AbortSignal } = {},
): Promise<TPromResult<TStageValue>> {
  const result = await instantQuery(target, query, options);
  return result.ok ? withWarnings(toStageValue(result.data), result.warnings) : result;
}

/** One rule's history for the chart when it starts: a range query reduced to one series. */
export async function queryStageSeries(
  target: TPrometheusTarget,
  query: string,
  options: { start: Date; end: Date; stepMs: number; signal?: AbortSignal },
): Promise<TPromResult<{ at: Date; value: number }[]>> {
  const result = await rangeQuery(target, query, options);
  return result.ok ? withWarnings(toStageSeries(result.data), result.warnings) : result;
}

/** GET /api/v1/status/buildinfo: which Prometheus answers (2.14 and later). */
export async function fetchBuildInfo(target: TPrometheusTarget, signal?: AbortSignal): Promise<TPromResult<{ version: string }>> {
  const result = await promRequest(target, "/api/v1/status/buildinfo", {}, signal);
  if (!result.ok) return result;
  const parsed = ZBuildInfo.safeParse(result.data);
  if (!parsed.success) return { ok: false, kind: "bad_result", message: "The build info has no version: is this Prometheus?" };
  return { ok: true, data: { version: parsed.data.version }, warnings: result.warnings };
}
