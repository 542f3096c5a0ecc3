// Go/no-go rounds over a run: opening and reopening, the production gate, the frozen decision and the bridge light.
import { describe, expect, it } from "vitest";
import { listWords, type TGoNoGoState, type TPollRound } from "./go-no-go";
import { freezeDecision } from "./go-no-go-record";
import { checkOpen, checkReopen, decisionOf, goNoGoGate, goNoGoLight, productionRefusal } from "./go-no-go-rules";
import { labelOf, vote, allAnswer, round, closed } from "./go-no-go-fixture";

describe("opening and reopening rounds", () => {
  const state = (rounds: TPollRound[], enteredSeq = 5): TGoNoGoState => ({ enteredSeq, rounds, templateQuestions: [] });

  it("opens round 1 only at the go/no-go step", () => {
    expect(checkOpen(state([]), "go_no_go")).toEqual({ ok: true, round: 1 });
    expect(checkOpen(state([]), "smoke_tests")).toMatchObject({ ok: false, code: "illegal_transition" });
  });

  it("refuses a second open round, and reopening an open round", () => {
    expect(checkOpen(state([round()]), "go_no_go")).toMatchObject({ ok: false, code: "conflict" });
    expect(checkReopen(state([round()]), "go_no_go")).toMatchObject({ ok: false, code: "conflict" });
  });

  it("reopen starts round N+1 from the latest round; the earlier round keeps its outcome", () => {
    const first = closed("reschedule", { votes: allAnswer("no_go").map((v) => ({ ...v, reason: "r" })) });
    const r = checkReopen(state([first]), "go_no_go");
    expect(r).toMatchObject({ ok: true, round: 2, from: { id: "poll-1" } });
    expect(decisionOf(first)).toEqual({ outcome: "reschedule", isOverridden: false });
  });

  it("with nothing to reopen, reopen is refused", () => {
    expect(checkReopen(state([]), "go_no_go")).toMatchObject({ ok: false, code: "illegal_transition" });
  });

  it("a round left open before the run was rescheduled does not block a new one after it returns", () => {
    const stale = round({ openedSeq: 10 });
    expect(checkOpen(state([stale], 20), "go_no_go")).toEqual({ ok: true, round: 2 });
  });
});

describe("the production gate", () => {
  const gateFor = (rounds: TPollRound[], enteredSeq = 5) => goNoGoGate({ enteredSeq, rounds, templateQuestions: [] }, labelOf);
  const noGo = allAnswer("go").map((v) => (v.position === "devops" && v.questionIndex === 2 ? vote("devops", 2, "no_go", "Rollback script untested") : v));

  it("refuses production with no poll, an open poll, or a RESCHEDULE", () => {
    expect(gateFor([])("go_no_go", "production")).toMatch(/needs a Go\/No-Go decision/);
    expect(gateFor([round()])("go_no_go", "production")).toMatch(/round 1\) is still open/);
    expect(gateFor([closed("reschedule", { votes: noGo })])("go_no_go", "production")).toBe(
      "The Go/No-Go poll (round 1) said RESCHEDULE (DevOps: Rollback script untested). Reschedule the run, reopen the poll, or override with a written reason.",
    );
  });

  it("allows production on PROCEED, or on an overridden RESCHEDULE", () => {
    expect(gateFor([closed("proceed", { votes: allAnswer("go") })])("go_no_go", "production")).toBeNull();
    const overridden = closed("reschedule", { votes: noGo, override: { reason: "Accepted risk", byName: "Lee", at: "x" } });
    expect(gateFor([overridden])("go_no_go", "production")).toBeNull();
  });

  it("looks at the latest round only: a reopened round that is still open blocks an earlier PROCEED", () => {
    const first = closed("proceed", { votes: allAnswer("go") });
    const second = round({ id: "poll-2", round: 2, openedSeq: 30 });
    expect(gateFor([first, second])("go_no_go", "production")).toMatch(/round 2\) is still open/);
  });

  it("a PROCEED from before the run was rescheduled does not count when it returns", () => {
    const old = closed("proceed", { votes: allAnswer("go"), openedSeq: 10 });
    expect(gateFor([old], 40)("go_no_go", "production")).toMatch(/needs a Go\/No-Go decision/);
    // Edge: a round opened by the very event after entering counts; one at the entry seq cannot exist.
    expect(gateFor([{ ...old, openedSeq: 41 }], 40)("go_no_go", "production")).toBeNull();
  });

  it("does not gate any other move", () => {
    expect(gateFor([])("go_no_go", "rescheduled")).toBeNull();
    expect(gateFor([])("smoke_tests", "go_no_go")).toBeNull();
    expect(gateFor([])("go_no_go", "aborted")).toBeNull();
  });

  it("summarises many reasons without flooding the message", () => {
    const votes = allAnswer("no_go").map((v) => ({ ...v, reason: `reason ${v.position} ${v.questionIndex}` }));
    const message = productionRefusal({ enteredSeq: 0, rounds: [closed("reschedule", { votes })], templateQuestions: [] }, labelOf)!;
    expect(message.match(/reason /g)).toHaveLength(3);
    expect(message).toContain("; …)");
  });
});

describe("freezeDecision", () => {
  it("records every answer with its changes, the tally, the reasons, the context and the metrics slot", () => {
    const votes = allAnswer("go").map((v) => (v.position === "qa" && v.questionIndex === 0 ? vote("qa", 0, "no_go", "Not ready", 3) : v));
    const context = { runStatus: "go_no_go", checklist: { done: 40, total: 42, failed: 0 }, phases: [], rolloutPercent: 0 };
    const d = freezeDecision(
      round({ votes }),
      "reschedule",
      { closedAt: "2026-12-01T14:10:00.000Z", closedByName: "Lee Lead", holderNameOf: (p) => `${labelOf(p)} holder`, labelOf },
      context,
      null,
    );
    expect(d.roll).toHaveLength(4);
    expect(d.roll[3]).toMatchObject({ position: "qa", label: "QA", holderName: "QA holder" });
    expect(d.roll[3].answers[0]).toEqual({ answer: "no_go", reason: "Not ready", voterName: "QA", changes: 2 });
    expect(d.reasons).toHaveLength(1);
    expect(d.tally[0]).toMatchObject({ go: 3, noGo: 1 });
    expect(d.context).toEqual(context);
    expect(d.metrics).toBeNull();
  });
});

describe("listWords", () => {
  it("joins names the way a person would say them", () => {
    expect(listWords([])).toBe("");
    expect(listWords(["QA"])).toBe("QA");
    expect(listWords(["DevOps", "QA"])).toBe("DevOps and QA");
    expect(listWords(["Tech Lead", "DevOps", "QA"])).toBe("Tech Lead, DevOps and QA");
  });
});

describe("goNoGoLight: the bridge light at go/no-go", () => {
  const light = (rounds: TPollRound[]) => goNoGoLight({ enteredSeq: 5, rounds, templateQuestions: [] });
  const noGo = allAnswer("go").map((v, i) => (i === 0 ? { ...v, answer: "no_go" as const, reason: "x" } : v));

  it("is on track while waiting, voting, or all GO; attention on any NO-GO, a RESCHEDULE or an override", () => {
    expect(light([])).toEqual({ state: "on_track", reason: "Waiting for the Go/No-Go poll to open" });
    expect(light([round({ votes: allAnswer("go", ["qa"]) })])).toEqual({ state: "on_track", reason: "Go/No-Go roll call: 3 of 12 answers" });
    expect(light([round({ votes: allAnswer("go") })])).toEqual({ state: "on_track", reason: "Go/No-Go: all GO, ready to close" });
    expect(light([round({ votes: noGo.slice(0, 1) })])).toEqual({ state: "attention", reason: "Go/No-Go: 1 NO-GO answer so far" });
    expect(light([closed("reschedule", { votes: noGo })])).toEqual({ state: "attention", reason: "Go/No-Go said RESCHEDULE" });
    expect(light([closed("proceed", { votes: allAnswer("go") })])).toEqual({ state: "on_track", reason: "Go/No-Go said PROCEED" });
    const overridden = closed("reschedule", { votes: noGo, override: { reason: "r", byName: "Lee", at: "t" } });
    expect(light([overridden])).toEqual({ state: "attention", reason: "Go/No-Go RESCHEDULE overridden to PROCEED" });
  });
});
