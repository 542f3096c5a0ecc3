// POST /api/runs/<id>/metrics, minus HTTP: authenticate the bearer token, refuse oversize bodies
// before reading them, parse and validate every sample (any problem → 4xx naming it, nothing
// written), store the batch in ONE statement that skips samples already stored (idempotent on run,
// metric, stage and timestamp), then hand the new ones to the monitor.
import { z } from "zod";
import { db } from "../db/client";
import { findMetric, invalidValueReason, metricCatalog, SENDABLE_STAGES, type TMetricKind, type TMetricStage } from "../domain/metric-catalog";
import { SAMPLE_UNITS, toDocumentedUnit } from "../domain/metric-units";
import { AppError, describeZodError } from "../errors";
import { recordSamples } from "./monitor";
import { ROLLUP_WIDTHS } from "../domain/series-resolution";
import type { TSampleDto } from "./monitor-store";
import { spendSampleQuota } from "./sample-quota";
import { authenticateToken, type TTokenRun } from "./tokens";
import { countIngestedSamples } from "../observability/metrics";

export const MAX_BODY_BYTES = 512 * 1024;
export const MAX_SAMPLES_PER_REQUEST = 1000;
/** Clock skew tolerated between a script's host and Warroom. */
export const MAX_FUTURE_MS = 5 * 60_000;
/** Samples may describe the day before the run was created (a backfill), not earlier. */
const MAX_BEFORE_RUN_MS = 24 * 60 * 60_000;

const ZIsoWithZone = z.iso.datetime({ offset: true });
const TIMESTAMP_FORMS = "an ISO 8601 date-time with a time zone (e.g. 2026-05-04T14:03:00Z) or whole milliseconds since the epoch";

/** A sample's time as epoch milliseconds, from either form; missing or malformed is named. */
const ZTimestamp = z.unknown().transform((input, ctx): number => {
  if (input === undefined) {
    ctx.addIssue({ code: "custom", message: `is required: ${TIMESTAMP_FORMS}` });
    return z.NEVER;
  }
  if (typeof input === "number" && Number.isInteger(input) && input >= 0) return input;
  if (typeof input === "string" && ZIsoWithZone.safeParse(input).success) return Date.parse(input);
  const hint = typeof input === "string" && /^\d{4}-\d\d-\d\dT[\d:.]+$/.test(input) ? " (it has no time zone)" : "";
  ctx.addIssue({ code: "custom", message: `must be ${TIMESTAMP_FORMS}${hint}` });
  return z.NEVER;
});

export const ZSampleInput = z.strictObject({
  metric: z.string({ error: "is required (a metric key such as error_rate)" }).min(1, "is required").max(64),
  value: z.number({ error: (issue) => (issue.input === undefined ? "is required" : "must be a finite number") }),
  timestamp: ZTimestamp,
  stage: z.enum(SENDABLE_STAGES, { error: `must be one of ${SENDABLE_STAGES.join(", ")} (or left out)` }).optional(),
  /** What `value` is in, converted to the metric's documented unit (% or ms) before anything is stored. */
  unit: z.enum(SAMPLE_UNITS, { error: `must be one of ${SAMPLE_UNITS.join(", ")} (or left out for the metric's documented unit)` }).optional(),
});
export type TSampleInput = z.input<typeof ZSampleInput>;

const ZBatch = z.strictObject({ samples: z.array(z.unknown(), { error: "must be an array of samples" }) });

export type TIngestResult = { accepted: number; duplicates: number };

/** Reads the body, refusing with 413 past `limit` bytes (by Content-Length before reading, else while reading). */
export async function readBody(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  const tooLarge = () => new AppError("payload_too_large", `Body is larger than ${Math.round(limit / 1024)} KiB: send at most ${MAX_SAMPLES_PER_REQUEST} samples per request.`);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): unknown {
  if (!text.trim()) throw new AppError("bad_request", "Body is empty: send one sample or {\"samples\": [...]} as JSON.");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError("bad_request", `Body is not valid JSON (${(error as Error).message}).`);
  }
}

/** One sample object, an array of them, or {"samples": [...]}: always a list, with the path to show in errors. */
function samplesOf(body: unknown): { items: unknown[]; path: (i: number) => string } {
  if (Array.isArray(body)) return { items: body, path: (i) => `samples[${i}]` };
  if (body === null || typeof body !== "object") {
    throw new AppError("invalid_input", 'Body must be a sample object, an array of samples, or {"samples": [...]}.');
  }
  if ("samples" in body) {
    const batch = ZBatch.safeParse(body);
    if (!batch.success) throw new AppError("invalid_input", describeZodError(batch.error));
    return { items: batch.data.samples, path: (i) => `samples[${i}]` };
  }
  return { items: [body], path: () => "sample" };
}

type TContext = Pick<TTokenRun, "runCreatedAt" | "customMetrics"> & { now: number };

/** Every sample checked against the run's metrics; the first problems are named, nothing is kept. */
export function validateSamples(body: unknown, context: TContext): TSampleDto[] {
  const { items, path } = samplesOf(body);
  if (items.length === 0) throw new AppError("invalid_input", "samples: the batch is empty.");
  if (items.length > MAX_SAMPLES_PER_REQUEST) {
    throw new AppError("payload_too_large", `samples: at most ${MAX_SAMPLES_PER_REQUEST} per request (got ${items.length}): split the batch.`);
  }
  const catalog = metricCatalog(context.customMetrics.map((c) => ({ ...c, kind: c.kind as TMetricKind })));
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const samples: TSampleDto[] = [];
  items.forEach((item, i) => {
    if (problems.length >= 5) return;
    const where = path(i);
    const parsed = ZSampleInput.safeParse(item);
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((issue) => `${where}${issue.path.length ? "." + issue.path.join(".") : ""}: ${issue.message}`));
      return;
    }
    const { metric, timestamp, stage, unit } = parsed.data;
    const definition = findMetric(catalog, metric);
    if (!definition) {
      problems.push(`${where}.metric: unknown metric “${metric}” (this run knows ${catalog.map((m) => m.key).join(", ")}; leads can declare custom metrics)`);
      return;
    }
    // A ratio of 0.004 is 0.4%, 0.25 s is 250 ms: convert first, so range checks and rules see one unit.
    const converted = toDocumentedUnit(parsed.data.value, unit, definition);
    if (!converted.ok) {
      problems.push(`${where}.unit: ${converted.reason}`);
      return;
    }
    const value = converted.value;
    const valueProblem = invalidValueReason(definition.kind, value);
    if (valueProblem) {
      problems.push(`${where}.value: ${metric} ${valueProblem} (got ${value})`);
      return;
    }
    const at = timestamp;
    if (at > context.now + MAX_FUTURE_MS) {
      problems.push(`${where}.timestamp: ${Math.round((at - context.now) / 60_000)} min in the future (clocks may differ by ${MAX_FUTURE_MS / 60_000} min at most)`);
      return;
    }
    if (at < context.runCreatedAt.getTime() - MAX_BEFORE_RUN_MS) {
      const hint = at < 1e11 ? ": seconds instead of milliseconds?" : "";
      problems.push(`${where}.timestamp: more than a day before this run was created${hint}`);
      return;
    }
    const sampleStage: TMetricStage = stage ?? "overall";
    const key = `${metric}|${sampleStage}|${at}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push(`${where}: same metric, stage and timestamp as ${path(earlier)}`);
      return;
    }
    seen.set(key, i);
    samples.push({ metric, stage: sampleStage, at, value });
  });
  if (problems.length) throw new AppError("invalid_input", `Nothing stored: ${problems.join("; ")}`);
  return samples;
}

/**
 * One statement: the multi-row INSERT (a resent sample is skipped, not counted) and, for the samples
 * that were new, their buckets' extremes in MetricRollup (see lib/domain/series-resolution.ts). Buckets are upserted
 * in key order, so concurrent batches of one run take their row locks in the same order.
 * `source`: pushed by a script, or read from Prometheus by a rule (lib/metrics/prometheus-feed.ts).
 * Returns the samples that were new.
 */
export async function insertSamples(runId: string, samples: readonly TSampleDto[], source: "push" | "prometheus" = "push"): Promise<TSampleDto[]> {
  const metrics = samples.map((s) => s.metric);
  const stages = samples.map((s) => s.stage);
  const times = samples.map((s) => s.at);
  const values = samples.map((s) => s.value);
  return db().$queryRaw<TSampleDto[]>`
    WITH inserted AS (
      INSERT INTO "MetricSample" ("runId", metric, stage, at, value, source)
      SELECT ${runId}, m, s::"MetricStage", to_timestamp(t / 1000.0), v, ${source}::"MetricSampleSource"
      FROM unnest(${metrics}::text[], ${stages}::text[], ${times}::float8[], ${values}::float8[]) AS x(m, s, t, v)
      ON CONFLICT DO NOTHING
      RETURNING metric, stage, at, value
    ), rolled_up AS (
      -- min/max over [value, epoch] pairs: the extreme value and, on ties, its earliest sample, in one
      -- hash aggregate (array_agg(... ORDER BY ...) sorted every group and cost as much as the insert).
      INSERT INTO "MetricRollup" AS r ("runId", metric, stage, width, bucket, count, "minValue", "minAt", "maxValue", "maxAt")
      SELECT ${runId}, metric, stage, width, to_timestamp(bucket), n, low[1], to_timestamp(low[2]), high[1], to_timestamp(-high[2])
      FROM (
        SELECT i.metric, i.stage, w.width, floor(i.e / w.width) * w.width AS bucket, count(*)::int AS n,
               min(ARRAY[i.value, i.e]) AS low, max(ARRAY[i.value, -i.e]) AS high
        FROM (SELECT metric, stage, value, extract(epoch FROM at)::float8 AS e FROM inserted) i
        CROSS JOIN (VALUES (${ROLLUP_WIDTHS[0]}::int), (${ROLLUP_WIDTHS[1]}::int)) AS w(width)
        GROUP BY 1, 2, 3, 4
      ) buckets
      ORDER BY metric, stage, width, bucket
      ON CONFLICT ("runId", metric, stage, width, bucket) DO UPDATE SET
        count = r.count + excluded.count,
        -- Ties go to the earlier sample, as within a batch: the rollup is exactly the aggregate of the
        -- stored samples, whatever order they arrived in.
        "minAt" = CASE WHEN (excluded."minValue", excluded."minAt") < (r."minValue", r."minAt") THEN excluded."minAt" ELSE r."minAt" END,
        "minValue" = LEAST(r."minValue", excluded."minValue"),
        "maxAt" = CASE WHEN excluded."maxValue" > r."maxValue" OR (excluded."maxValue" = r."maxValue" AND excluded."maxAt" < r."maxAt") THEN excluded."maxAt" ELSE r."maxAt" END,
        "maxValue" = GREATEST(r."maxValue", excluded."maxValue")
    )
    SELECT metric, stage::text AS stage, (extract(epoch FROM at) * 1000)::float8 AS at, value FROM inserted`;
}

/** `tokenRun` when the caller has already checked the bearer token (the route wrapper does), else it is checked here. */
export async function ingestMetrics(options: { runId: string; request: Request; tokenRun?: TTokenRun; now?: number }): Promise<TIngestResult> {
  const { runId, request } = options;
  const tokenRun = options.tokenRun ?? (await authenticateToken(request.headers.get("authorization"), runId));
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(contentType)) {
    throw new AppError("unsupported_media_type", `Send JSON with Content-Type: application/json (got ${contentType ? `“${contentType}”` : "none"}).`);
  }
  const body = parseJson(await readBody(request));
  const samples = validateSamples(body, { ...tokenRun, now: options.now ?? Date.now() });
  spendSampleQuota(runId, samples);
  const inserted = await insertSamples(runId, samples);
  recordSamples(runId, inserted);
  countIngestedSamples(inserted.length, samples.length - inserted.length);
  return { accepted: inserted.length, duplicates: samples.length - inserted.length };
}
