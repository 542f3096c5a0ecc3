// The gate over the API against a real database: go only with PROCEED and green data, the stage and
// step asked about, bad queries named, and ?wait= answering as soon as the decision changes.
import { beforeAll, describe, expect, it } from "vitest";
import { callApi } from "../../e2e/support/api-client";
import { pollProceeds, pushGreen, QUESTIONS, runAtGoNoGo } from "../../e2e/support/gate-arrange";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import type { TActor } from "../auth/users";
import type { TRole } from "../domain/roles";
import { manualTriggers } from "../domain/metric-defaults";
import { evaluateRunNow } from "../metrics/monitor";
import { triggerRollback } from "../metrics/rollback-commands";
import { takeLock } from "../locks/commands";
import { closePoll, openPoll, votePoll } from "../runs/poll-commands";
import { gateWaiterCount } from "./gate-watch";
import { createWorkspaceKey } from "./keys";
import { API_SCOPES } from "./scopes";

useTestDatabase("api_gate");

type TGateJson = { decision: string; reasons: { source: string; decision: string; message: string }[]; waitedMs?: number; step: number | null; stage: string | null };

let team: Record<TRole, TActor>;
let key: string;
beforeAll(async () => {
  team = await makeTeam();
  key = (await createWorkspaceKey(team.admin, { name: "ci-deploy", scopes: [...API_SCOPES] })).token;
});

const gate = async (runId: string, query = "") => {
  const answer = await callApi("GET", `/api/v1/runs/${runId}/gate${query}`, { key });
  return { status: answer.status, json: answer.json as TGateJson & { error?: { field?: string } } };
};

async function untilWaiting(count: number) {
  for (let i = 0; i < 500 && gateWaiterCount() < count; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(gateWaiterCount()).toBe(count);
}

describe("the gate", () => {
  it("says go once the poll said PROCEED and every gating rule is ok with fresh data", async () => {
    const { runId } = await runAtGoNoGo(team.lead);
    expect((await gate(runId, "?stage=production")).json.decision).toBe("wait");
    await pollProceeds(team.lead, runId);
    const noData = (await gate(runId, "?stage=production")).json;
    expect(noData.decision).toBe("wait");
    expect(noData.reasons.some((r) => r.source === "metrics" && /^error_rate: no sample for \d+:\d\d — is the monitoring feed running\?$/.test(r.message))).toBe(true);
    await pushGreen(key, runId);
    await evaluateRunNow(runId);
    const go = (await gate(runId, "?stage=production")).json;
    expect(go).toMatchObject({ decision: "go", stage: "production", step: null });
    expect(go.reasons.map((r) => r.source)).toEqual(["poll", "metrics"]);
    // A step's checkpoint is a further condition: the rollout has not reached 10% yet.
    expect((await gate(runId, "?stage=canary&step=10")).json.reasons[0].message).toBe("The rollout has not started (Go / No-Go): 10% is not reached yet.");
  });

  it("names a bad query: an unknown stage, a step the rollout lacks, a wait too long", async () => {
    const run = await makeRun(team.lead);
    expect((await gate(run.id, "?stage=staging")).json.error).toMatchObject({ field: "stage" });
    expect((await gate(run.id, "?step=30")).json.error).toMatchObject({ field: "step", message: expect.stringContaining("10%, 50%, 100%") });
    expect((await gate(run.id, "?wait=2m")).json.error).toMatchObject({ field: "wait" });
    expect((await gate(run.id, "?wait=30s&while=maybe")).json.error).toMatchObject({ field: "while" });
    expect((await gate(run.id, "?step=30")).status).toBe(422);
  });

  it("?wait= answers as soon as the decision changes, not at the end of the wait", async () => {
    const run = await makeRun(team.lead);
    // 30 s: were the change not heard, the answer would come at the end with the old decision.
    const waiting = gate(run.id, "?wait=30s");
    await untilWaiting(1);
    await triggerRollback(team.lead, { runId: run.id, label: manualTriggers(run.playbook)[0], note: "Seen in the logs" });
    const answer = (await waiting).json;
    expect(answer.decision).toBe("rollback");
    expect(answer.waitedMs).toEqual(expect.any(Number));
    expect(gateWaiterCount()).toBe(0);
  });

  it("?wait= with `while` answers at once when the decision already differs, and keeps the decision when time is up", async () => {
    const run = await makeRun(team.lead);
    expect((await gate(run.id, "?wait=30s&while=go")).json).toMatchObject({ decision: "wait" });
    const timedOut = (await gate(run.id, "?wait=1s")).json;
    expect(timedOut.decision).toBe("wait");
    expect(timedOut.waitedMs).toBeGreaterThanOrEqual(900);
    expect(gateWaiterCount()).toBe(0);
  });

  it("forgets a waiter whose client hung up", async () => {
    const run = await makeRun(team.lead);
    const module = (await import("../../app/api/v1/runs/[id]/gate/route")) as { GET: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response> };
    const hangUp = new AbortController();
    const request = new Request(`http://localhost:3999/api/v1/runs/${run.id}/gate?wait=30s`, { headers: { authorization: `Bearer ${key}` }, signal: hangUp.signal });
    const answered = module.GET(request, { params: Promise.resolve({ id: run.id }) });
    await untilWaiting(1);
    hangUp.abort();
    await answered;
    expect(gateWaiterCount()).toBe(0);
  });

  it("answers 50 pipelines waiting on one run alike: go once the poll closes with PROCEED, no_go when a lock is taken", async () => {
    const { runId } = await runAtGoNoGo(team.lead, { service: "gate-fifty" });
    await pushGreen(key, runId);
    await evaluateRunNow(runId);
    const { event } = await openPoll(team.lead, { runId, questions: QUESTIONS, positions: ["deployment_lead"] });
    const pollId = (event.payload as { pollId: string }).pollId;
    await votePoll(team.lead, { runId, pollId, position: "deployment_lead", answers: [{ questionIndex: 0, answer: "go", version: 0 }] });
    const pipelines = (whileDecision: string) => Array.from({ length: 50 }, () => gate(runId, `?stage=production&wait=30s&while=${whileDecision}`));

    const waitingForGo = pipelines("wait");
    await untilWaiting(50);
    await closePoll(team.lead, { runId, pollId });
    const goes = (await Promise.all(waitingForGo)).map((a) => a.json);
    expect(goes.map((a) => a.decision)).toEqual(Array(50).fill("go"));
    const { waitedMs: _, ...first } = goes[0];
    for (const { waitedMs, ...answer } of goes) {
      expect(answer).toEqual(first);
      expect(waitedMs).toEqual(expect.any(Number));
    }
    expect(first.reasons.map((r) => r.source)).toEqual(["poll", "metrics"]);

    const waitingWhileGo = pipelines("go");
    await untilWaiting(50);
    await takeLock(team.lead, { service: "gate-fifty", reason: "Database migration in progress" });
    const held = (await Promise.all(waitingWhileGo)).map((a) => a.json);
    expect(new Set(held.map((a) => a.decision))).toEqual(new Set(["no_go"]));
    expect(held.every((a) => a.reasons[0].source === "lock" && a.reasons[0].message === held[0].reasons[0].message)).toBe(true);
    expect(held[0].reasons[0].message).toMatch(/locked/);
    expect(gateWaiterCount()).toBe(0);
  });
});
