// Checklist items tied to their metric on real PostgreSQL: "Canary metrics green (5 minutes)" ticks
// itself exactly once when the checkpoint elapses with data, naming the evidence; ticked by hand
// while the metrics say nothing (or say no), it needs a reason that reaches the timeline and the record.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import type { TRole } from "../domain/roles";
import type { AppError } from "../errors";
import { insertSamples } from "../metrics/ingest";
import { evaluateRunNow, recordSamples, stopMetricsMonitor } from "../metrics/monitor";
import { loadDeploymentRecord } from "../record/queries";
import { changeItem } from "./item-commands";
import { LINKED_ITEMS_ACTOR, tickLinkedItems } from "./linked-items";

useTestDatabase("linked-items");

let team: Record<TRole, TActor>;
beforeAll(async () => {
  team = await makeTeam();
});
afterAll(() => stopMetricsMonitor());

const MIN = 60_000;
/** Every metric a gating (escalation or rollback) rule of the seed judges, with a healthy value. */
const HEALTHY = { error_rate: 0.04, response_time_avg: 180, response_time_p95: 420, db_query_time: 35, memory: 52, db_connection_failures: 0 };

async function pushEvery10s(runId: string, metric: string, fromAgo: number, value: number) {
  const now = Date.now();
  const samples = [];
  for (let ago = fromAgo; ago >= 0; ago -= 10_000) samples.push({ metric, stage: "canary" as const, at: now - ago, value });
  recordSamples(runId, await insertSamples(runId, samples));
}

/** A run in `phase` (started), at the canary step whose countdown began `checkpointAgo` ago. */
async function runIn(phase: "production" | "validation", checkpointAgo: number) {
  const run = await makeRun(team.lead, { name: `linked ${phase}` });
  await db().run.update({
    where: { id: run.id },
    data: { status: phase, rolloutPercent: phase === "production" ? 10 : 100, checkpointStartedAt: new Date(Date.now() - checkpointAgo) },
  });
  await db().runPhase.updateMany({ where: { runId: run.id, key: phase }, data: { startedAt: new Date(Date.now() - checkpointAgo) } });
  return run.id;
}

const itemNamed = (runId: string, text: string) => db().runItem.findFirstOrThrow({ where: { text, section: { phase: { runId } } } });

async function waitFor<T>(read: () => Promise<T>, isDone: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (isDone(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("condition not met within 10 s");
}

const tickEvents = (runId: string, itemId: string) =>
  db().timelineEvent.findMany({ where: { runId, type: "item.changed", payload: { path: ["itemId"], equals: itemId } }, orderBy: { seq: "asc" } });

describe("checklist items tied to a checkpoint", () => {
  it("tick themselves exactly once when the checkpoint elapses with data, naming the evidence", async () => {
    const runId = await runIn("production", 6 * MIN);
    for (const [metric, value] of Object.entries(HEALTHY)) await pushEvery10s(runId, metric, 6 * MIN, value);
    // The rules go from no data to ok: the state change is what calls the linked-items hook.
    await evaluateRunNow(runId);
    const item = await waitFor(() => itemNamed(runId, "Canary metrics green (5 minutes)"), (i) => i.state === "done");
    expect(item.changedById).toBe(LINKED_ITEMS_ACTOR.id);
    expect(item.note).toMatch(/^on canary over 6 min: error_rate 0\.04% \(3[67] samples\), response_time_avg 180 ms \(3[67] samples\), /);

    // Two instances (or callers) at once, and again later: still one tick.
    expect(await Promise.all([tickLinkedItems(runId), tickLinkedItems(runId)])).toEqual([0, 0]);
    const events = await tickEvents(runId, item.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorName: "Warroom (metrics)", payload: { state: "done", note: item.note, override: null } });

    // A lead who reopens it is not overruled by the same pass.
    await changeItem(team.lead, { runId, itemId: item.id, action: { kind: "reopen" }, version: item.version });
    expect(await tickLinkedItems(runId)).toBe(0);
    expect((await itemNamed(runId, "Canary metrics green (5 minutes)")).state).toBe("open");
  });

  it("a zero-sample canary never ticks it; by hand it needs a reason, kept on the timeline and in the record", async () => {
    const runId = await runIn("production", 6 * MIN);
    await evaluateRunNow(runId);
    expect(await tickLinkedItems(runId)).toBe(0);
    const item = await itemNamed(runId, "Canary metrics green (5 minutes)");
    expect(item.state).toBe("open");

    const refused = await changeItem(team.lead, { runId, itemId: item.id, action: { kind: "done" }, version: item.version }).catch((e: AppError) => e);
    expect((refused as AppError).code).toBe("invalid_input");
    expect((refused as AppError).message).toMatch(/^Give a reason to tick “Canary metrics green \(5 minutes\)” by hand — it is tied to checkpoint “Canary metrics green \(5 minutes\)”: “.+” has no data — is the monitoring feed running\?$/);
    expect((await itemNamed(runId, item.text)).state).toBe("open");

    const reason = "Feed down; canary checked by hand in Grafana";
    const { event } = await changeItem(team.lead, { runId, itemId: item.id, action: { kind: "done", reason }, version: item.version });
    expect(event.payload).toMatchObject({ state: "done", note: reason, override: expect.stringMatching(/^inconclusive: .+ has no data/) });
    expect(await itemNamed(runId, item.text)).toMatchObject({ state: "done", note: reason, overrideStatus: expect.stringMatching(/^inconclusive: /) });

    const record = await loadDeploymentRecord(runId);
    const production = record!.phases.find((p) => p.key === "production")!;
    expect(production.exceptions).toContainEqual(expect.objectContaining({ text: item.text, state: "done", note: reason, byName: "Lee Lead", override: expect.stringMatching(/^inconclusive: /) }));
  });
});

describe("checklist items tied to a rule", () => {
  it("“Verify performance metrics”: refused without a reason while not met, ticks itself once met", async () => {
    const runId = await runIn("validation", 3 * MIN);
    await pushEvery10s(runId, "response_time_avg", MIN, 800);
    await evaluateRunNow(runId);
    const item = await itemNamed(runId, "Verify performance metrics");
    const refused = await changeItem(team.lead, { runId, itemId: item.id, action: { kind: "done" }, version: item.version }).catch((e: AppError) => e);
    expect((refused as AppError).message).toContain("rule “Response time < 500ms”: “Response time < 500ms” is not met (800 ms on canary)");

    await pushEvery10s(runId, "response_time_avg", 0, 210);
    await evaluateRunNow(runId);
    const ticked = await waitFor(() => itemNamed(runId, item.text), (i) => i.state === "done");
    expect(ticked).toMatchObject({ changedById: LINKED_ITEMS_ACTOR.id, note: expect.stringMatching(/^response_time_avg 210 ms on canary, \d+ samples over 2 min$/) });
    expect(await tickEvents(runId, item.id)).toHaveLength(1);
  });
});
