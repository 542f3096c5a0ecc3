// Folds of a long log from a saved checkpoint, on real PostgreSQL: the result is the whole log's fold,
// later loads start from the checkpoint, and a checkpoint of another fold version is ignored.
import { beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { seedTimeline } from "../../e2e/support/seed-history";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import { catchUp } from "../domain/catch-up";
import { foldPeriods, type TFiringPeriod } from "../domain/metric-events";
import type { TRole } from "../domain/roles";
import { loadCatchUp } from "../runs/catch-up-query";
import { getRunSnapshot } from "../runs/queries";
import { changeStatus } from "../runs/status-commands";
import { eventsBefore, toRunEvent } from "./events";
import { CHECKPOINT_AFTER, foldThrough, type TCheckpointedFold } from "./fold-checkpoints";

useTestDatabase("fold_checkpoints");

let team: Record<TRole, TActor>;
beforeAll(async () => {
  team = await makeTeam();
});

/** Counts the item ticks and remembers the last seq it saw. */
const ticks = (version = 1): TCheckpointedFold<{ count: number; lastSeq: number }> => ({
  name: "test-ticks",
  version,
  types: ["item.changed"],
  initial: { count: 0, lastSeq: 0 },
  step: (state, event) => ({ count: state.count + 1, lastSeq: event.seq }),
});

const fold = (runId: string, throughSeq: number, f = ticks()) => db().$transaction((tx) => foldThrough(tx, runId, throughSeq, f));
const checkpoint = (runId: string) => db().runFoldCheckpoint.findUnique({ where: { runId_fold: { runId, fold: "test-ticks" } } });
const lastSeqOf = async (runId: string) => (await db().run.findUniqueOrThrow({ where: { id: runId } })).lastSeq;

describe("foldThrough", () => {
  it("folds the whole log once, saves it, and later folds only what came after the checkpoint", async () => {
    const run = await makeRun(team.lead);
    await seedTimeline(run.id, 300, { metricEvery: 1_000_000 });
    const through = await lastSeqOf(run.id);
    expect(await fold(run.id, through)).toEqual({ count: 300, lastSeq: through });
    expect(await checkpoint(run.id)).toMatchObject({ throughSeq: through, version: 1 });

    // Proof the next load starts from the checkpoint: a marked state carries through.
    await db().runFoldCheckpoint.update({ where: { runId_fold: { runId: run.id, fold: "test-ticks" } }, data: { state: { count: 10_000, lastSeq: through } } });
    await seedTimeline(run.id, 3, { metricEvery: 1_000_000 });
    expect(await fold(run.id, through + 3)).toEqual({ count: 10_003, lastSeq: through + 3 });
    // Three events are too few to be worth a new checkpoint.
    expect((await checkpoint(run.id))?.throughSeq).toBe(through);
  });

  it("stops at the seq asked for, even with a checkpoint beyond it", async () => {
    const run = await makeRun(team.lead);
    const start = await lastSeqOf(run.id);
    await seedTimeline(run.id, CHECKPOINT_AFTER + 10, { metricEvery: 1_000_000 });
    await fold(run.id, await lastSeqOf(run.id));
    expect(await fold(run.id, start + 5)).toEqual({ count: 5, lastSeq: start + 5 });
  });

  it("ignores a checkpoint written by another version of the fold, and replaces it", async () => {
    const run = await makeRun(team.lead);
    await seedTimeline(run.id, CHECKPOINT_AFTER, { metricEvery: 1_000_000 });
    const through = await lastSeqOf(run.id);
    await fold(run.id, through);
    await db().runFoldCheckpoint.update({ where: { runId_fold: { runId: run.id, fold: "test-ticks" } }, data: { state: { count: -1, lastSeq: 0 } } });
    expect(await fold(run.id, through, ticks(2))).toEqual({ count: CHECKPOINT_AFTER, lastSeq: through });
    expect(await checkpoint(run.id)).toMatchObject({ version: 2, state: { count: CHECKPOINT_AFTER } });
  });
});

describe("first loads of a long run", () => {
  it("give the catch-up summary and firing periods of the whole log, before and after the checkpoint", async () => {
    const run = await makeRun(team.lead);
    await changeStatus(team.lead, { runId: run.id, to: "pre_deployment", version: 0 });
    await seedTimeline(run.id, 1_000, { metricEvery: 10 });
    const log = async () => (await db().timelineEvent.findMany({ where: { runId: run.id }, orderBy: { seq: "asc" } })).map(toRunEvent);
    const whole = async () => catchUp(await log());
    const wholePeriods = async () =>
      (await log()).reduce<TFiringPeriod[]>((periods, e) => (e.type === "metrics.states_changed" ? foldPeriods(periods, e.payload.changes, e.createdAt) : periods), []);

    const first = await loadCatchUp(run.id);
    expect(first).toEqual({ ...(await whole()), throughSeq: await lastSeqOf(run.id) });
    const periods = (await getRunSnapshot(run.id))!.metrics.periods;
    // 100 flips of one rule: 50 firing periods.
    expect(periods).toHaveLength(50);
    expect(periods).toEqual(await wholePeriods());

    await changeStatus(team.lead, { runId: run.id, to: "aborted", version: 1, reason: "Seeded test" });
    await seedTimeline(run.id, 10, { metricEvery: 10 });
    expect(await loadCatchUp(run.id)).toEqual({ ...(await whole()), throughSeq: await lastSeqOf(run.id) });
    // The first flip after the checkpoint closes the period the checkpoint left open.
    expect((await getRunSnapshot(run.id))!.metrics.periods).toEqual(await wholePeriods());
    expect(periods.at(-1)?.end).toBeNull();
    expect((await getRunSnapshot(run.id))!.metrics.periods.at(49)?.end).not.toBeNull();
  });
});

describe("eventsBefore (Load older)", () => {
  it("pages back from a seq to the run's first event, each event once, and says when none is left", async () => {
    const run = await makeRun(team.lead);
    await seedTimeline(run.id, 45, { metricEvery: 1_000_000 });
    const last = await lastSeqOf(run.id);
    const seen: number[] = [];
    let before = last + 1;
    let pages = 0;
    for (;;) {
      const page = await eventsBefore(run.id, before, 20);
      seen.push(...page.events.map((e) => e.seq));
      pages += 1;
      if (!page.hasOlder) break;
      before = page.events.at(-1)!.seq;
    }
    expect(seen).toEqual(Array.from({ length: last }, (_, i) => last - i));
    expect(pages).toBe(Math.ceil(last / 20));
  });

  it("gives an exact last page without an empty one after it", async () => {
    const run = await makeRun(team.lead);
    const start = await lastSeqOf(run.id);
    await seedTimeline(run.id, 40 - start, { metricEvery: 1_000_000 });
    const second = await eventsBefore(run.id, 21, 20);
    expect(second.events.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
    expect(second.hasOlder).toBe(false);
    expect(await eventsBefore(run.id, 1, 20)).toEqual({ events: [], hasOlder: false });
  });
});
