// The deployment tools' contracts against real gate answers. Flagger: its webhook body as its source
// defines it (name, namespace, phase, checksum, metadata), authenticated by metadata.token, 2xx = yes
// and anything else = no. Argo Rollouts: the README's AnalysisTemplate `web` metric
// (jsonPath "{$.decision}", successCondition result == "go", failureCondition result in
// ["no_go", "rollback"]) judged as Argo judges it (e2e/support/argo-analysis.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { callApi } from "../../e2e/support/api-client";
import { measure } from "../../e2e/support/argo-analysis";
import { makeTeam } from "../../e2e/support/factories";
import { pollProceeds, pushGreen, runAtGoNoGo } from "../../e2e/support/gate-arrange";
import { useTestDatabase } from "../../e2e/support/integration";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import { describeEvent } from "../domain/describe-event";
import type { TRole } from "../domain/roles";
import { takeLock } from "../locks/commands";
import { evaluateRunNow } from "../metrics/monitor";
import { triggerRollback } from "../metrics/rollback-commands";
import { createWorkspaceKey } from "./keys";

useTestDatabase("api_contracts");

let team: Record<TRole, TActor>;
let flaggerKey: string;
let gateOnlyKey: string;
beforeAll(async () => {
  team = await makeTeam();
  flaggerKey = (await createWorkspaceKey(team.admin, { name: "flagger", scopes: ["gate:read", "rollout:write"] })).token;
  gateOnlyKey = (await createWorkspaceKey(team.admin, { name: "argo", scopes: ["gate:read", "metrics:write"] })).token;
});

/** Flagger's POST as callWebhook sends it: JSON, Content-Type only, no Authorization header. */
const flagger = (hook: string, body: object) => callApi("POST", `/api/v1/hooks/flagger?hook=${hook}`, { body });
const canary = (metadata: Record<string, string>) => ({ name: "podinfo", namespace: "test", phase: "Progressing", checksum: "6d7c7f5b9", metadata: { token: flaggerKey, ...metadata } });

describe("Flagger webhooks", () => {
  it("confirm-promotion answers 403 until the gate says go, then 200; the run is found by service and version", async () => {
    const { runId } = await runAtGoNoGo(team.lead, { service: "podinfo", targetVersion: "6.7.1" });
    const held = await flagger("confirm-promotion", { ...canary({ version: "6.7.1" }), phase: "WaitingPromotion" });
    expect(held.status).toBe(403);
    expect(held.json).toMatchObject({ error: { code: "forbidden", message: "The gate says wait: No go/no-go poll has been held yet." }, gate: { hook: "confirm-promotion", runId, decision: "wait" } });
    await pollProceeds(team.lead, runId);
    await pushGreen(gateOnlyKey, runId);
    await evaluateRunNow(runId);
    const promoted = await flagger("confirm-promotion", { ...canary({ version: "6.7.1" }), phase: "WaitingPromotion" });
    expect(promoted.status).toBe(200);
    expect(promoted.json).toMatchObject({ hook: "confirm-promotion", runId, decision: "go" });
    // A lock turns the same question into a no.
    await takeLock(team.lead, { service: "podinfo", reason: "Cluster upgrade" });
    const locked = await flagger("confirm-traffic-increase", canary({ runId }));
    expect(locked.status).toBe(403);
    expect((locked.json as { error: { message: string } }).error.message).toBe("The gate says no_go: podinfo is locked by Lee Lead: Cluster upgrade");
    await callApi("DELETE", "/api/v1/locks/podinfo", { key: flaggerKey }).then((a) => expect(a.status).toBe(403)); // no locks:write
  });

  it("rollback answers 200 only when a rollback is recommended or decided", async () => {
    const { runId } = await runAtGoNoGo(team.lead, { service: "frontend" });
    expect((await flagger("rollback", canary({ runId }))).status).toBe(403);
    const run = await db().run.findUniqueOrThrow({ where: { id: runId } });
    await triggerRollback(team.lead, { runId, label: (run.playbook as { manualRollbackTriggers: { label: string }[] }).manualRollbackTriggers[0].label, note: "Checkout broken" });
    const rollback = await flagger("rollback", canary({ runId }));
    expect(rollback.status).toBe(200);
    expect(rollback.json).toMatchObject({ hook: "rollback", decision: "rollback" });
  });

  it("event hooks go on the run's timeline, in words", async () => {
    const { runId } = await runAtGoNoGo(team.lead, { service: "podinfo-events" });
    const body = canary({ runId, eventMessage: "Advance podinfo.test canary weight 20", eventType: "Normal", timestamp: "1764943200000" });
    const answer = await flagger("event", body);
    expect(answer.status).toBe(200);
    const event = await db().timelineEvent.findFirstOrThrow({ where: { runId, type: "flagger.event" } });
    expect(event.actorName).toBe("API key “flagger”");
    expect(describeEvent(event)).toBe("Flagger (podinfo.test, Progressing): Advance podinfo.test canary weight 20");
  });

  it("refuses what it cannot place or trust: no key, an unknown run, an unknown hook", async () => {
    const { token: _token, ...withoutToken } = canary({}).metadata;
    expect((await flagger("confirm-rollout", { ...canary({}), metadata: withoutToken })).status).toBe(401);
    expect((await flagger("confirm-rollout", canary({ service: "nothing-deploys-this" }))).json).toMatchObject({ error: { code: "not_found", field: "metadata" } });
    expect((await flagger("promote", canary({}))).json).toMatchObject({ error: { field: "hook" } });
    // An event needs a key that may write the timeline.
    const { runId } = await runAtGoNoGo(team.lead, { service: "podinfo-ro" });
    expect((await flagger("event", { ...canary({ runId, eventMessage: "x" }), metadata: { runId, token: gateOnlyKey, eventMessage: "x" } })).status).toBe(403);
  });
});

describe("Argo Rollouts' web metric on the gate", () => {
  const metric = { jsonPath: "{$.decision}", successCondition: 'result == "go"', failureCondition: 'result in ["no_go", "rollback"]' };
  const measureGate = async (runId: string) => measure(await callApi("GET", `/api/v1/runs/${runId}/gate?stage=canary`, { key: gateOnlyKey }), metric);

  it("wait is Inconclusive (the rollout pauses), go is Successful, no_go and rollback are Failed — every answer a 200", async () => {
    const { runId } = await runAtGoNoGo(team.lead, { service: "argo-demo" });
    expect(await measureGate(runId)).toEqual({ phase: "Inconclusive", value: "wait" });
    await pollProceeds(team.lead, runId);
    await pushGreen(gateOnlyKey, runId);
    await evaluateRunNow(runId);
    expect(await measureGate(runId)).toEqual({ phase: "Successful", value: "go" });
    await takeLock(team.admin, { service: "argo-demo", reason: "Change freeze for the audit" });
    expect(await measureGate(runId)).toEqual({ phase: "Failed", value: "no_go" });
    await db().serviceLock.deleteMany({});
    const run = await db().run.findUniqueOrThrow({ where: { id: runId } });
    await triggerRollback(team.lead, { runId, label: (run.playbook as { manualRollbackTriggers: { label: string }[] }).manualRollbackTriggers[0].label, note: "p95 doubled" });
    expect(await measureGate(runId)).toEqual({ phase: "Failed", value: "rollback" });
    // An unknown run is not a verdict: Argo counts it as an Error, not a pass.
    expect(measure(await callApi("GET", "/api/v1/runs/none/gate", { key: gateOnlyKey }), metric).phase).toBe("Error");
  });
});
