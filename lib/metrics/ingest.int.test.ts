// The ingestion API on real PostgreSQL: every bad payload is refused with a 4xx naming the problem
// and writes nothing; a resent batch is not counted twice; only the run's live token gets in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import type { TRole } from "../domain/roles";
import { toErrorResponse } from "../errors";
import { declareMetric } from "./rules";
import { ingestMetrics, MAX_BODY_BYTES } from "./ingest";
import { stopMetricsMonitor } from "./monitor";
import { createApiToken, revokeApiToken } from "./tokens";

useTestDatabase("ingest");

let team: Record<TRole, TActor>;
let runId: string;
let token: string;
let otherRunToken: string;

beforeAll(async () => {
  team = await makeTeam();
  runId = (await makeRun(team.lead)).id;
  token = (await createApiToken(team.lead, { runId, name: "prometheus bridge" })).token;
  const other = await makeRun(team.lead, { name: "Another run" });
  otherRunToken = (await createApiToken(team.lead, { runId: other.id, name: "other" })).token;
});
afterAll(() => stopMetricsMonitor());

type TPost = { body?: unknown; raw?: string; auth?: string | null; contentType?: string | null; headers?: Record<string, string> };

async function post(options: TPost, target = runId): Promise<{ status: number; body: { accepted?: number; duplicates?: number; error?: { code: string; message: string } } }> {
  const headers: Record<string, string> = { ...options.headers };
  const auth = options.auth === undefined ? `Bearer ${token}` : options.auth;
  if (auth !== null) headers.authorization = auth;
  const contentType = options.contentType === undefined ? "application/json" : options.contentType;
  if (contentType !== null) headers["content-type"] = contentType;
  const raw = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const request = new Request(`http://localhost/api/runs/${target}/metrics`, { method: "POST", headers, body: raw });
  try {
    return { status: 200, body: await ingestMetrics({ runId: target, request }) };
  } catch (error) {
    const response = toErrorResponse(error);
    return { status: response.status, body: response.body };
  }
}

const iso = (msAgo = 0) => new Date(Date.now() - msAgo).toISOString();
const good = (over: Record<string, unknown> = {}) => ({ metric: "error_rate", value: 0.4, timestamp: iso(), stage: "canary", ...over });
const count = async (id = runId) => db().metricSample.count({ where: { runId: id } });

describe("bad payloads: 4xx naming the problem, nothing written", () => {
  const cases: [string, TPost, number, RegExp][] = [
    ["no Authorization header", { body: good(), auth: null }, 401, /Authorization: Bearer/],
    ["Basic instead of Bearer", { body: good(), auth: "Basic dXNlcjpwYXNz" }, 401, /Bearer/],
    ["unknown token", { body: good(), auth: "Bearer wrm_not-a-real-token" }, 401, /Unknown API token/],
    ["another run's token", { body: good(), auth: `Bearer ${"__OTHER__"}` }, 401, /another run/],
    ["a session cookie instead of a token", { body: good(), auth: null, headers: { cookie: "better-auth.session_token=abc" } }, 401, /Bearer/],
    ["Content-Type text/plain", { body: good(), contentType: "text/plain" }, 415, /application\/json/],
    ["no Content-Type", { body: good(), contentType: null }, 415, /application\/json/],
    ["Content-Length over the limit", { body: good(), headers: { "content-length": String(MAX_BODY_BYTES + 1) } }, 413, /larger than/],
    ["a streamed body over the limit", { raw: `{"samples":[${"0,".repeat(MAX_BODY_BYTES / 2)}0]}` }, 413, /larger than/],
    ["empty body", { raw: "" }, 400, /empty/],
    ["not JSON", { raw: "{metric: error_rate" }, 400, /not valid JSON/],
    ["a JSON string", { body: "error_rate=5" }, 422, /sample object/],
    ["JSON null", { raw: "null" }, 422, /sample object/],
    ["a JSON number", { raw: "42" }, 422, /sample object/],
    ["samples is not an array", { body: { samples: "lots" } }, 422, /samples: must be an array/],
    ["an empty batch", { body: { samples: [] } }, 422, /batch is empty/],
    ["more than 1000 samples", { body: { samples: Array.from({ length: 1001 }, (_, i) => good({ timestamp: iso(i * 1000) })) } }, 413, /at most 1000 per request \(got 1001\)/],
    ["an unknown top-level key", { body: { samples: [good()], source: "prom" } }, 422, /Unrecognized key: "source"/],
    ["a sample that is not an object", { body: [good(), 5] }, 422, /samples\[1\]: /],
    ["missing metric", { body: { value: 1, timestamp: iso() } }, 422, /sample\.metric: is required/],
    ["metric not a string", { body: good({ metric: 7 }) }, 422, /sample\.metric: /],
    ["unknown metric", { body: good({ metric: "error_ratio" }) }, 422, /unknown metric “error_ratio”.*error_rate/],
    ["a custom metric nobody declared", { body: good({ metric: "checkout_failures", value: 3 }) }, 422, /unknown metric “checkout_failures”/],
    ["missing value", { body: { metric: "cpu", timestamp: iso() } }, 422, /sample\.value: is required/],
    ["value as a string", { body: good({ value: "5" }) }, 422, /sample\.value: must be a finite number/],
    ["value Infinity (1e999)", { raw: `{"metric":"cpu","value":1e999,"timestamp":"${iso()}"}` }, 422, /sample\.value: must be a finite number/],
    ["negative error rate", { body: good({ value: -0.1 }) }, 422, /error_rate is a percentage: must be between 0 and 100 \(got -0\.1\)/],
    ["error rate over 100%", { body: good({ value: 120 }) }, 422, /percentage/],
    ["negative p95 response time", { body: good({ metric: "response_time_p95", value: -5 }) }, 422, /response_time_p95 is a duration in milliseconds: cannot be negative/],
    ["a response time over a day", { body: good({ metric: "response_time_avg", value: 9e10 }) }, 422, /more than a day is a unit mistake/],
    ["a fractional failure count", { body: good({ metric: "db_connection_failures", value: 1.5 }) }, 422, /is a count: must be a whole number/],
    ["a negative failure count", { body: good({ metric: "db_connection_failures", value: -1 }) }, 422, /is a count/],
    ["CPU over 100%", { body: good({ metric: "cpu", value: 101 }) }, 422, /cpu is a percentage/],
    ["negative memory", { body: good({ metric: "memory", value: -3 }) }, 422, /memory is a percentage/],
    ["missing timestamp", { body: { metric: "cpu", value: 40 } }, 422, /sample\.timestamp: is required/],
    ["unparseable timestamp", { body: good({ timestamp: "yesterday" }) }, 422, /sample\.timestamp: must be an ISO 8601/],
    ["timestamp without a time zone", { body: good({ timestamp: "2026-11-27T14:00:00" }) }, 422, /it has no time zone/],
    ["timestamp an hour in the future", { body: good({ timestamp: "__HOUR_AHEAD__" }) }, 422, /60 min in the future/],
    ["timestamp in seconds, not milliseconds", { body: good({ timestamp: 1_764_000_000 }) }, 422, /seconds instead of milliseconds/],
    ["timestamp with fractional milliseconds", { body: good({ timestamp: 1_764_000_000_000.5 }) }, 422, /sample\.timestamp: must be/],
    ["unknown stage", { body: good({ stage: "qa" }) }, 422, /sample\.stage: must be one of staging, canary, production/],
    ["stage given as overall", { body: good({ stage: "overall" }) }, 422, /sample\.stage: must be one of/],
    ["an unknown key in a sample", { body: good({ source: "prom" }) }, 422, /Unrecognized key: "source"/],
    ["a unit Warroom does not know", { body: good({ unit: "%" }) }, 422, /sample\.unit: must be one of percent, ratio, ms, s/],
    ["a duration unit on a percent metric", { body: { samples: [good({ unit: "ratio", value: 0.01 }), good({ unit: "s", timestamp: iso(7000) })] } }, 422, /^Nothing stored: samples\[1\]\.unit: error_rate: unit "s" does not fit a percent metric \(expected "percent" or "ratio"\)$/],
    ["a unit on a count metric", { body: good({ metric: "db_connection_failures", value: 1, unit: "percent" }) }, 422, /sample\.unit: db_connection_failures: unit "percent" does not fit a count metric/],
    ["a ratio above 1 (over 100% once converted)", { body: good({ unit: "ratio", value: 1.2 }) }, 422, /error_rate is a percentage: must be between 0 and 100 \(got 120\)/],
    ["the same metric, stage and time twice in one batch", { body: { samples: [good({ timestamp: "__DUP__" }), good({ value: 2, timestamp: "__DUP__" })] } }, 422, /samples\[1\]: same metric, stage and timestamp as samples\[0\]/],
    ["one bad sample among good ones", { body: { samples: [good(), good({ metric: "cpu", value: 55 }), good({ metric: "memory", value: 180 })] } }, 422, /samples\[2\]\.value: memory is a percentage/],
  ];

  it.each(cases)("%s", async (_name, options, status, message) => {
    // Placeholders filled in when the case runs (not when the table is built: on a loaded machine the
    // hour ahead would have shrunk to 58 minutes by then): another run's token, one shared timestamp.
    const at = iso(5000);
    const hourAhead = new Date(Date.now() + 3_600_000).toISOString();
    const filled = JSON.parse(JSON.stringify(options).replaceAll("__OTHER__", otherRunToken).replaceAll("__DUP__", at).replaceAll("__HOUR_AHEAD__", hourAhead)) as TPost;
    const result = await post(filled);
    expect(result.status).toBe(status);
    expect(result.body.error?.message).toMatch(message);
  });

  it("counts at least 30 distinct kinds, and none of them stored anything", async () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(await count()).toBe(0);
  });
});

describe("tokens", () => {
  it("a revoked token is refused at once with 401; a new one works", async () => {
    const made = await createApiToken(team.lead, { runId, name: "short-lived" });
    expect((await post({ body: good({ timestamp: iso(1000) }), auth: `Bearer ${made.token}` })).status).toBe(200);
    const tokenId = (await db().runApiToken.findFirstOrThrow({ where: { runId, name: "short-lived" } })).id;
    await revokeApiToken(team.lead, { runId, tokenId });
    const refused = await post({ body: good({ timestamp: iso(2000) }), auth: `Bearer ${made.token}` });
    expect(refused).toMatchObject({ status: 401, body: { error: { message: "This API token was revoked." } } });
  });

  it("only a hash is stored, and the timeline names the token without its secret", async () => {
    const made = await createApiToken(team.lead, { runId, name: "grafana" });
    const rows = await db().runApiToken.findMany({ where: { runId } });
    expect(JSON.stringify(rows)).not.toContain(made.token);
    const events = await db().timelineEvent.findMany({ where: { runId, type: "metrics.token_created" } });
    expect(JSON.stringify(events)).not.toContain(made.token);
    expect(events.some((e) => (e.payload as { token: { name: string } }).token.name === "grafana")).toBe(true);
  });

  it("members and viewers cannot create or revoke tokens", async () => {
    await expect(createApiToken(team.member, { runId, name: "nope" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createApiToken(team.viewer, { runId, name: "nope" })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("idempotency and custom metrics", () => {
  it("a resent batch is not double-counted, even when both copies arrive at once", async () => {
    const target = (await makeRun(team.lead, { name: "dupes" })).id;
    const dupToken = (await createApiToken(team.lead, { runId: target, name: "dupes" })).token;
    const start = Date.now() - 60_000;
    const batch = {
      samples: Array.from({ length: 50 }, (_, i) => ({ metric: i % 2 ? "cpu" : "memory", value: 40 + (i % 7), timestamp: start + Math.floor(i / 2) * 1000, stage: "production" })),
    };
    const first = await post({ body: batch, auth: `Bearer ${dupToken}` }, target);
    expect(first).toMatchObject({ status: 200, body: { accepted: 50, duplicates: 0 } });
    const again = await post({ body: batch, auth: `Bearer ${dupToken}` }, target);
    expect(again).toMatchObject({ status: 200, body: { accepted: 0, duplicates: 50 } });
    const [a, b] = await Promise.all([0, 1].map(() => post({ body: { samples: batch.samples.map((s) => ({ ...s, stage: "canary" })) }, auth: `Bearer ${dupToken}` }, target)));
    expect((a.body.accepted ?? 0) + (b.body.accepted ?? 0)).toBe(50);
    expect(await count(target)).toBe(100);
  });

  it("the same time on another stage or metric is a different sample; a single sample object works", async () => {
    const target = (await makeRun(team.lead, { name: "stages" })).id;
    const t = (await createApiToken(team.lead, { runId: target, name: "t" })).token;
    const at = iso(3000);
    const result = await post({ body: [good({ timestamp: at }), good({ timestamp: at, stage: "production" }), good({ timestamp: at, metric: "cpu", value: 3 })], auth: `Bearer ${t}` }, target);
    expect(result.body).toEqual({ accepted: 3, duplicates: 0 });
    expect((await post({ body: { metric: "cpu", value: 12.5, timestamp: Date.now() - 1000 }, auth: `Bearer ${t}` }, target)).body).toEqual({ accepted: 1, duplicates: 0 });
    const stored = await db().metricSample.findFirstOrThrow({ where: { runId: target, value: 12.5 } });
    expect(stored.stage).toBe("overall");
  });

  it("a sample's unit is converted to the metric's documented unit before it is stored", async () => {
    const target = (await makeRun(team.lead, { name: "units" })).id;
    const t = (await createApiToken(team.lead, { runId: target, name: "units" })).token;
    const samples = [
      good({ value: 0.0004, unit: "ratio", timestamp: iso(1000) }),
      good({ value: 0.04, unit: "percent", timestamp: iso(2000) }),
      good({ metric: "response_time_p95", value: 0.25, unit: "s", timestamp: iso(1000) }),
      good({ metric: "response_time_avg", value: 180, unit: "ms", timestamp: iso(1000) }),
    ];
    expect((await post({ body: { samples }, auth: `Bearer ${t}` }, target)).body).toEqual({ accepted: 4, duplicates: 0 });
    const stored = await db().metricSample.findMany({ where: { runId: target }, orderBy: [{ metric: "asc" }, { at: "asc" }] });
    expect(stored.map((s) => [s.metric, s.value])).toEqual([
      ["error_rate", 0.04],
      ["error_rate", 0.04],
      ["response_time_avg", 180],
      ["response_time_p95", 250],
    ]);
  });

  it("a custom metric is accepted once a lead declares it, with its kind's checks", async () => {
    await declareMetric(team.lead, { runId, key: "checkout_failures", label: "Checkout failures", unit: "", kind: "count" });
    expect((await post({ body: good({ metric: "checkout_failures", value: 3, timestamp: iso(4000) }) })).body).toEqual({ accepted: 1, duplicates: 0 });
    expect((await post({ body: good({ metric: "checkout_failures", value: 0.5, timestamp: iso(5000) }) })).status).toBe(422);
    await expect(declareMetric(team.lead, { runId, key: "cpu", label: "CPU", unit: "%", kind: "percent" })).rejects.toMatchObject({ code: "conflict" });
    await expect(declareMetric(team.lead, { runId, key: "Bad Key", label: "x", unit: "", kind: "count" })).rejects.toMatchObject({ code: "invalid_input" });
  });
});
