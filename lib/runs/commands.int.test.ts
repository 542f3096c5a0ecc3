import { beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import type { TRole } from "../domain/roles";
import { AppError } from "../errors";
import { changeItem } from "./item-commands";
import { advanceRollout } from "./rollout-commands";
import { changeStatus } from "./status-commands";

useTestDatabase("commands");

let team: Record<TRole, TActor>;
beforeAll(async () => {
  team = await makeTeam();
});

async function firstItem(runId: string) {
  return db().runItem.findFirstOrThrow({ where: { section: { phase: { runId } } }, orderBy: [{ section: { phase: { position: "asc" } } }, { position: "asc" }] });
}

async function codeOf(promise: Promise<unknown>) {
  return promise.then(() => "ok", (e: unknown) => (e instanceof AppError ? e.code : `unexpected: ${String(e)}`));
}

async function expectSeqsContiguous(runId: string) {
  const seqs = (await db().timelineEvent.findMany({ where: { runId }, orderBy: { seq: "asc" }, select: { seq: true } })).map((e) => e.seq);
  expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).lastSeq).toBe(seqs.length);
}

describe("checklist commands on real PostgreSQL", () => {
  it("50 concurrent conflicting ticks: exactly one wins, one event, seq gap-free", async () => {
    const run = await makeRun(team.lead);
    const item = await firstItem(run.id);
    const actors = [team.lead, team.member, team.admin];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        codeOf(
          changeItem(actors[i % 3], {
            runId: run.id,
            itemId: item.id,
            version: 0,
            action: i % 2 ? { kind: "done" } : { kind: "skip", reason: `reason ${i}` },
          }),
        ),
      ),
    );
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    // Every other change is refused as a conflict; on an overloaded machine some may instead be told
    // "too busy, try again" (a retryable refusal that wrote nothing): neither is a second winner.
    const refusals = results.filter((r) => r !== "ok");
    expect(refusals.filter((r) => r !== "conflict" && r !== "unavailable")).toEqual([]);
    expect(refusals.filter((r) => r === "conflict").length).toBeGreaterThan(0);
    const after = await db().runItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(after.version).toBe(1);
    const events = await db().timelineEvent.findMany({ where: { runId: run.id, type: "item.changed" } });
    expect(events).toHaveLength(1);
    expect((events[0].payload as { state: string }).state).toBe(after.state);
    await expectSeqsContiguous(run.id);
  });

  it("the losing change is told the state it lost to: by whom, when, and the reason", async () => {
    const run = await makeRun(team.lead);
    const item = await firstItem(run.id);
    await changeItem(team.member, { runId: run.id, itemId: item.id, version: 0, action: { kind: "skip", reason: "Checked yesterday" } });
    const loser = await changeItem(team.lead, { runId: run.id, itemId: item.id, version: 0, action: { kind: "done" } }).catch((e: AppError) => e);
    expect(loser).toBeInstanceOf(AppError);
    expect((loser as AppError).message).toMatch(/^Not applied: someone changed it first\. It is now skipped \(Max Member, \d\d:\d\d:\d\d UTC\) — “Checked yesterday”\.$/);
  });

  it("applies a retried command (same idempotency key) once and returns the same event", async () => {
    const run = await makeRun(team.lead);
    const item = await firstItem(run.id);
    const input = { runId: run.id, itemId: item.id, version: 0, action: { kind: "done" }, commandId: "cmd-retry-0001" };
    const [a, b] = await Promise.all([changeItem(team.member, input), changeItem(team.member, input)]);
    expect(a.event.seq).toBe(b.event.seq);
    expect([a.isReplay, b.isReplay].sort()).toEqual([false, true]);
    const again = await changeItem(team.member, input);
    expect(again).toMatchObject({ isReplay: true, event: { seq: a.event.seq } });
    expect((await db().runItem.findUniqueOrThrow({ where: { id: item.id } })).version).toBe(1);
    await expectSeqsContiguous(run.id);
  });

  it("refuses viewers and bad input, writing nothing", async () => {
    const run = await makeRun(team.lead);
    const item = await firstItem(run.id);
    expect(await codeOf(changeItem(team.viewer, { runId: run.id, itemId: item.id, version: 0, action: { kind: "done" } }))).toBe("forbidden");
    expect(await codeOf(changeItem(team.member, { runId: run.id, itemId: item.id, version: 0, action: { kind: "skip", reason: "  " } }))).toBe("invalid_input");
    expect(await codeOf(changeItem(team.member, { runId: run.id, itemId: item.id, version: 0, action: { kind: "fail" } }))).toBe("invalid_input");
    expect(await codeOf(changeItem(team.member, { runId: run.id, itemId: "nope", version: 0, action: { kind: "done" } }))).toBe("not_found");
    expect(await codeOf(changeItem(team.member, { runId: "nope", itemId: item.id, version: 0, action: { kind: "done" } }))).toBe("not_found");
    expect(await codeOf(changeItem(team.member, { runId: run.id, itemId: item.id, version: "0", action: { kind: "done" } }))).toBe("invalid_input");
    expect((await db().runItem.findUniqueOrThrow({ where: { id: item.id } })).version).toBe(0);
    expect(await db().timelineEvent.count({ where: { runId: run.id } })).toBe(1);
  });
});

describe("run status and rollout commands", () => {
  it("walks the status machine, refusing incomplete phases and illegal moves with a reason", async () => {
    const run = await makeRun(team.lead);
    const move = (to: string, version: number, extra: object = {}) => changeStatus(team.lead, { runId: run.id, to, version, ...extra });
    expect(await codeOf(changeStatus(team.member, { runId: run.id, to: "pre_deployment", version: 0 }))).toBe("forbidden");
    await move("pre_deployment", 0);
    const refused = await move("staging", 1).catch((e: AppError) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).message).toMatch(/Pre-Deployment is not complete: \d+ required items are still open/);
    expect(await codeOf(move("production", 1))).toBe("illegal_transition");
    expect(await codeOf(move("staging", 0))).toBe("conflict");

    const phase = await db().runPhase.findFirstOrThrow({ where: { runId: run.id, key: "pre_deployment" }, include: { sections: { include: { items: true } } } });
    expect(phase.startedAt).not.toBeNull();
    for (const item of phase.sections.flatMap((s) => s.items).filter((i) => i.required)) {
      await changeItem(team.member, { runId: run.id, itemId: item.id, version: item.version, action: { kind: "done" } });
    }
    await move("staging", 1);
    const after = await db().runPhase.findFirstOrThrow({ where: { id: phase.id } });
    expect(after.completedAt).not.toBeNull();
    expect(await codeOf(move("aborted", 2))).toBe("illegal_transition");
    await move("aborted", 2, { reason: "Storage outage upstream" });
    expect(await codeOf(move("staging", 3))).toBe("illegal_transition");
    await expectSeqsContiguous(run.id);
  });

  it("only steps the rollout in production", async () => {
    const run = await makeRun(team.lead);
    const refused = await advanceRollout(team.lead, { runId: run.id, fromPercent: 0 }).catch((e: AppError) => e);
    expect((refused as AppError).message).toMatch(/production phase only/);
    await db().run.update({ where: { id: run.id }, data: { status: "production" } });
    const step = await advanceRollout(team.lead, { runId: run.id, fromPercent: 0 });
    expect(step.event.payload).toMatchObject({ percent: 10, checkpoint: "Canary metrics green (5 minutes)" });
    const early = await advanceRollout(team.lead, { runId: run.id, fromPercent: 10 }).catch((e: AppError) => e);
    // No sample has arrived: the metrics hold the checkpoint (a zero-sample canary is never green).
    expect((early as AppError).message).toMatch(/The metrics hold this checkpoint/);
    expect(await codeOf(advanceRollout(team.lead, { runId: run.id, fromPercent: 0 }))).toBe("conflict");

    // Leaving production waits for the full rollout, even with every production item done.
    await db().runItem.updateMany({ where: { section: { phase: { runId: run.id, key: "production" } } }, data: { state: "done" } });
    const { version } = await db().run.findUniqueOrThrow({ where: { id: run.id } });
    const toValidation = await changeStatus(team.lead, { runId: run.id, to: "validation", version }).catch((e: AppError) => e);
    expect((toValidation as AppError).message).toBe("The rollout is at 10%: step it to 100% before validation.");
    await db().run.update({ where: { id: run.id }, data: { rolloutPercent: 100 } });
    await changeStatus(team.lead, { runId: run.id, to: "validation", version });
  });

  it("a rehearsal run's checkpoints and rule windows run at its time scale, labelled so", async () => {
    const run = await makeRun(team.lead, { timeScale: 30 });
    expect((await makeRun(team.lead)).playbook).toMatchObject({ rolloutSteps: [{ greenMinutes: 5 }, { greenMinutes: 2 }, { greenMinutes: 5 }] });
    await db().run.update({ where: { id: run.id }, data: { status: "production" } });
    const step = await advanceRollout(team.lead, { runId: run.id, fromPercent: 0 });
    expect(step.event.payload).toMatchObject({ percent: 10, checkpoint: "Canary metrics green (5 minutes) [time ×30: 10 s]" });
    const early = await advanceRollout(team.lead, { runId: run.id, fromPercent: 10 }).catch((e: AppError) => e);
    // Without samples the compressed checkpoint is held too; its label says the time scale.
    expect((early as AppError).message).toMatch(/The metrics hold this checkpoint/);
    const created = await db().timelineEvent.findFirstOrThrow({ where: { runId: run.id, type: "run.created" } });
    expect(created.payload).toMatchObject({ timeScale: 30 });
  });
});
