// The validation window's write side against a real database: a completed run marked faulty through
// the one command path (UI command and pipeline API alike), the commit time kept on create, and
// every refusal writing nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { callApi } from "../../e2e/support/api-client";
import { dbChangesSince, dbMark, watchDbChanges } from "../../e2e/support/db-changes";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { createWorkspaceKey } from "../api/keys";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import type { TRole } from "../domain/roles";
import { markRunFaulty } from "./faulty-commands";

useTestDatabase("runs_faulty");

let team: Record<TRole, TActor>;
let key: string;
let statusOnlyKey: string;
beforeAll(async () => {
  team = await makeTeam();
  await makeRun(team.lead); // seeds the Deployment Day template the API names
  key = (await createWorkspaceKey(team.admin, { name: "ci-deploy", scopes: ["runs:write", "runs:read"] })).token;
  statusOnlyKey = (await createWorkspaceKey(team.admin, { name: "status-only", scopes: ["status:write"] })).token;
  await watchDbChanges();
});

async function completedRun(minutesAgo = 10) {
  const run = await makeRun(team.lead);
  await db().run.update({ where: { id: run.id }, data: { status: "completed", endedAt: new Date(Date.now() - minutesAgo * 60_000) } });
  return run.id;
}

async function expectNothingWritten(request: () => Promise<{ status: number; json: unknown }>, status: number, field?: string) {
  const mark = await dbMark();
  const answer = await request();
  expect(answer.status).toBe(status);
  if (field) expect(answer.json).toMatchObject({ error: { field } });
  expect(await dbChangesSince(mark)).toEqual([]);
}

describe("commit time on create", () => {
  it("is stored on the run and answered", async () => {
    const created = await callApi("POST", "/api/v1/runs", { key, body: { template: "Deployment Day", service: "midi-api", version: "9.3.0", commitAt: "2026-12-04T16:20:00+01:00" } });
    expect(created.status).toBe(201);
    const { run } = created.json as { run: { id: string; commitAt: string } };
    expect(run.commitAt).toBe("2026-12-04T15:20:00.000Z");
    expect((await db().run.findUniqueOrThrow({ where: { id: run.id } })).commitAt?.toISOString()).toBe("2026-12-04T15:20:00.000Z");
  });
  it("refuses a commit time that is not a date-time, naming the field", async () => {
    await expectNothingWritten(() => callApi("POST", "/api/v1/runs", { key, body: { template: "Deployment Day", service: "a", version: "1", commitAt: "yesterday" } }), 422, "commitAt");
  });
});

describe("marking a run faulty", () => {
  it("through the API: the run row, the timeline event and the answer say so", async () => {
    const runId = await completedRun(10);
    const answer = await callApi("POST", `/api/v1/runs/${runId}/faulty`, { key, body: { reason: "Checkout errors an hour after release" } });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json).toMatchObject({ run: { faulty: { reason: "Checkout errors an hour after release", byName: "API key “ci-deploy”" } }, event: { type: "run.marked_faulty" } });
    const run = await db().run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.faultyReason).toBe("Checkout errors an hour after release");
    const event = await db().timelineEvent.findFirstOrThrow({ where: { runId, type: "run.marked_faulty" } });
    // Ten minutes after completion the seed runbook's window (1–2 h) is still open.
    expect(event.payload).toMatchObject({ reason: "Checkout errors an hour after release", wasValidating: true });
    expect(event.seq).toBe(run.lastSeq);
  });

  it("after the window has closed, by a lead", async () => {
    const runId = await completedRun(60 * 24);
    await markRunFaulty(team.lead, { runId, reason: "Data corruption found the next day" });
    const event = await db().timelineEvent.findFirstOrThrow({ where: { runId, type: "run.marked_faulty" } });
    expect(event.payload).toMatchObject({ wasValidating: false });
    expect(event.actorName).toBe(team.lead.name);
  });

  it("refuses a second mark, a run that did not complete, an empty reason and a key without runs:write, writing nothing", async () => {
    const runId = await completedRun();
    await markRunFaulty(team.lead, { runId, reason: "First finding" });
    await expectNothingWritten(() => callApi("POST", `/api/v1/runs/${runId}/faulty`, { key, body: { reason: "Again" } }), 409);
    const underWay = (await makeRun(team.lead)).id;
    await expectNothingWritten(() => callApi("POST", `/api/v1/runs/${underWay}/faulty`, { key, body: { reason: "Too early" } }), 409);
    const [blank, unscoped] = [await completedRun(), await completedRun()];
    await expectNothingWritten(() => callApi("POST", `/api/v1/runs/${blank}/faulty`, { key, body: { reason: "  " } }), 422, "reason");
    await expectNothingWritten(() => callApi("POST", `/api/v1/runs/${unscoped}/faulty`, { key: statusOnlyKey, body: { reason: "No scope" } }), 403);
  });

  it("is refused to a viewer", async () => {
    const runId = await completedRun();
    await expect(markRunFaulty(team.viewer, { runId, reason: "Looks wrong" })).rejects.toMatchObject({ code: "forbidden" });
    expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).faultyAt).toBeNull();
  });
});
