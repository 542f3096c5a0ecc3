import { describe, expect, it } from "vitest";
import { describeEvent } from "./describe-event";
import { completeDecision, completePayload } from "./events/event-fixture";

// Stored payloads are complete (the command path writes them); each test names the fields it is about.
const say = (type: string, payload: Record<string, unknown>, actorName = "Dana") => describeEvent({ type, actorName, payload: completePayload(type, payload) });
const change = (question: string, answer: "go" | "no_go", reason: string | null = null, previous: object | null = null) => ({
  questionIndex: 0,
  question,
  answer,
  reason,
  version: previous ? 2 : 1,
  previous,
});

describe("go/no-go events in words", () => {
  it("opening and reopening name the round, the questions and the roll call", () => {
    const payload = { round: 1, questions: ["A?", "B?"], positionLabels: ["Deployment Lead", "QA"], reopenedFrom: null };
    expect(say("poll.opened", payload, "Lee")).toBe("Lee opened the Go/No-Go poll, round 1 (2 questions, roll call Deployment Lead → QA)");
    expect(say("poll.opened", { ...payload, round: 2, reopenedFrom: 1 }, "Lee")).toBe(
      "Lee reopened the Go/No-Go poll as round 2 (2 questions, roll call Deployment Lead → QA)",
    );
  });

  it("a vote, a change (old → new) and a NO-GO reason", () => {
    expect(say("poll.voted", { positionLabel: "DevOps", changes: [change("Ready?", "go")] })).toBe("Dana (DevOps) answered GO to “Ready?”");
    expect(say("poll.voted", { positionLabel: "DevOps", changes: [change("Ready?", "no_go", "Disk at 95%", { answer: "go", reason: null })] })).toBe(
      "Dana (DevOps) changed “Ready?” from GO to NO-GO: Disk at 95%",
    );
  });

  it("several answers at once are summarised with counts and NO-GO reasons", () => {
    expect(say("poll.voted", { positionLabel: "QA", changes: [change("A?", "go"), change("B?", "go")] })).toBe("Dana (QA) answered 2 questions, all GO");
    expect(
      say("poll.voted", { positionLabel: "QA", changes: [change("A?", "go", null, { answer: "no_go", reason: "x" }), change("B?", "no_go", "Flaky export")] }),
    ).toBe("Dana (QA) answered 2 questions, 1 GO, 1 NO-GO (1 changed) (“B?”: Flaky export)");
  });

  it("closing says the outcome with each reason; an override says so loudly", () => {
    const decision = completeDecision({
      reasons: [{ position: "qa", questionIndex: 0, question: "q", reason: "Flaky export", voterName: "Q" }],
      roll: [{ position: "qa", label: "QA", holderName: "Q", answers: [] }],
    });
    expect(say("poll.closed", { round: 1, outcome: "reschedule", decision }, "Lee")).toBe("Lee closed the Go/No-Go poll, round 1: RESCHEDULE (QA: Flaky export)");
    expect(say("poll.closed", { round: 2, outcome: "proceed", decision: completeDecision({ reasons: [], roll: [] }) }, "Lee")).toBe("Lee closed the Go/No-Go poll, round 2: PROCEED");
    expect(say("poll.overridden", { round: 1, reason: "CTO accepted the risk" }, "Lee")).toBe(
      "Lee OVERRODE the Go/No-Go RESCHEDULE (round 1) to PROCEED: CTO accepted the risk",
    );
  });

  it("a reassigned position names the new and the old holder", () => {
    expect(say("run.role_reassigned", { roleLabel: "QA", fromName: "Quinn", toName: "Rae" }, "Ada")).toBe("Ada made Rae QA (was Quinn)");
    expect(say("run.role_reassigned", { roleLabel: "QA", fromName: null, toName: "Rae" }, "Ada")).toBe("Ada made Rae QA");
  });

  it("a malformed payload still reads sensibly", () => {
    expect(say("poll.voted", { nonsense: true })).toBe("Dana: poll voted");
  });
});
