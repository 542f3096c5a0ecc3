// Decision guides on real PostgreSQL: each choice is a timeline event, the canary-red walk's ROLLBACK
// moves the run to rolled back through the status command, retries are idempotent, stale steps are
// refused, and a screen folding the events ends where a fresh snapshot starts.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import type { TWalkView } from "../domain/decision-events";
import type { TRole } from "../domain/roles";
import { redactSnapshot } from "../domain/public-snapshot";
import { applyRunEvent, stateFingerprint } from "../domain/run-snapshot";
import { getRunSnapshot } from "../runs/queries";
import { eventsAfter } from "../timeline/events";
import { abandonWalk, applyWalk, startWalk, stepWalk } from "./commands";

useTestDatabase("decision_walks");

let team: Record<TRole, TActor>;
beforeAll(async () => {
  team = await makeTeam();
});

/** A run ten minutes into its canary (10%): walking there takes checkpoints a test cannot wait for. */
async function runInCanary() {
  const run = await makeRun(team.lead, { name: "MIDI 9 canary" });
  const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
  await db().run.update({ where: { id: run.id }, data: { status: "production", rolloutPercent: 10, startedAt: ago(160), checkpointStartedAt: ago(10) } });
  for (const [key, start, end] of [["pre_deployment", 160, 105], ["staging", 105, 60], ["smoke_testing", 60, 20], ["production", 10, null]] as const) {
    await db().runPhase.updateMany({ where: { runId: run.id, key }, data: { startedAt: ago(start), completedAt: end === null ? null : ago(end) } });
  }
  return run.id;
}

const walkOf = (result: Awaited<ReturnType<typeof startWalk>>) => (result.event.payload as { walk: TWalkView }).walk;

describe("walking the canary-red guide", () => {
  it("records each choice and applies ROLLBACK through the status command, once", async () => {
    const runId = await runInCanary();
    const before = (await getRunSnapshot(runId))!;
    const evidence = ["Rollback rule firing: Error rate > 5% sustained (5 minutes) (7.4% on canary) at 10% rollout"];
    const walk = walkOf(await startWalk(team.lead, { runId, treeKey: "canary_red", signal: "canary_rollback_rule", evidence }));
    expect(walk).toMatchObject({ treeTitle: "Canary Metrics Red", status: "open", path: [], evidence, version: 0 });
    await expect(startWalk(team.admin, { runId, treeKey: "canary_red" })).rejects.toMatchObject({ code: "conflict" });

    await stepWalk(team.lead, { runId, walkId: walk.id, step: { kind: "choose", nodeId: "isolated-to-canary" }, version: 0 });
    await stepWalk(team.lead, { runId, walkId: walk.id, step: { kind: "back" }, version: 1 });
    // A stale screen's choice is refused with the walk as it stands.
    await expect(stepWalk(team.admin, { runId, walkId: walk.id, step: { kind: "choose", nodeId: "widespread" }, version: 1 })).rejects.toMatchObject({ code: "conflict" });
    await expect(stepWalk(team.lead, { runId, walkId: walk.id, step: { kind: "choose", nodeId: "rollback-immediately" }, version: 2 })).rejects.toMatchObject({ code: "conflict" });
    await stepWalk(team.lead, { runId, walkId: walk.id, step: { kind: "choose", nodeId: "widespread" }, version: 2 });
    await stepWalk(team.lead, { runId, walkId: walk.id, step: { kind: "choose", nodeId: "rollback-immediately" }, version: 3 });

    const commandId = randomUUID();
    const applied = await applyWalk(team.lead, { runId, walkId: walk.id, version: 4, commandId });
    const again = await applyWalk(team.lead, { runId, walkId: walk.id, version: 4, commandId });
    expect(again).toMatchObject({ isReplay: true, event: { seq: applied.event.seq } });

    const run = await db().run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe("rolled_back");
    // The status reason reaches status links: the guide's name, not the path the team walked.
    expect(run.statusReason).toBe("Decided with the “Canary Metrics Red” decision guide");
    const publicRun = redactSnapshot((await getRunSnapshot(runId))!);
    expect(publicRun.statusReason).not.toMatch(/Widespread|ROLLBACK immediately|→/);
    const { events } = await eventsAfter(runId, before.lastSeq);
    expect(events.map((e) => e.type)).toEqual([
      "decision.started",
      "decision.stepped",
      "decision.stepped",
      "decision.stepped",
      "decision.stepped",
      "run.status_changed",
      "decision.applied",
    ]);
    expect(events.at(-1)!.payload).toMatchObject({ action: "rollback", outcome: "Moved the run to Rolled back", statusSeq: events.at(-2)!.seq });

    const folded = events.reduce(applyRunEvent, before);
    const fresh = (await getRunSnapshot(runId))!;
    expect(stateFingerprint(folded)).toBe(stateFingerprint(fresh));
    expect(folded.decisions).toEqual(fresh.decisions);
    expect(fresh.decisions.walks[0]).toMatchObject({ status: "applied", action: "rollback", path: ["widespread", "rollback-immediately"], endedByName: team.lead.name });
  });

  it("refuses applying before a final action, walking for members and viewers, and a status the machine refuses", async () => {
    const runId = await runInCanary();
    const walk = walkOf(await startWalk(team.lead, { runId, treeKey: "rollout_errors" }));
    await expect(applyWalk(team.lead, { runId, walkId: walk.id, version: 0 })).rejects.toMatchObject({ code: "conflict" });
    for (const actor of [team.member, team.viewer]) {
      await expect(stepWalk(actor, { runId, walkId: walk.id, step: { kind: "choose", nodeId: "fixable-code-issue" }, version: 0 })).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(startWalk(team.lead, { runId, treeKey: "no_such_tree" })).rejects.toMatchObject({ code: "not_found" });
    // Authorize before the lookup: a viewer learns nothing about which walks exist.
    const missing = randomUUID();
    for (const actor of [team.member, team.viewer]) {
      await expect(applyWalk(actor, { runId, walkId: missing, version: 0 })).rejects.toMatchObject({ code: "forbidden" });
      await expect(applyWalk(actor, { runId, walkId: walk.id, version: 0 })).rejects.toMatchObject({ code: "forbidden" });
      await expect(abandonWalk(actor, { runId, walkId: missing, version: 0 })).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(applyWalk(team.lead, { runId, walkId: missing, version: 0 })).rejects.toMatchObject({ code: "not_found" });

    // Resume is a decision for people: applying it records, the run stays in production.
    await stepWalk(team.lead, { runId, walkId: walk.id, step: { kind: "choose", nodeId: "environmental-infra-issue" }, version: 0 });
    await stepWalk(team.lead, { runId, walkId: walk.id, step: { kind: "choose", nodeId: "address-infra-resume" }, version: 1 });
    const applied = await applyWalk(team.lead, { runId, walkId: walk.id, version: 2 });
    expect(applied.event.payload).toMatchObject({ action: "resume", statusSeq: null });
    expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).status).toBe("production");

    const other = walkOf(await startWalk(team.lead, { runId, treeKey: "canary_red" }));
    await abandonWalk(team.lead, { runId, walkId: other.id, version: 0 });
    await expect(abandonWalk(team.lead, { runId, walkId: other.id, version: 1 })).rejects.toMatchObject({ code: "conflict" });
    // Abandoned: the tree may be walked again.
    await startWalk(team.lead, { runId, treeKey: "canary_red" });
  });

  it("reschedules a run whose staging tests fail and a lead rolls back staging", async () => {
    const run = await makeRun(team.lead, { name: "MIDI 9 staging" });
    await db().run.update({ where: { id: run.id }, data: { status: "staging", startedAt: new Date() } });
    const walk = walkOf(await startWalk(team.lead, { runId: run.id, treeKey: "staging_tests_fail", signal: "staging_item_failed", evidence: ["Staging Deployment: “No errors in logs” failed"] }));
    await stepWalk(team.lead, { runId: run.id, walkId: walk.id, step: { kind: "choose", nodeId: "rollback-previous" }, version: 0 });
    await applyWalk(team.lead, { runId: run.id, walkId: walk.id, version: 1 });
    expect((await db().run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("rescheduled");
  });
});
