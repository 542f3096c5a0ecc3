// The pipeline API's endpoints against a real database: each one's happy path through the command
// path, bad input answered 4xx naming the field with nothing written, and Idempotency-Key.
import { beforeAll, describe, expect, it } from "vitest";
import { callApi } from "../../e2e/support/api-client";
import { dbChangesSince, dbMark, watchDbChanges } from "../../e2e/support/db-changes";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import type { TRole } from "../domain/roles";
import { manualTriggers } from "../domain/metric-defaults";
import { triggerRollback } from "../metrics/rollback-commands";
import { createWorkspaceKey } from "./keys";
import { API_SCOPES } from "./scopes";

useTestDatabase("api_v1");

let team: Record<TRole, TActor>;
let key: string;
beforeAll(async () => {
  team = await makeTeam();
  key = (await createWorkspaceKey(team.admin, { name: "ci-deploy", scopes: [...API_SCOPES] })).token;
  await watchDbChanges();
});

type TItem = { id: string; key: string; text: string; state: string; isRecurring: boolean };
const items = async (runId: string) => ((await callApi("GET", `/api/v1/runs/${runId}`, { key })).json as { items: TItem[] }).items;
const post = (path: string, body: unknown, headers?: Record<string, string>) => callApi("POST", path, { key, body, headers });

/** A refused request: its status, the field it names, and proof that it wrote nothing. */
async function expectRefused(request: () => Promise<{ status: number; json: unknown }>, status: number, field?: string) {
  const mark = await dbMark();
  const answer = await request();
  expect(answer.status).toBe(status);
  if (field) expect(answer.json).toMatchObject({ error: { field } });
  expect(await dbChangesSince(mark)).toEqual([]);
  return answer.json as { error: { code: string; message: string; field?: string } };
}

describe("runs", () => {
  it("are created from a template by name or id, with service, version, commit and window", async () => {
    const template = await db().template.findFirstOrThrow({ where: { isDefault: true } }).catch(async () => (await makeRun(team.lead), db().template.findFirstOrThrow({ where: { isDefault: true } })));
    const byName = await post("/api/v1/runs", { template: template.name, service: "midi-api", version: "9.1.0", commit: "6eb59fa", window: { start: "2026-12-05T14:00:00Z", minutes: 120 } });
    expect(byName.status).toBe(201);
    expect(byName.json).toMatchObject({ run: { name: "midi-api 9.1.0", service: "midi-api", version: "9.1.0", commit: "6eb59fa", status: "planned", plannedStart: "2026-12-05T14:00:00.000Z", plannedDurationMin: 120 } });
    const byId = await post("/api/v1/runs", { template: template.id, service: "midi-api", version: "9.1.1" });
    expect(byId.status).toBe(201);
    const created = await db().timelineEvent.findFirstOrThrow({ where: { runId: (byId.json as { run: { id: string } }).run.id } });
    expect(created.actorName).toBe("API key “ci-deploy”");
  });

  it("answer their window's conflicts beside the created run: a warning, never a refusal", async () => {
    const window = { start: "2026-12-21T09:00:00Z", minutes: 180 };
    const first = await post("/api/v1/runs", { template: "Deployment Day", service: "ledger-api", version: "3.0.0", window });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ conflicts: [] });
    const firstId = (first.json as { run: { id: string } }).run.id;
    const second = await post("/api/v1/runs", { template: "Deployment Day", service: "Ledger-API", version: "3.0.1", window: { start: "2026-12-21T11:00:00Z", minutes: 60 } });
    expect(second.status).toBe(201);
    expect((second.json as { conflicts: unknown[] }).conflicts).toEqual([
      { kind: "service_overlap", withId: firstId, reason: expect.stringMatching(/two runs of ledger-api at once|ledger-api/i) },
    ]);
  });

  it("refuse bad input naming the field, and an unknown template, writing nothing", async () => {
    expect((await expectRefused(() => post("/api/v1/runs", { template: "Deployment Day", version: "1" }), 422, "service")).error.code).toBe("invalid_input");
    await expectRefused(() => post("/api/v1/runs", { template: "Deployment Day", service: "a", version: "1", commit: "nothex" }), 422, "commit");
    await expectRefused(() => post("/api/v1/runs", { template: "Deployment Day", service: "a", version: "1", window: { start: "tomorrow", minutes: 60 } }), 422, "window.start");
    await expectRefused(() => post("/api/v1/runs", { template: "No such runbook", service: "a", version: "1" }), 404, "template");
    await expectRefused(() => post("/api/v1/runs", "{not json"), 400);
  });

  it("are listed newest first, filtered by service and status", async () => {
    const run = await makeRun(team.lead, { service: "billing" });
    const listed = await callApi("GET", "/api/v1/runs?service=BILLING&status=planned", { key });
    expect((listed.json as { runs: { id: string }[] }).runs.map((r) => r.id)).toEqual([run.id]);
    await expectRefused(() => callApi("GET", "/api/v1/runs?limit=0", { key }), 422, "limit");
    await expectRefused(() => callApi("GET", "/api/v1/runs?status=done", { key }), 422, "status");
  });

  it("are read with their items' stable keys; an unknown run is 404", async () => {
    const run = await makeRun(team.lead);
    const list = await items(run.id);
    expect(list[0]).toMatchObject({ key: expect.stringMatching(/^[a-z_]+\.1\.1$/), state: "open" });
    expect(new Set(list.map((i) => i.key)).size).toBe(list.length);
    await expectRefused(() => callApi("GET", "/api/v1/runs/nope", { key }), 404, "id");
  });
});

describe("checklist items", () => {
  it("are ticked by key, skipped by exact text, failed and undone", async () => {
    const run = await makeRun(team.lead);
    const [first, second, third] = (await items(run.id)).filter((i) => !i.isRecurring && (i.text.length > 0));
    expect((await post(`/api/v1/runs/${run.id}/items`, { item: first.key, action: "tick" })).json).toMatchObject({ event: { type: "item.changed", actorName: "API key “ci-deploy”" }, isReplay: false });
    expect((await post(`/api/v1/runs/${run.id}/items`, { item: second.text, action: "skip", reason: "Not needed for this service" })).status).toBe(200);
    expect((await post(`/api/v1/runs/${run.id}/items`, { item: third.id, action: "fail", reason: "Timed out" })).status).toBe(200);
    expect((await post(`/api/v1/runs/${run.id}/items`, { item: first.key, action: "undo" })).status).toBe(200);
    const states = Object.fromEntries((await items(run.id)).map((i) => [i.id, i.state]));
    expect([states[first.id], states[second.id], states[third.id]]).toEqual(["open", "skipped", "failed"]);
  });

  it("answer 409 naming the candidates when the text is ambiguous, 422 without a reason, 404 when unknown", async () => {
    const run = await makeRun(team.lead);
    const [a, b] = (await items(run.id)).filter((i) => !i.isRecurring);
    await db().runItem.update({ where: { id: b.id }, data: { text: a.text } });
    const ambiguous = await expectRefused(() => post(`/api/v1/runs/${run.id}/items`, { item: a.text, action: "tick" }), 409, "item");
    expect(ambiguous.error.message).toContain(a.key);
    expect(ambiguous.error.message).toContain(b.key);
    await expectRefused(() => post(`/api/v1/runs/${run.id}/items`, { item: a.key, action: "skip" }), 422, "reason");
    await expectRefused(() => post(`/api/v1/runs/${run.id}/items`, { item: a.key, action: "tock" }), 422, "action");
    await expectRefused(() => post(`/api/v1/runs/${run.id}/items`, { item: "no such item", action: "tick" }), 404, "item");
  });
});

describe("rollout, status and announcements", () => {
  it("step the rollout through the war room's rules", async () => {
    const run = await makeRun(team.lead);
    await expectRefused(() => post(`/api/v1/runs/${run.id}/rollout`, {}), 409);
    await db().run.update({ where: { id: run.id }, data: { status: "production" } });
    await expectRefused(() => post(`/api/v1/runs/${run.id}/rollout`, { fromPercent: "0" }), 422, "fromPercent");
    const stepped = await post(`/api/v1/runs/${run.id}/rollout`, {});
    expect(stepped.json).toMatchObject({ run: { rolloutPercent: expect.any(Number) }, event: { type: "rollout.advanced" } });
  });

  it("move the status, and refuse an unknown one naming `to`", async () => {
    const run = await makeRun(team.lead);
    await expectRefused(() => post(`/api/v1/runs/${run.id}/status`, { to: "shipped" }), 422, "to");
    await expectRefused(() => post(`/api/v1/runs/${run.id}/status`, { to: "completed" }), 409);
    expect((await post(`/api/v1/runs/${run.id}/status`, { to: "pre_deployment" })).json).toMatchObject({ run: { status: "pre_deployment" } });
  });

  it("post an announcement filled from the run's template", async () => {
    const run = await makeRun(team.lead);
    await expectRefused(() => post(`/api/v1/runs/${run.id}/announcements`, { template: "weekly" }), 422, "template");
    expect((await post(`/api/v1/runs/${run.id}/announcements`, { template: "in_progress", fields: { phoneNumber: "+1 555 0100" } })).status).toBe(200);
    const announcement = await db().announcement.findFirstOrThrow({ where: { runId: run.id } });
    expect(announcement.body).not.toMatch(/\{\{/);
    expect(announcement.postedByName).toBe("API key “ci-deploy”");
  });
});

describe("Idempotency-Key", () => {
  it("applies a retried change once and answers it again", async () => {
    const run = await makeRun(team.lead);
    const [item] = (await items(run.id)).filter((i) => !i.isRecurring);
    const headers = { "idempotency-key": "deploy-42-tick-1" };
    const first = await post(`/api/v1/runs/${run.id}/items`, { item: item.key, action: "tick" }, headers);
    const again = await post(`/api/v1/runs/${run.id}/items`, { item: item.key, action: "tick" }, headers);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ isReplay: true, event: { seq: (first.json as { event: { seq: number } }).event.seq } });
    expect(await db().timelineEvent.count({ where: { runId: run.id, type: "item.changed" } })).toBe(1);
  });

  it("refuses the same key with a different request (409 naming the header), writing nothing", async () => {
    const run = await makeRun(team.lead);
    const [a, b] = (await items(run.id)).filter((i) => !i.isRecurring);
    const headers = { "idempotency-key": "deploy-42-tick-2" };
    await post(`/api/v1/runs/${run.id}/items`, { item: a.key, action: "tick" }, headers);
    await expectRefused(() => post(`/api/v1/runs/${run.id}/items`, { item: b.key, action: "tick" }, headers), 409, "Idempotency-Key");
    await expectRefused(() => post(`/api/v1/runs/${run.id}/items`, { item: b.key, action: "tick" }, { "idempotency-key": "short" }), 422, "Idempotency-Key");
  });

  it("creates a run once for a retried create", async () => {
    const headers = { "idempotency-key": "pipeline-7781-create" };
    const body = { template: "Deployment Day", service: "search", version: "3.0.0" };
    const before = await db().run.count();
    const first = await post("/api/v1/runs", body, headers);
    const again = await post("/api/v1/runs", body, headers);
    expect((again.json as { run: { id: string } }).run.id).toBe((first.json as { run: { id: string } }).run.id);
    expect(again.json).toMatchObject({ isReplay: true });
    expect(await db().run.count()).toBe(before + 1);
  });

  it("creates one run for concurrent creates with one key, and refuses a concurrent different request", async () => {
    await makeRun(team.lead); // the built-in template, seeded
    const body = { template: "Deployment Day", service: "race", version: "1.0.0" };
    const before = await db().run.count({ where: { service: "race" } });
    const headers = { "idempotency-key": "pipeline-race-create" };
    const answers = await Promise.all(Array.from({ length: 6 }, () => post("/api/v1/runs", body, headers)));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    const ids = new Set(answers.map((a) => (a.json as { run: { id: string } }).run.id));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => (a.json as { isReplay: boolean }).isReplay)).toHaveLength(5);
    expect(await db().run.count({ where: { service: "race" } })).toBe(before + 1);

    const other = { "idempotency-key": "pipeline-race-other" };
    const mixed = await Promise.all([post("/api/v1/runs", body, other), post("/api/v1/runs", { ...body, version: "2.0.0" }, other)]);
    expect(mixed.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(await db().run.count({ where: { service: "race" } })).toBe(before + 2);
  });
});

describe("the gate", () => {
  it("waits while nothing is known, and says rollback once a rollback is recommended", async () => {
    const run = await makeRun(team.lead);
    const first = (await callApi("GET", `/api/v1/runs/${run.id}/gate`, { key })).json as { decision: string; reasons: { message: string }[] };
    expect(first.decision).toBe("wait");
    expect(first.reasons.map((r) => r.message)).toContain("No go/no-go poll has been held yet.");
    await triggerRollback(team.lead, { runId: run.id, label: manualTriggers(run.playbook)[0], note: "Seen in the logs" });
    const after = (await callApi("GET", `/api/v1/runs/${run.id}/gate`, { key })).json as { decision: string; reasons: { source: string }[] };
    expect(after.decision).toBe("rollback");
    expect(after.reasons[0]).toMatchObject({ source: "rollback", decision: "rollback" });
  });
});
