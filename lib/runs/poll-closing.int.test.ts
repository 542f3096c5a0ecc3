// The go/no-go poll on real PostgreSQL, closing: pending positions block it, the production gate
// holds server-side, an override lets a RESCHEDULE through, and reopening starts a new round.
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import type { TFrozenDecision } from "../domain/go-no-go";
import { closePoll, overridePoll, reopenPoll, votePoll } from "./poll-commands";
import { changeStatus } from "./status-commands";
import { answerAll, codeOf, holders, messageOf, open, QUESTIONS, runAtGoNoGo, team, usePollWorld } from "./poll-test-world";

usePollWorld("go_no_go_close");

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
