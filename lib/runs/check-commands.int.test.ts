// Recurring checks on real PostgreSQL: rounds only while their phase runs, one event per round,
// and a screen folding the events ends where a fresh snapshot starts.
import { beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import type { TRole } from "../domain/roles";
import { applyRunEvent, stateFingerprint } from "../domain/run-snapshot";
import { AppError } from "../errors";
import { eventsAfter } from "../timeline/events";
import { recordCheckRound } from "./check-commands";
import { changeItem } from "./item-commands";
import { getRunSnapshot } from "./queries";

useTestDatabase("check_rounds");

let team: Record<TRole, TActor>;
beforeAll(async () => {
  team = await makeTeam();
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(() => "ok", (e: unknown) => (e instanceof AppError ? `${e.code}: ${e.message}` : `unexpected: ${String(e)}`));

async function sections(runId: string) {
  const rows = await db().runSection.findMany({ where: { phase: { runId } }, include: { phase: true, items: true } });
  const every5 = rows.find((s) => s.title === "Every 5 Minutes")!;
  const every15 = rows.find((s) => s.title === "Every 15 Minutes")!;
  const oneOff = rows.find((s) => s.intervalMinutes === null && s.phase.key === "post_deployment")!;
  return { every5, every15, oneOff };
}

// Walking the run through every phase is covered elsewhere; here the phase clock is set directly.
const startPhase = (phaseId: string, completedAt: Date | null = null) =>
  db().runPhase.update({ where: { id: phaseId }, data: { startedAt: new Date(Date.now() - 60_000), completedAt } });

describe("recurring check rounds", () => {
  it("are refused before their phase starts and after it completes, with the reason", async () => {
    const run = await makeRun(team.lead);
    const { every5 } = await sections(run.id);
    expect(await codeOf(recordCheckRound(team.member, { runId: run.id, sectionId: every5.id }))).toBe(
      "illegal_transition: Post-Deployment has not started: its recurring checks begin with it.",
    );
    await startPhase(every5.phaseId, new Date());
    expect(await codeOf(recordCheckRound(team.member, { runId: run.id, sectionId: every5.id }))).toMatch(/^illegal_transition: .*stopped/);
    expect(await db().runCheckRound.count({ where: { sectionId: every5.id } })).toBe(0);
  });

  it("records who, when and the note while the phase runs, one event each, and folds into the same state", async () => {
    const run = await makeRun(team.lead);
    const { every5, every15 } = await sections(run.id);
    await startPhase(every5.phaseId);
    const before = (await getRunSnapshot(run.id))!;

    const first = await recordCheckRound(team.member, { runId: run.id, sectionId: every5.id, note: "  p99 420ms  " });
    await recordCheckRound(team.lead, { runId: run.id, sectionId: every5.id });
    await recordCheckRound(team.member, { runId: run.id, sectionId: every15.id, note: "" });

    expect(first.event).toMatchObject({ type: "check.completed", actorName: "Max Member", payload: { sectionTitle: "Every 5 Minutes", note: "p99 420ms" } });
    const rounds = await db().runCheckRound.findMany({ where: { sectionId: every5.id }, orderBy: { completedAt: "asc" } });
    expect(rounds.map((r) => [r.actorName, r.note])).toEqual([["Max Member", "p99 420ms"], ["Lee Lead", null]]);

    const { events } = await eventsAfter(run.id, before.lastSeq);
    expect(events.map((e) => e.type)).toEqual(["check.completed", "check.completed", "check.completed"]);
    const folded = events.reduce(applyRunEvent, before);
    const fresh = (await getRunSnapshot(run.id))!;
    expect(stateFingerprint(folded)).toBe(stateFingerprint(fresh));
    const section = fresh.phases.flatMap((p) => p.sections).find((s) => s.id === every5.id)!;
    expect(section.rounds.map((r) => r.byName)).toEqual(["Lee Lead", "Max Member"]); // newest first
  });

  it("refuse a one-off section, an item tick inside a recurring section, a viewer and bad input, writing nothing", async () => {
    const run = await makeRun(team.lead);
    const { every5, oneOff } = await sections(run.id);
    await startPhase(every5.phaseId);
    const lastSeq = (await db().run.findUniqueOrThrow({ where: { id: run.id } })).lastSeq;

    expect(await codeOf(recordCheckRound(team.member, { runId: run.id, sectionId: oneOff.id }))).toMatch(/^invalid_input: .*not a recurring check/);
    expect(await codeOf(changeItem(team.member, { runId: run.id, itemId: every5.items[0].id, version: 0, action: { kind: "done" } }))).toMatch(
      /^invalid_input: .*record a round/,
    );
    expect(await codeOf(recordCheckRound(team.viewer, { runId: run.id, sectionId: every5.id }))).toMatch(/^forbidden/);
    expect(await codeOf(recordCheckRound(team.member, { runId: run.id, sectionId: every5.id, note: "x".repeat(1001) }))).toMatch(/^invalid_input: note/);
    expect(await codeOf(recordCheckRound(team.member, { runId: run.id, sectionId: "nope" }))).toMatch(/^not_found/);

    expect((await db().run.findUniqueOrThrow({ where: { id: run.id } })).lastSeq).toBe(lastSeq);
    expect(await db().runCheckRound.count({ where: { sectionId: every5.id } })).toBe(0);
  });
});
