// Per-token request rates and per-run quotas (lib/security/limits.ts), against a real database: past
// a limit the answer is 429 with Retry-After (HTTP) or `quota_exceeded` (a socket command), with a
// message that says which limit and what to do, and nothing is written.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { callApi } from "../../e2e/support/api-client";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { TEST_APP_URL, useTestDatabase } from "../../e2e/support/integration";
import { POST as pushRoute } from "../../app/api/runs/[id]/metrics/route";
import { createWorkspaceKey } from "../api/keys";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import type { TRole } from "../domain/roles";
import { DEFAULT_LIMITS } from "../security/limits";
import { resetRateLimits } from "../security/rate-limit";
import { declareMetric, saveRule } from "./rules";
import { createApiToken } from "./tokens";

vi.mock("server-only", () => ({}));

useTestDatabase("quotas");
let team: Record<TRole, TActor>;
beforeEach(async () => {
  resetRateLimits();
  team ??= await makeTeam();
});

function push(runId: string, token: string, body: string) {
  const request = new Request(`${TEST_APP_URL}/api/runs/${runId}/metrics`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body,
  });
  return pushRoute(request, { params: Promise.resolve({ id: runId }) });
}

describe("per-token request rate", () => {
  it("a metric token past its requests a minute gets 429 with Retry-After; another token of the run does not", async () => {
    const run = await makeRun(team.lead);
    const { token } = await createApiToken(team.lead, { runId: run.id, name: "busy" });
    const { token: other } = await createApiToken(team.lead, { runId: run.id, name: "quiet" });
    // Empty bodies: each request is authenticated and counted, then refused as bad input (nothing stored).
    for (let i = 0; i < DEFAULT_LIMITS.apiRequestsPerMinute; i++) expect((await push(run.id, token, "")).status).toBe(400);
    const refused = await push(run.id, token, "");
    expect(refused.status).toBe(429);
    const seconds = Number(refused.headers.get("retry-after"));
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    expect((await refused.json()).error.message).toMatch(/This API token has made 600 requests in the last minute, its limit: try again in \d+ s/);
    expect((await push(run.id, other, "")).status).toBe(400);
  });

  it("an API key on the pipeline API the same", async () => {
    const run = await makeRun(team.lead);
    const { token } = await createWorkspaceKey(team.admin, { name: "ci", scopes: ["checklist:write"] });
    for (let i = 0; i < DEFAULT_LIMITS.apiRequestsPerMinute; i++) expect((await callApi("POST", `/api/v1/runs/${run.id}/items`, { key: token, body: "{" })).status).toBe(400);
    const refused = await callApi("POST", `/api/v1/runs/${run.id}/items`, { key: token, body: "{" });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(refused.json).toMatchObject({ error: { code: "rate_limited" } });
  });
});

describe("samples per metric per minute", () => {
  it("refuses the batch that would pass the quota whole, naming the metric; other metrics go on", async () => {
    const run = await makeRun(team.lead);
    const { token } = await createApiToken(team.lead, { runId: run.id, name: "feed" });
    const start = Date.now() - 60_000;
    const batch = (metric: string, from: number) => JSON.stringify({ samples: Array.from({ length: 1000 }, (_, i) => ({ metric, value: 0.1, stage: "canary", timestamp: start + from + i })) });
    const batches = DEFAULT_LIMITS.samplesPerMetricPerMinute / 1000;
    for (let b = 0; b < batches; b++) expect((await push(run.id, token, batch("error_rate", b * 1000))).status).toBe(200);
    const refused = await push(run.id, token, batch("error_rate", batches * 1000));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await refused.json()).error.message).toMatch(/^samples: error_rate has had 20000 of this run's 20000 samples a minute for one metric.*Nothing of the request was stored/);
    expect(await db().metricSample.count({ where: { runId: run.id, metric: "error_rate" } })).toBe(DEFAULT_LIMITS.samplesPerMetricPerMinute);
    expect((await push(run.id, token, batch("cpu", 0))).status).toBe(200);
  });
});

describe("stored quotas", () => {
  it("a run declares at most its quota of custom metrics", async () => {
    const run = await makeRun(team.lead);
    for (let i = 0; i < DEFAULT_LIMITS.customMetricsPerRun; i++) await declareMetric(team.lead, { runId: run.id, key: `queue_${i}`, label: `Queue ${i}`, kind: "count" });
    await expect(declareMetric(team.lead, { runId: run.id, key: "one_more", label: "One more", kind: "count" })).rejects.toMatchObject({
      code: "quota_exceeded",
      message: expect.stringMatching(/already has 50 custom metrics, the most a run may declare \(50\)/),
    });
    expect(await db().runCustomMetric.count({ where: { runId: run.id } })).toBe(DEFAULT_LIMITS.customMetricsPerRun);
  });

  it("a run holds at most its quota of rules, its runbook's own included; changing one still works", async () => {
    const run = await makeRun(team.lead);
    const newRule = (threshold: number) => saveRule(team.lead, { runId: run.id, metric: "cpu", severity: "escalate", comparator: ">", threshold, window: { kind: "immediate" } });
    await newRule(1);
    const present = await db().runMetricRule.count({ where: { runId: run.id } });
    for (let i = present; i < DEFAULT_LIMITS.rulesPerRun; i++) await newRule(i + 2);
    await expect(newRule(99.5)).rejects.toMatchObject({ code: "quota_exceeded", message: expect.stringMatching(/already has 100 rules/) });
    expect(await db().runMetricRule.count({ where: { runId: run.id } })).toBe(DEFAULT_LIMITS.rulesPerRun);
    const rule = await db().runMetricRule.findFirstOrThrow({ where: { runId: run.id, metric: "cpu" } });
    await saveRule(team.lead, { runId: run.id, ruleId: rule.id, version: rule.version, metric: "cpu", severity: "escalate", comparator: ">", threshold: 50, window: { kind: "immediate" } });
  });
});
