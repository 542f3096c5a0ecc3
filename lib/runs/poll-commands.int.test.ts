// The go/no-go poll on real PostgreSQL: only holders vote, concurrent changes settle into one state
// with one event per accepted change, the production gate holds server-side, and a screen folding the
// events ends where a fresh snapshot starts.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeTeam, PASSWORD } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { createUser, type TActor } from "../auth/users";
import { db } from "../db/client";
import type { TFrozenDecision } from "../domain/go-no-go";
import type { TRole } from "../domain/roles";
import { applyRunEvent, stateFingerprint } from "../domain/run-snapshot";
import { AppError } from "../errors";
import { eventsAfter } from "../timeline/events";
import { closePoll, openPoll, overridePoll, reopenPoll, votePoll } from "./poll-commands";
import { getRunSnapshot } from "./queries";
import { reassignRole } from "./role-commands";
import { changeStatus } from "./status-commands";

useTestDatabase("go_no_go_poll");

const QUESTIONS = ["Ready for production?", "All smoke tests passed?", "Rollback plan ready?"];
const POSITIONS = ["deployment_lead", "tech_lead", "devops", "qa"] as const;
type TPosition = (typeof POSITIONS)[number];

let team: Record<TRole, TActor>;
let holders: Record<TPosition, TActor>;
let spare: TActor;

beforeAll(async () => {
  team = await makeTeam();
  const make = async (name: string, role: TRole): Promise<TActor> => {
    const u = await createUser(team.admin, { name, email: `${randomUUID()}@example.com`, password: PASSWORD, role });
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

const codeOf = (promise: Promise<unknown>) =>
  promise.then(() => "ok", (e: unknown) => (e instanceof AppError ? e.code : `unexpected: ${String(e)}`));
const messageOf = (promise: Promise<unknown>) => promise.then(() => "ok", (e: unknown) => (e instanceof AppError ? `${e.code}: ${e.message}` : String(e)));

async function runAtGoNoGo() {
  const run = await makeRun(team.lead, { roles: Object.fromEntries(POSITIONS.map((p) => [p, holders[p].id])) });
  // Ticking every item is the checklist's own business (tested elsewhere): set it directly.
  await db().runItem.updateMany({ where: { section: { phase: { runId: run.id } } }, data: { state: "done" } });
  let version = 0;
  for (const to of ["pre_deployment", "staging", "smoke_tests", "go_no_go"]) {
    await changeStatus(team.lead, { runId: run.id, to, version: version++ });
  }
  return { runId: run.id, version };
}

const open = (runId: string, positions: readonly string[] = POSITIONS) => openPoll(team.lead, { runId, questions: QUESTIONS, positions });

/** A holder answers every question; `noGo` questions get NO-GO with a reason. Versions as currently stored. */
async function answerAll(runId: string, pollId: string, position: TPosition, noGo: number[] = []) {
  const votes = await db().goNoGoVote.findMany({ where: { pollId, position } });
  const answers = QUESTIONS.map((_, questionIndex) => ({
    questionIndex,
    answer: noGo.includes(questionIndex) ? ("no_go" as const) : ("go" as const),
    reason: noGo.includes(questionIndex) ? `${position} is not ready` : undefined,
    version: votes.find((v) => v.questionIndex === questionIndex)?.version ?? 0,
  }));
  return votePoll(holders[position], { runId, pollId, position, answers });
}

async function eventCount(runId: string) {
  return db().timelineEvent.count({ where: { runId } });
}

async function expectSeqsContiguous(runId: string) {
  const seqs = (await db().timelineEvent.findMany({ where: { runId }, orderBy: { seq: "asc" }, select: { seq: true } })).map((e) => e.seq);
  expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
}

describe("opening a poll", () => {
  it("opens round 1 at go/no-go with the questions and roll-call order given, at the seq of its event", async () => {
    const { runId } = await runAtGoNoGo();
    const { event } = await openPoll(team.lead, { runId, questions: ["  Ready?  ", "Monitoring ready?"], positions: ["qa", "devops"] });
    const poll = await db().goNoGoPoll.findFirstOrThrow({ where: { runId } });
    expect(poll).toMatchObject({ round: 1, questions: ["Ready?", "Monitoring ready?"], positions: ["qa", "devops"], status: "open", openedSeq: event.seq });
    expect(event).toMatchObject({ type: "poll.opened", payload: { positionLabels: ["QA", "DevOps"], reopenedFrom: null } });
  });

  it("refuses before go/no-go, for non-leads, a second open round, bad input and positions nobody can answer — writing nothing", async () => {
    const early = await makeRun(team.lead, { roles: { qa: holders.qa.id } });
    expect(await messageOf(open(early.id, ["qa"]))).toBe("illegal_transition: The Go/No-Go poll opens when the run reaches the Go / No-Go step.");

    const { runId } = await runAtGoNoGo();
    const before = await eventCount(runId);
    expect(await codeOf(openPoll(holders.qa, { runId, questions: QUESTIONS, positions: ["qa"] }))).toBe("forbidden");
    expect(await codeOf(openPoll(team.lead, { runId, questions: [], positions: ["qa"] }))).toBe("invalid_input");
    expect(await codeOf(openPoll(team.lead, { runId, questions: ["  "], positions: ["qa"] }))).toBe("invalid_input");
    expect(await codeOf(openPoll(team.lead, { runId, questions: ["Same?", "same?"], positions: ["qa"] }))).toBe("invalid_input");
    expect(await codeOf(openPoll(team.lead, { runId, questions: QUESTIONS, positions: ["qa", "qa"] }))).toBe("invalid_input");
    expect(await codeOf(openPoll(team.lead, { runId, questions: QUESTIONS, positions: ["cto"] }))).toBe("invalid_input");
    expect(await codeOf(openPoll(team.lead, { runId, questions: QUESTIONS, positions: [] }))).toBe("invalid_input");
    expect(await codeOf(openPoll(team.lead, { runId: "nope", questions: QUESTIONS, positions: ["qa"] }))).toBe("not_found");
    await db().runRole.delete({ where: { runId_role: { runId, role: "devops" } } });
    expect(await messageOf(open(runId))).toBe("invalid_input: Nobody holds DevOps: an admin can assign it, or leave it off the roll call.");
    expect(await db().goNoGoPoll.count({ where: { runId } })).toBe(0);
    expect(await eventCount(runId)).toBe(before);

    await open(runId, ["qa"]);
    expect(await messageOf(open(runId, ["qa"]))).toBe("conflict: Round 1 is still open: close it before starting another.");
  });
});

describe("voting", () => {
  it("refuses votes by anyone but the position's holder (leads and admins included), writing nothing", async () => {
    const { runId } = await runAtGoNoGo();
    const { event } = await open(runId);
    const pollId = (event.payload as { pollId: string }).pollId;
    const vote = (actor: TActor, position: string) =>
      messageOf(votePoll(actor, { runId, pollId, position, answers: [{ questionIndex: 0, answer: "go", version: 0 }] }));
    expect(await vote(holders.devops, "qa")).toBe("forbidden: Only the QA can answer for QA.");
    expect(await vote(team.admin, "qa")).toBe("forbidden: Only the QA can answer for QA.");
    expect(await vote(team.lead, "tech_lead")).toBe("forbidden: Only the Tech Lead can answer for Tech Lead.");
    expect(await vote(team.viewer, "qa")).toMatch(/^forbidden/);
    expect(await db().goNoGoVote.count({ where: { pollId } })).toBe(0);
    expect(await eventCount(runId)).toBe(event.seq);
  });

  it("refuses bad votes with a clear 4xx, writing nothing", async () => {
    const { runId } = await runAtGoNoGo();
    const { event } = await open(runId, ["qa", "devops"]);
    const pollId = (event.payload as { pollId: string }).pollId;
    const vote = (answers: unknown, position = "qa", id = pollId) => messageOf(votePoll(holders.qa, { runId, pollId: id, position, answers }));
    expect(await vote([{ questionIndex: 1, answer: "no_go", version: 0 }])).toBe("invalid_input: A NO-GO needs a reason (“All smoke tests passed?”).");
    expect(await vote([{ questionIndex: 1, answer: "no_go", reason: "   ", version: 0 }])).toMatch(/^invalid_input: A NO-GO needs a reason/);
    expect(await vote([{ questionIndex: 3, answer: "go", version: 0 }])).toBe("invalid_input: There is no question 4 in this round.");
    expect(await vote([{ questionIndex: 0, answer: "maybe", version: 0 }])).toMatch(/^invalid_input: answers\.0\.answer/);
    expect(await vote([])).toMatch(/^invalid_input/);
    expect(await vote([{ questionIndex: 0, answer: "go", version: 0 }], "qa", "nope")).toBe("not_found: No such Go/No-Go round in this run.");
    // Position not on this roll call, though the voter holds it:
    await db().goNoGoPoll.update({ where: { id: pollId }, data: { positions: ["devops"] } });
    expect(await vote([{ questionIndex: 0, answer: "go", version: 0 }])).toBe("invalid_input: QA is not on this roll call.");
    expect(await db().goNoGoVote.count({ where: { pollId } })).toBe(0);
    expect(await eventCount(runId)).toBe(event.seq);
  });

  it("concurrent vote changes end in one consistent state, one event per accepted change", async () => {
    const { runId } = await runAtGoNoGo();
    const { event } = await open(runId);
    const pollId = (event.payload as { pollId: string }).pollId;
    await votePoll(holders.qa, { runId, pollId, position: "qa", answers: [{ questionIndex: 0, answer: "go", version: 0 }] });

    // Twenty tabs all saw version 1 (GO) and each tries to change it to NO-GO with its own reason.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        codeOf(votePoll(holders.qa, { runId, pollId, position: "qa", answers: [{ questionIndex: 0, answer: "no_go", reason: `reason ${i}`, version: 1 }] })),
      ),
    );
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(results.filter((r) => r === "conflict")).toHaveLength(19);
    const vote = await db().goNoGoVote.findFirstOrThrow({ where: { pollId, position: "qa", questionIndex: 0 } });
    expect(vote).toMatchObject({ answer: "no_go", version: 2 });
    const events = await db().timelineEvent.findMany({ where: { runId, type: "poll.voted" }, orderBy: { seq: "asc" } });
    expect(events).toHaveLength(2);
    const last = (events[1].payload as { changes: { reason: string; previous: unknown; version: number }[] }).changes[0];
    expect(last).toMatchObject({ reason: vote.reason, version: 2, previous: { answer: "go", reason: null } });

    // Meanwhile the four positions answer at the same moment: all accepted, no lost update, seq gap-free.
    const all = await Promise.all(POSITIONS.filter((p) => p !== "qa").map((p) => answerAll(runId, pollId, p)));
    expect(all).toHaveLength(3);
    expect(await db().goNoGoVote.count({ where: { pollId } })).toBe(1 + 3 * QUESTIONS.length);
    await expectSeqsContiguous(runId);
  });

  it("a retried vote (same idempotency key) applies once", async () => {
    const { runId } = await runAtGoNoGo();
    const { event } = await open(runId);
    const pollId = (event.payload as { pollId: string }).pollId;
    const input = { runId, pollId, position: "qa", answers: [{ questionIndex: 0, answer: "go", version: 0 }], commandId: "vote-retry-0001" };
    const [a, b] = await Promise.all([votePoll(holders.qa, input), votePoll(holders.qa, input)]);
    expect(a.event.seq).toBe(b.event.seq);
    expect(await db().timelineEvent.count({ where: { runId, type: "poll.voted" } })).toBe(1);
  });
});

describe("closing, the production gate, override and reopen", () => {
  it("refuses to close with positions pending (naming them), then closes a NO-GO as RESCHEDULE and freezes the record", async () => {
    const { runId } = await runAtGoNoGo();
    const { event } = await open(runId);
    const pollId = (event.payload as { pollId: string }).pollId;
    await answerAll(runId, pollId, "deployment_lead");
    await answerAll(runId, pollId, "devops", [2]);
    expect(await messageOf(closePoll(team.lead, { runId, pollId }))).toBe(
      "illegal_transition: Still waiting for Tech Lead and QA: every position must answer every question before the poll closes.",
    );
    expect(await codeOf(closePoll(holders.qa, { runId, pollId }))).toBe("forbidden");
    await answerAll(runId, pollId, "tech_lead");
    await answerAll(runId, pollId, "qa");
    const closed = await closePoll(team.lead, { runId, pollId });
    expect(closed.event).toMatchObject({ type: "poll.closed", payload: { outcome: "reschedule" } });

    const poll = await db().goNoGoPoll.findUniqueOrThrow({ where: { id: pollId } });
    const decision = poll.decision as unknown as TFrozenDecision;
    expect(poll).toMatchObject({ status: "closed", outcome: "reschedule", closedByName: team.lead.name });
    expect(decision.reasons).toEqual([expect.objectContaining({ position: "devops", question: "Rollback plan ready?", reason: "devops is not ready" })]);
    expect(decision.roll.map((r) => [r.label, r.holderName])).toEqual([
      ["Deployment Lead", team.lead.name],
      ["Tech Lead", holders.tech_lead.name],
      ["DevOps", holders.devops.name],
      ["QA", holders.qa.name],
    ]);
    expect(decision.context).toMatchObject({ runStatus: "go_no_go", rolloutPercent: 0, checklist: { failed: 0 } });
    expect(decision.context.checklist.total).toBeGreaterThan(40);
    expect(decision.metrics).toBeNull();

    // Closed means closed: no more votes, no second close.
    expect(await codeOf(answerAll(runId, pollId, "devops"))).toBe("conflict");
    expect(await codeOf(closePoll(team.lead, { runId, pollId }))).toBe("conflict");
  });

  it("enforces the gate server-side: no poll, an open poll, a RESCHEDULE each refuse production; an override lets it through", async () => {
    const { runId, version } = await runAtGoNoGo();
    const toProduction = () => messageOf(changeStatus(team.lead, { runId, to: "production", version }));
    expect(await toProduction()).toBe("illegal_transition: Production needs a Go/No-Go decision: open the poll and take the roll call first.");
    const { event } = await open(runId, ["devops", "qa"]);
    const pollId = (event.payload as { pollId: string }).pollId;
    expect(await toProduction()).toBe("illegal_transition: The Go/No-Go poll (round 1) is still open: close it once every position has answered.");
    await answerAll(runId, pollId, "devops");
    await answerAll(runId, pollId, "qa", [1]);
    await closePoll(team.lead, { runId, pollId });
    expect(await toProduction()).toMatch(/^illegal_transition: The Go\/No-Go poll \(round 1\) said RESCHEDULE \(QA: qa is not ready\)/);
    expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).status).toBe("go_no_go");

    expect(await messageOf(overridePoll(team.lead, { runId, pollId, reason: "too short" }))).toMatch(/^invalid_input: An override needs a written reason/);
    expect(await codeOf(overridePoll(holders.qa, { runId, pollId, reason: "I would like to proceed anyway" }))).toBe("forbidden");
    const override = await overridePoll(team.lead, { runId, pollId, reason: "  Export test is a known flake, fixed in 9.0.1  " });
    expect(override.event).toMatchObject({ type: "poll.overridden", payload: { reason: "Export test is a known flake, fixed in 9.0.1", byName: team.lead.name } });
    expect(await codeOf(overridePoll(team.lead, { runId, pollId, reason: "Again with feeling please" }))).toBe("conflict");
    const poll = await db().goNoGoPoll.findUniqueOrThrow({ where: { id: pollId } });
    expect(poll).toMatchObject({ outcome: "reschedule", overrideByName: team.lead.name });
    expect((poll.decision as unknown as TFrozenDecision).outcome).toBe("reschedule"); // the frozen record is not rewritten

    await changeStatus(team.lead, { runId, to: "production", version });
    expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).status).toBe("production");
  });

  it("reopens as a new round (the earlier one kept), and a PROCEED lets the run into production", async () => {
    const { runId, version } = await runAtGoNoGo();
    const first = await open(runId, ["qa"]);
    const firstId = (first.event.payload as { pollId: string }).pollId;
    await answerAll(runId, firstId, "qa", [0]);
    await closePoll(team.lead, { runId, pollId: firstId });
    expect(await codeOf(reopenPoll(holders.qa, { runId, pollId: firstId }))).toBe("forbidden");
    expect(await codeOf(reopenPoll(team.lead, { runId, pollId: "stale" }))).toBe("conflict");
    const second = await reopenPoll(team.lead, { runId, pollId: firstId });
    expect(second.event).toMatchObject({ type: "poll.opened", payload: { round: 2, reopenedFrom: 1, questions: QUESTIONS, positions: ["qa"] } });
    const secondId = (second.event.payload as { pollId: string }).pollId;
    // Votes go to the current round only.
    expect(await codeOf(votePoll(holders.qa, { runId, pollId: firstId, position: "qa", answers: [{ questionIndex: 0, answer: "go", version: 1 }] }))).toBe("conflict");
    await answerAll(runId, secondId, "qa");
    await closePoll(team.lead, { runId, pollId: secondId });
    const rounds = await db().goNoGoPoll.findMany({ where: { runId }, orderBy: { round: "asc" }, include: { votes: true } });
    expect(rounds.map((r) => [r.round, r.outcome, r.votes.length])).toEqual([
      [1, "reschedule", 3],
      [2, "proceed", 3],
    ]);
    await changeStatus(team.lead, { runId, to: "production", version });
  });

  it("RESCHEDULE → rescheduled with a new window; when the run comes back, the old rounds no longer decide", async () => {
    const { runId, version } = await runAtGoNoGo();
    const { event } = await open(runId, ["qa"]);
    const pollId = (event.payload as { pollId: string }).pollId;
    await answerAll(runId, pollId, "qa");
    await closePoll(team.lead, { runId, pollId }); // PROCEED, but the lead reschedules anyway
    const plannedStart = "2026-12-08T14:00:00.000Z";
    await changeStatus(team.lead, { runId, to: "rescheduled", version, reason: "Go/No-Go: wait for the CDN fix", plannedStart });
    const rescheduled = await db().run.findUniqueOrThrow({ where: { id: runId } });
    expect(rescheduled).toMatchObject({ status: "rescheduled", plannedStart: new Date(plannedStart) });
    let v = version + 1;
    for (const to of ["planned", "pre_deployment", "staging", "smoke_tests", "go_no_go"]) await changeStatus(team.lead, { runId, to, version: v++ });
    expect(await messageOf(changeStatus(team.lead, { runId, to: "production", version: v }))).toMatch(/needs a Go\/No-Go decision/);
    const again = await open(runId, ["qa"]);
    expect(again.event.payload).toMatchObject({ round: 2 });
    expect(await db().goNoGoPoll.count({ where: { runId } })).toBe(2);
  });
});

describe("reassigning a position", () => {
  it("only admins reassign, it is logged, and the vote moves with the position", async () => {
    const { runId } = await runAtGoNoGo();
    const { event } = await open(runId, ["qa"]);
    const pollId = (event.payload as { pollId: string }).pollId;
    await votePoll(holders.qa, { runId, pollId, position: "qa", answers: [{ questionIndex: 0, answer: "go", version: 0 }] });

    expect(await codeOf(reassignRole(team.lead, { runId, role: "qa", userId: spare.id }))).toBe("forbidden");
    expect(await messageOf(reassignRole(team.admin, { runId, role: "qa", userId: team.viewer.id }))).toBe(
      `invalid_input: ${team.viewer.name} is a viewer: viewers cannot hold a run position.`,
    );
    expect(await codeOf(reassignRole(team.admin, { runId, role: "qa", userId: "nobody" }))).toBe("invalid_input");
    expect(await codeOf(reassignRole(team.admin, { runId, role: "qa", userId: holders.qa.id }))).toBe("invalid_input");

    const moved = await reassignRole(team.admin, { runId, role: "qa", userId: spare.id });
    expect(moved.event).toMatchObject({ type: "run.role_reassigned", payload: { role: "qa", roleLabel: "QA", fromName: holders.qa.name, toName: spare.name } });
    const answer = { runId, pollId, position: "qa", answers: [{ questionIndex: 0, answer: "no_go", reason: "Found a data issue", version: 1 }] };
    expect(await codeOf(votePoll(holders.qa, answer))).toBe("forbidden");
    await votePoll(spare, answer);
    const vote = await db().goNoGoVote.findFirstOrThrow({ where: { pollId, position: "qa", questionIndex: 0 } });
    expect(vote).toMatchObject({ answer: "no_go", voterName: spare.name, version: 2 });
  });
});

describe("live state", () => {
  it("folding every poll event onto the earlier snapshot gives the same state as a fresh snapshot", async () => {
    const { runId, version } = await runAtGoNoGo();
    const before = (await getRunSnapshot(runId))!;
    expect(before.goNoGo.enteredSeq).toBeGreaterThan(0);

    const first = await open(runId);
    const firstId = (first.event.payload as { pollId: string }).pollId;
    for (const p of POSITIONS) await answerAll(runId, firstId, p, p === "devops" ? [1] : []);
    await answerAll(runId, firstId, "devops"); // changes its NO-GO back to GO
    await answerAll(runId, firstId, "devops", [0]); // and to NO-GO on another question
    await closePoll(team.lead, { runId, pollId: firstId });
    await overridePoll(team.lead, { runId, pollId: firstId, reason: "Risk accepted by the CTO in writing" });
    await reassignRole(team.admin, { runId, role: "qa", userId: spare.id });
    const second = await reopenPoll(team.lead, { runId, pollId: firstId });
    await votePoll(spare, { runId, pollId: (second.event.payload as { pollId: string }).pollId, position: "qa", answers: [{ questionIndex: 2, answer: "go", version: 0 }] });
    expect(await messageOf(changeStatus(team.lead, { runId, to: "production", version }))).toMatch(/round 2\) is still open/);

    const { events } = await eventsAfter(runId, before.lastSeq);
    const folded = events.reduce(applyRunEvent, before);
    const fresh = (await getRunSnapshot(runId))!;
    expect(stateFingerprint(folded)).toBe(stateFingerprint(fresh));
    expect(folded.goNoGo.rounds.map((r) => [r.round, r.status, r.outcome, r.override?.reason ?? null])).toEqual([
      [1, "closed", "reschedule", "Risk accepted by the CTO in writing"],
      [2, "open", null, null],
    ]);
    expect(folded.roles.find((r) => r.role === "qa")).toEqual({ role: "qa", userId: spare.id, userName: spare.name });
    expect(folded.goNoGo.rounds[0].decision).toEqual(fresh.goNoGo.rounds[0].decision);
  });
});
