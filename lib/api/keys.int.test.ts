// API keys against a real database: shown once and stored hashed, scopes refused, revocation, last
// use, run keys bound to their run, and the metric tokens of old still pushing as run keys.
import { beforeAll, describe, expect, it } from "vitest";
import { callApi } from "../../e2e/support/api-client";
import { dbChangesSince, dbMark, watchDbChanges } from "../../e2e/support/db-changes";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import type { TRole } from "../domain/roles";
import { createApiToken, hashToken } from "../metrics/tokens";
import { createWorkspaceKey, listWorkspaceKeys, revokeWorkspaceKey } from "./keys";

useTestDatabase("api_keys");

let team: Record<TRole, TActor>;
beforeAll(async () => {
  team = await makeTeam();
  await watchDbChanges();
});

const sample = () => ({ metric: "error_rate", value: 0.2, timestamp: new Date().toISOString() });

describe("workspace keys", () => {
  it("are created by admins only, shown once and stored as a hash", async () => {
    const mark = await dbMark();
    await expect(createWorkspaceKey(team.lead, { name: "ci-deploy", scopes: ["runs:read"] })).rejects.toMatchObject({ code: "forbidden" });
    expect(await dbChangesSince(mark)).toEqual([]);

    const { key, token } = await createWorkspaceKey(team.admin, { name: "ci-deploy", scopes: ["runs:read", "runs:read"] });
    expect(token).toMatch(/^wrm_[\w-]{43}$/);
    expect(key.scopes).toEqual(["runs:read"]);
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    // Listing never shows the secret again, only its first characters.
    const listed = (await listWorkspaceKeys(team.admin)).find((k) => k.id === key.id)!;
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(token.startsWith(listed.prefix)).toBe(true);
  });

  it("refuse an unknown scope and a missing name, naming the field", async () => {
    await expect(createWorkspaceKey(team.admin, { name: "x", scopes: ["runs:delete"] })).rejects.toMatchObject({ code: "invalid_input", message: expect.stringContaining("scopes.0") });
    await expect(createWorkspaceKey(team.admin, { name: " ", scopes: ["runs:read"] })).rejects.toMatchObject({ code: "invalid_input", message: expect.stringContaining("name") });
  });

  it("are refused what their scopes do not grant, and nothing is written", async () => {
    const run = await makeRun(team.lead);
    const { token } = await createWorkspaceKey(team.admin, { name: "reader", scopes: ["runs:read"] });
    expect((await callApi("GET", `/api/v1/runs/${run.id}`, { key: token })).status).toBe(200);
    const mark = await dbMark();
    const refused = await callApi("POST", `/api/v1/runs/${run.id}/status`, { key: token, body: { to: "pre_deployment" } });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ error: { code: "forbidden", message: expect.stringContaining("status:write") } });
    expect((await callApi("POST", `/api/v1/runs/${run.id}/metrics`, { key: token, body: sample() })).status).toBe(403);
    expect(await dbChangesSince(mark)).toEqual([]);
  });

  it("record their last use and stop working once revoked", async () => {
    const { key, token } = await createWorkspaceKey(team.admin, { name: "ci-deploy", scopes: ["runs:read"] });
    expect(key.lastUsedAt).toBeNull();
    expect((await callApi("GET", "/api/v1/runs", { key: token })).status).toBe(200);
    const used = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(used.lastUsedAt).toBeInstanceOf(Date);

    await expect(revokeWorkspaceKey(team.lead, { keyId: key.id })).rejects.toMatchObject({ code: "forbidden" });
    const revoked = await revokeWorkspaceKey(team.admin, { keyId: key.id });
    expect(revoked).toMatchObject({ revokedByName: team.admin.name });
    const answer = await callApi("GET", "/api/v1/runs", { key: token });
    expect(answer.status).toBe(401);
    expect(answer.headers.get("www-authenticate")).toContain("Bearer");
    expect(answer.json).toMatchObject({ error: { code: "unauthenticated", message: "This API key was revoked." } });
    await expect(revokeWorkspaceKey(team.admin, { keyId: key.id })).rejects.toMatchObject({ code: "conflict" });
  });

  it("act on the timeline as “API key <name>”", async () => {
    const run = await makeRun(team.lead);
    const { token } = await createWorkspaceKey(team.admin, { name: "ci-deploy", scopes: ["status:write"] });
    expect((await callApi("POST", `/api/v1/runs/${run.id}/status`, { key: token, body: { to: "pre_deployment" } })).status).toBe(200);
    const event = await db().timelineEvent.findFirstOrThrow({ where: { runId: run.id, type: "run.status_changed" } });
    expect(event.actorName).toBe("API key “ci-deploy”");
  });

  it("with metrics:write push samples to any run through both metric endpoints", async () => {
    const run = await makeRun(team.lead);
    const { token } = await createWorkspaceKey(team.admin, { name: "prom-push", scopes: ["metrics:write"] });
    expect((await callApi("POST", `/api/v1/runs/${run.id}/metrics`, { key: token, body: sample() })).json).toEqual({ accepted: 1, duplicates: 0 });
    const { POST } = await import("../../app/api/runs/[id]/metrics/route");
    const legacy = new Request(`http://localhost:3999/api/runs/${run.id}/metrics`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(sample()) });
    expect((await POST(legacy, { params: Promise.resolve({ id: run.id }) })).status).toBe(200);
  });
});

describe("run keys", () => {
  it("reach only their own run", async () => {
    const mine = await makeRun(team.lead);
    const other = await makeRun(team.lead);
    const { token } = await createApiToken(team.lead, { runId: mine.id, name: "ci-deploy", scopes: ["runs:read", "checklist:write"] });
    expect((await callApi("GET", `/api/v1/runs/${mine.id}`, { key: token })).status).toBe(200);
    expect((await callApi("GET", `/api/v1/runs/${other.id}`, { key: token })).status).toBe(403);
    const listed = (await callApi("GET", "/api/v1/runs", { key: token })).json as { runs: { id: string }[] };
    expect(listed.runs.map((r) => r.id)).toEqual([mine.id]);
  });

  it("are what metric tokens were: a token made without scopes pushes samples and does nothing else", async () => {
    const run = await makeRun(team.lead);
    const { token } = await createApiToken(team.lead, { runId: run.id, name: "old script" });
    expect((await db().runApiToken.findFirstOrThrow({ where: { runId: run.id } })).scopes).toEqual(["metrics:write"]);
    expect((await callApi("POST", `/api/v1/runs/${run.id}/metrics`, { key: token, body: sample() })).status).toBe(200);
    expect((await db().runApiToken.findFirstOrThrow({ where: { runId: run.id } })).lastUsedAt).toBeInstanceOf(Date);
    expect((await callApi("GET", `/api/v1/runs/${run.id}`, { key: token })).status).toBe(403);
    expect((await callApi("POST", `/api/v1/runs/${run.id}/items`, { key: token, body: { item: "x", action: "tick" } })).status).toBe(403);
  });

  it("cannot be made by members, and a run key without metrics:write cannot push", async () => {
    const run = await makeRun(team.lead);
    await expect(createApiToken(team.member, { runId: run.id, name: "nope" })).rejects.toMatchObject({ code: "forbidden" });
    const { token } = await createApiToken(team.lead, { runId: run.id, name: "reader", scopes: ["runs:read"] });
    expect((await callApi("POST", `/api/v1/runs/${run.id}/metrics`, { key: token, body: sample() })).status).toBe(403);
  });
});
