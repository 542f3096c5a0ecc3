// The go/no-go poll on real PostgreSQL, opening and voting: only holders vote, bad input and
// concurrent changes settle into one state with one event per accepted change. Closing and the
// production gate: poll-closing.int.test.ts; reassignment and the live fold: poll-live-state.int.test.ts.
import { describe, expect, it } from "vitest";
import { makeRun } from "../../e2e/support/factories";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import { openPoll, votePoll } from "./poll-commands";
import { answerAll, codeOf, eventCount, expectSeqsContiguous, holders, messageOf, open, POSITIONS, QUESTIONS, runAtGoNoGo, team, usePollWorld } from "./poll-test-world";

usePollWorld("go_no_go_poll");

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
