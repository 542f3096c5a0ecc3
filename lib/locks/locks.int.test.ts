// Locks and freezes against a real database: Shipit's 409 with holder and reason, every run of the
// service under way hearing of it on its timeline, the gate's no_go (and its long-poll waking), and
// a lead's written override for one run — which an API key may not make.
import { beforeAll, describe, expect, it } from "vitest";
import { callApi } from "../../e2e/support/api-client";
import { dbChangesSince, dbMark, watchDbChanges } from "../../e2e/support/db-changes";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { pollProceeds, pushGreen, runAtGoNoGo } from "../../e2e/support/gate-arrange";
import { useTestDatabase } from "../../e2e/support/integration";
import { gateWaiterCount } from "../api/gate-watch";
import { authenticateApiKey, createWorkspaceKey } from "../api/keys";
import { API_SCOPES } from "../api/scopes";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import type { TRole } from "../domain/roles";
import { evaluateRunNow } from "../metrics/monitor";
import { overrideGuards, takeLock } from "./commands";

useTestDatabase("locks");

let team: Record<TRole, TActor>;
let key: string;
beforeAll(async () => {
  team = await makeTeam();
  key = (await createWorkspaceKey(team.admin, { name: "ci-deploy", scopes: [...API_SCOPES] })).token;
  await watchDbChanges();
});

type TGate = { decision: string; reasons: { source: string; decision: string; message: string }[] };
const gate = async (runId: string, query = "") => (await callApi("GET", `/api/v1/runs/${runId}/gate${query}`, { key })).json as TGate;
const post = (url: string, body: unknown) => callApi("POST", url, { key, body });

/** A run at go/no-go whose poll said PROCEED and whose metrics are green: the gate says go. */
async function goRun(service: string) {
  const { runId } = await runAtGoNoGo(team.lead, { service });
  await pollProceeds(team.lead, runId);
  await pushGreen(key, runId);
  await evaluateRunNow(runId);
  expect((await gate(runId)).decision).toBe("go");
  return runId;
}

describe("service locks", () => {
  it("are taken with a reason; a held one is 409 naming the holder and the reason, writing nothing", async () => {
    const taken = await post("/api/v1/locks", { service: "Billing", reason: "Incident 4411: ledger drift" });
    expect(taken.status).toBe(201);
    expect(taken.json).toMatchObject({ lock: { service: "Billing", holderName: "API key “ci-deploy”", reason: "Incident 4411: ledger drift" } });
    const mark = await dbMark();
    const again = await callApi("POST", "/api/v1/locks", { key, body: { service: "billing ", reason: "Deploying 2.0" } });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({
      error: { code: "conflict", field: "service", message: expect.stringMatching(/^Billing is already locked by API key “ci-deploy” since .* UTC: Incident 4411: ledger drift$/) },
      lock: { service: "Billing", holderName: "API key “ci-deploy”", reason: "Incident 4411: ledger drift" },
    });
    expect(await dbChangesSince(mark)).toEqual([]);
    expect((await post("/api/v1/locks", { service: "billing" })).json).toMatchObject({ error: { field: "reason" } });
    expect((await callApi("DELETE", "/api/v1/locks/billing", { key })).status).toBe(200);
    expect((await callApi("DELETE", "/api/v1/locks/billing", { key })).json).toMatchObject({ error: { code: "not_found", field: "service" } });
  });

  it("hold the runs of the service under way (on their timelines, and in the gate), and wake a waiting pipeline", async () => {
    const runId = await goRun("search");
    const other = await makeRun(team.lead, { service: "ledger" });
    const waiting = callApi("GET", `/api/v1/runs/${runId}/gate?wait=30s`, { key });
    for (let i = 0; i < 300 && gateWaiterCount() < 1; i++) await new Promise((r) => setTimeout(r, 10));
    await takeLock(team.lead, { service: "Search", reason: "Index rebuild until 16:00" });
    const answer = (await waiting).json as TGate;
    expect(answer.decision).toBe("no_go");
    expect(answer.reasons[0]).toEqual({ source: "lock", decision: "no_go", message: "Search is locked by Lee Lead: Index rebuild until 16:00" });
    const event = await db().timelineEvent.findFirstOrThrow({ where: { runId, type: "lock.taken" } });
    expect(event.actorName).toBe("Lee Lead");
    expect(await db().timelineEvent.count({ where: { runId: other.id, type: "lock.taken" } })).toBe(0);
    await callApi("DELETE", "/api/v1/locks/search", { key });
    expect((await gate(runId)).decision).toBe("go");
    expect(await db().timelineEvent.count({ where: { runId, type: "lock.released" } })).toBe(1);
  });

  it("may be overridden for one run by a lead with a written reason, logged; never by an API key", async () => {
    const runId = await goRun("payments");
    await takeLock(team.admin, { service: "payments", reason: "Quarter close" });
    const keyActor = (await authenticateApiKey(`Bearer ${key}`)).actor;
    await expect(overrideGuards(keyActor, { runId, reason: "The pipeline says so, really" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(overrideGuards(team.lead, { runId, reason: "short" })).rejects.toMatchObject({ code: "invalid_input" });
    await overrideGuards(team.lead, { runId, reason: "Hotfix for the quarter-close bug itself" });
    const after = await gate(runId);
    expect(after.decision).toBe("go");
    expect(after.reasons.find((r) => r.source === "lock")?.message).toBe("payments is locked by Ada Admin: Quarter close — overridden for this run by Lee Lead: Hotfix for the quarter-close bug itself");
    const logged = await db().timelineEvent.findFirstOrThrow({ where: { runId, type: "guard.overridden" } });
    expect(logged).toMatchObject({ actorName: "Lee Lead", payload: { reason: "Hotfix for the quarter-close bug itself" } });
    // The override covers what held the run then, not a freeze added later.
    await post("/api/v1/freezes", { kind: "range", service: "payments", reason: "Audit", startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await gate(runId)).decision).toBe("no_go");
  });
});

describe("freeze windows", () => {
  it("hold every service (or one) while they last, and name themselves in the gate", async () => {
    const runId = await goRun("catalog");
    const now = Date.now();
    const saved = await post("/api/v1/freezes", { kind: "range", service: null, reason: "Black Friday", startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), timeZone: "UTC" });
    expect(saved.status).toBe(201);
    const frozen = await gate(runId);
    expect(frozen.decision).toBe("no_go");
    expect(frozen.reasons[0].message).toMatch(/^Frozen \(every service\) until .* UTC: Black Friday$/);
    expect(await db().timelineEvent.count({ where: { runId, type: "freeze.saved" } })).toBe(1);
    const id = (saved.json as { freeze: { id: string } }).freeze.id;
    expect((await callApi("DELETE", `/api/v1/freezes/${id}`, { key })).status).toBe(200);
    expect((await gate(runId)).decision).toBe("go");
  });

  it("refuse a bad window naming the field", async () => {
    expect((await post("/api/v1/freezes", { kind: "range", reason: "x", startsAt: "2026-12-02T00:00:00Z", endsAt: "2026-12-01T00:00:00Z" })).json).toMatchObject({ error: { field: "endsAt" } });
    expect((await post("/api/v1/freezes", { kind: "weekly", reason: "x", weekdays: [1], start: "18:00", end: "08:00", timeZone: "Mars/Olympus" })).json).toMatchObject({ error: { field: "timeZone" } });
    expect((await post("/api/v1/freezes", { kind: "weekly", reason: "x", weekdays: [], start: "18:00", end: "08:00" })).json).toMatchObject({ error: { field: "weekdays" } });
  });
});
