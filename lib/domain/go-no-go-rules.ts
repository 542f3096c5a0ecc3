// The go/no-go commands' rules: who may open, reopen, vote, close and override, and the gate the
// status machine asks before production. Pure: the server checks every command with them.
import type { TGate } from "./run-status";
import {
  ANSWER_WORDS,
  listWords,
  evaluatePoll,
  voteOf,
  type TGoNoGoState,
  type TLabelOf,
  type TPollAnswer,
  type TPollOutcome,
  type TPollRound,
} from "./go-no-go";

export type TRuleRefusal = { ok: false; code: "invalid_input" | "forbidden" | "conflict" | "illegal_transition"; reason: string };
const refuse = (code: TRuleRefusal["code"], reason: string): TRuleRefusal => ({ ok: false, code, reason });

/** Rounds opened since the run last entered go/no-go: the ones that can still decide. */
export function currentRounds(state: TGoNoGoState): TPollRound[] {
  return state.rounds.filter((r) => r.openedSeq > state.enteredSeq);
}

export function latestCurrentRound(state: TGoNoGoState): TPollRound | null {
  return currentRounds(state).at(-1) ?? null;
}

export function nextRoundNumber(state: TGoNoGoState): number {
  return state.rounds.reduce((max, r) => Math.max(max, r.round), 0) + 1;
}

/** A new round (first or reopened) may start while the run is at go/no-go and no round is open. */
export function checkOpen(state: TGoNoGoState, runStatus: string): { ok: true; round: number } | TRuleRefusal {
  if (runStatus !== "go_no_go") {
    return refuse("illegal_transition", "The Go/No-Go poll opens when the run reaches the Go / No-Go step.");
  }
  const latest = latestCurrentRound(state);
  if (latest?.status === "open") {
    return refuse("conflict", `Round ${latest.round} is still open: close it before starting another.`);
  }
  return { ok: true, round: nextRoundNumber(state) };
}

/** Reopening repeats the latest round's questions and positions as a new round. */
export function checkReopen(state: TGoNoGoState, runStatus: string): { ok: true; round: number; from: TPollRound } | TRuleRefusal {
  const latest = latestCurrentRound(state);
  if (!latest) return refuse("illegal_transition", "There is no closed round to reopen: open the poll instead.");
  const open = checkOpen(state, runStatus);
  if (!open.ok) return open;
  return { ok: true, round: open.round, from: latest };
}

export type TVoteChange = {
  questionIndex: number;
  answer: TPollAnswer;
  reason?: string | null;
  /** The version of this answer the voter saw: 0 when they saw no answer yet. */
  seenVersion: number;
};

export type TAcceptedChange = {
  questionIndex: number;
  question: string;
  answer: TPollAnswer;
  reason: string | null;
  version: number;
  previous: { answer: TPollAnswer; reason: string | null } | null;
};

/**
 * A position answers one or more questions. Each change must name the version it saw, so a stale
 * change (from another tab, or a retry after someone else's change) is refused with the current state.
 * Answers that would not change anything are left out; a command that changes nothing is refused.
 */
export function checkVote(
  round: Pick<TPollRound, "round" | "status" | "questions" | "positions" | "votes">,
  position: string,
  changes: TVoteChange[],
  labelOf: TLabelOf,
): { ok: true; accepted: TAcceptedChange[] } | TRuleRefusal {
  if (round.status !== "open") return refuse("conflict", `Round ${round.round} is closed: answers can no longer change.`);
  if (!round.positions.includes(position)) return refuse("invalid_input", `${labelOf(position)} is not on this roll call.`);
  if (changes.length === 0) return refuse("invalid_input", "Answer at least one question.");
  const seen = new Set<number>();
  const accepted: TAcceptedChange[] = [];
  for (const change of changes) {
    const question = round.questions[change.questionIndex];
    if (question === undefined) return refuse("invalid_input", `There is no question ${change.questionIndex + 1} in this round.`);
    if (seen.has(change.questionIndex)) return refuse("invalid_input", `Question ${change.questionIndex + 1} is answered twice.`);
    seen.add(change.questionIndex);
    const reason = change.answer === "no_go" ? change.reason?.trim() || null : null;
    if (change.answer === "no_go" && !reason) return refuse("invalid_input", `A NO-GO needs a reason (“${question}”).`);
    const current = voteOf(round, position, change.questionIndex);
    if ((current?.version ?? 0) !== change.seenVersion) {
      const now = current ? `now ${ANSWER_WORDS[current.answer]} by ${current.voterName}` : "it has no answer now";
      return refuse("conflict", `${labelOf(position)}’s answer to “${question}” changed a moment ago (${now}): look again and re-vote.`);
    }
    if (current && current.answer === change.answer && current.reason === reason) continue;
    accepted.push({
      questionIndex: change.questionIndex,
      question,
      answer: change.answer,
      reason,
      version: (current?.version ?? 0) + 1,
      previous: current ? { answer: current.answer, reason: current.reason } : null,
    });
  }
  if (accepted.length === 0) return refuse("invalid_input", "Nothing to change: those answers are already recorded.");
  return { ok: true, accepted };
}

/** Only the person holding a position votes for it (admins reassign positions, they do not vote for them). */
export function checkHolder(holderId: string | null, actorId: string, position: string, labelOf: TLabelOf): { ok: true } | TRuleRefusal {
  if (!holderId) return refuse("illegal_transition", `Nobody holds ${labelOf(position)}: an admin must assign it first.`);
  if (holderId !== actorId) return refuse("forbidden", `Only the ${labelOf(position)} can answer for ${labelOf(position)}.`);
  return { ok: true };
}

/** A lead closes a round once every position has answered every question. */
export function checkClose(round: TPollRound, labelOf: TLabelOf): { ok: true; outcome: TPollOutcome } | TRuleRefusal {
  if (round.status !== "open") return refuse("conflict", `Round ${round.round} is already closed.`);
  const evaluation = evaluatePoll(round);
  if (evaluation.outcome === "pending" || evaluation.pendingPositions.length > 0) {
    const names = listWords(evaluation.pendingPositions.map(labelOf));
    return refuse("illegal_transition", `Still waiting for ${names}: every position must answer every question before the poll closes.`);
  }
  return { ok: true, outcome: evaluation.outcome };
}

export const MIN_OVERRIDE_REASON = 10;

/** A lead may turn a closed RESCHEDULE into PROCEED, once, with a written reason. */
export function checkOverride(round: TPollRound, reason: string): { ok: true; reason: string } | TRuleRefusal {
  if (round.status !== "closed") return refuse("illegal_transition", "Close the poll first: only a closed RESCHEDULE can be overridden.");
  if (round.outcome !== "reschedule") return refuse("illegal_transition", `Round ${round.round} already says PROCEED: there is nothing to override.`);
  if (round.override) return refuse("conflict", `Round ${round.round} was already overridden by ${round.override.byName}.`);
  const text = reason.trim();
  if (text.length < MIN_OVERRIDE_REASON) {
    return refuse("invalid_input", `An override needs a written reason of at least ${MIN_OVERRIDE_REASON} characters: it goes on the record.`);
  }
  return { ok: true, reason: text };
}

/** What a closed round decided, the override included. */
export function decisionOf(round: TPollRound): { outcome: TPollOutcome; isOverridden: boolean } | null {
  if (round.status !== "closed" || !round.outcome) return null;
  if (round.override) return { outcome: "proceed", isOverridden: true };
  return { outcome: round.outcome, isOverridden: false };
}

/** Why the run may not enter production yet, or null when the latest round (since go/no-go began) allows it. */
export function productionRefusal(state: TGoNoGoState, labelOf: TLabelOf): string | null {
  const latest = latestCurrentRound(state);
  if (!latest) return "Production needs a Go/No-Go decision: open the poll and take the roll call first.";
  const decision = decisionOf(latest);
  if (!decision) return `The Go/No-Go poll (round ${latest.round}) is still open: close it once every position has answered.`;
  if (decision.outcome === "proceed") return null;
  const reasons = evaluatePoll(latest).reasons.map((r) => `${labelOf(r.position)}: ${r.reason}`);
  const shown = reasons.slice(0, 3).join("; ") + (reasons.length > 3 ? "; …" : "");
  return `The Go/No-Go poll (round ${latest.round}) said RESCHEDULE (${shown}). Reschedule the run, reopen the poll, or override with a written reason.`;
}

/** The status machine's gate: go/no-go → production only on PROCEED (or an override). */
export function goNoGoGate(state: TGoNoGoState, labelOf: TLabelOf): TGate {
  return (from, to) => (to === "production" ? productionRefusal(state, labelOf) : null);
}

/** What the poll adds to the bridge's one-glance light while the run is at go/no-go (null: nothing to say). */
export function goNoGoLight(state: TGoNoGoState): { state: "on_track" | "attention"; reason: string } | null {
  const round = latestCurrentRound(state);
  if (!round) return { state: "on_track", reason: "Waiting for the Go/No-Go poll to open" };
  const decision = decisionOf(round);
  if (decision?.isOverridden) return { state: "attention", reason: `Go/No-Go RESCHEDULE overridden to PROCEED` };
  if (decision) {
    return decision.outcome === "proceed"
      ? { state: "on_track", reason: "Go/No-Go said PROCEED" }
      : { state: "attention", reason: "Go/No-Go said RESCHEDULE" };
  }
  const evaluation = evaluatePoll(round);
  if (evaluation.outcome === "reschedule") {
    const n = evaluation.reasons.length;
    return { state: "attention", reason: `Go/No-Go: ${n} NO-GO ${n === 1 ? "answer" : "answers"} so far` };
  }
  if (evaluation.outcome === "proceed") return { state: "on_track", reason: "Go/No-Go: all GO, ready to close" };
  return { state: "on_track", reason: `Go/No-Go roll call: ${evaluation.answered} of ${evaluation.total} answers` };
}

