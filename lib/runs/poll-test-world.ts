// What the go/no-go poll's integration tests share: the roll call (questions and positions, each held
// by its own account), a run brought to go/no-go, votes as the holders cast them, and helpers that
// turn a refusal into its code or message.
import { randomUUID } from "node:crypto";
import { beforeAll, expect } from "vitest";
import { makeRun, makeTeam, makeUser } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import type { TRole } from "../domain/roles";
import { AppError } from "../errors";
import { openPoll, votePoll } from "./poll-commands";
import { changeStatus } from "./status-commands";

export const QUESTIONS = ["Ready for production?", "All smoke tests passed?", "Rollback plan ready?"];
export const POSITIONS = ["deployment_lead", "tech_lead", "devops", "qa"] as const;
export type TPosition = (typeof POSITIONS)[number];

export let team: Record<TRole, TActor>;
export let holders: Record<TPosition, TActor>;
export let spare: TActor;

/** A fresh database, a team, one holder per position and a spare member to hand a position to. */
export function usePollWorld(databaseLabel: string): void {
  useTestDatabase(databaseLabel);
  beforeAll(async () => {
    team = await makeTeam();
    const make = async (name: string, role: TRole): Promise<TActor> => {
      const u = await makeUser(team.admin, { name, email: `${randomUUID()}@example.com`, role });
      return { id: u.id, name: u.name, role: u.role };
    };
    holders = {
      deployment_lead: team.lead,
      tech_lead: await make("Tess Tech", "lead"),
      devops: await make("Dev Ops", "member"),
      qa: await make("Quinn QA", "member"),
    };
    spare = await make("Rae Replacement", "member");
  });
}

export const codeOf = (promise: Promise<unknown>) =>
  promise.then(() => "ok", (e: unknown) => (e instanceof AppError ? e.code : `unexpected: ${String(e)}`));
export const messageOf = (promise: Promise<unknown>) => promise.then(() => "ok", (e: unknown) => (e instanceof AppError ? `${e.code}: ${e.message}` : String(e)));

export async function runAtGoNoGo() {
  const run = await makeRun(team.lead, { roles: Object.fromEntries(POSITIONS.map((p) => [p, holders[p].id])) });
  // Ticking every item is the checklist's own business (tested elsewhere): set it directly.
  await db().runItem.updateMany({ where: { section: { phase: { runId: run.id } } }, data: { state: "done" } });
  let version = 0;
  for (const to of ["pre_deployment", "staging", "smoke_tests", "go_no_go"]) {
    await changeStatus(team.lead, { runId: run.id, to, version: version++ });
  }
  return { runId: run.id, version };
}

export const open = (runId: string, positions: readonly string[] = POSITIONS) => openPoll(team.lead, { runId, questions: QUESTIONS, positions });

/** A holder answers every question; `noGo` questions get NO-GO with a reason. Versions as currently stored. */
export async function answerAll(runId: string, pollId: string, position: TPosition, noGo: number[] = []) {
  const votes = await db().goNoGoVote.findMany({ where: { pollId, position } });
  const answers = QUESTIONS.map((_, questionIndex) => ({
    questionIndex,
    answer: noGo.includes(questionIndex) ? ("no_go" as const) : ("go" as const),
    reason: noGo.includes(questionIndex) ? `${position} is not ready` : undefined,
    version: votes.find((v) => v.questionIndex === questionIndex)?.version ?? 0,
  }));
  return votePoll(holders[position], { runId, pollId, position, answers });
}

export async function eventCount(runId: string) {
  return db().timelineEvent.count({ where: { runId } });
}

export async function expectSeqsContiguous(runId: string) {
  const seqs = (await db().timelineEvent.findMany({ where: { runId }, orderBy: { seq: "asc" }, select: { seq: true } })).map((e) => e.seq);
  expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
}
