// The go/no-go poll on real PostgreSQL, positions and screens: an admin's reassignment moves the vote
// with the position, and a screen folding the poll's events ends where a fresh snapshot starts.
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { applyRunEvent, stateFingerprint } from "../domain/run-snapshot";
import { eventsAfter } from "../timeline/events";
import { closePoll, overridePoll, reopenPoll, votePoll } from "./poll-commands";
import { getRunSnapshot } from "./queries";
import { reassignRole } from "./role-commands";
import { changeStatus } from "./status-commands";
import { answerAll, codeOf, holders, messageOf, open, POSITIONS, runAtGoNoGo, spare, team, usePollWorld } from "./poll-test-world";

usePollWorld("go_no_go_live");

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
