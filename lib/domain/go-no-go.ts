// The go/no-go roll call: positions answer GO or NO-GO to each question; all GO → PROCEED, any
// NO-GO → RESCHEDULE. Pure rules, no I/O: the server checks every command with them, screens show
// the outcome as it forms with them, and the status machine asks them before production.
import type { TGate } from "./run-status";

export const POLL_ANSWERS = ["go", "no_go"] as const;
export type TPollAnswer = (typeof POLL_ANSWERS)[number];
export const ANSWER_WORDS: Record<TPollAnswer, string> = { go: "GO", no_go: "NO-GO" };

export type TPollOutcome = "proceed" | "reschedule";
export const OUTCOME_WORDS: Record<TPollOutcome, string> = { proceed: "PROCEED", reschedule: "RESCHEDULE" };

/** A position's display name ("tech_lead" → "Tech Lead"); the caller owns the labels. */
export type TLabelOf = (position: string) => string;

export type TPollVote = {
  position: string;
  questionIndex: number;
  answer: TPollAnswer;
  /** Why NO-GO (required for NO-GO, null for GO). */
  reason: string | null;
  voterName: string;
  votedAt: string;
  /** 1 for the first answer, +1 for each change. */
  version: number;
};

export type TPollOverride = { reason: string; byName: string; at: string };

export type TPollRound = {
  id: string;
  round: number;
  questions: string[];
  /** Roll-call order. */
  positions: string[];
  status: "open" | "closed";
  openedSeq: number;
  openedByName: string;
  openedAt: string;
  closedByName: string | null;
  closedAt: string | null;
  outcome: TPollOutcome | null;
  override: TPollOverride | null;
  votes: TPollVote[];
  decision: TFrozenDecision | null;
};

/** The run's go/no-go record as screens hold it. */
export type TGoNoGoState = {
  /** Seq of the event that last moved the run into go/no-go (0 if never): older rounds are history. */
  enteredSeq: number;
  /** Every round, oldest first. */
  rounds: TPollRound[];
  /** The run's playbook questions: what the open form starts from. */
  templateQuestions: string[];
};

export const EMPTY_GO_NO_GO: TGoNoGoState = { enteredSeq: 0, rounds: [], templateQuestions: [] };

// ───────────────────────────── the outcome as it forms ─────────────────────────────

export type TPositionState = "answered" | "partial" | "pending";

export type TPositionRow = {
  position: string;
  state: TPositionState;
  answered: number;
  go: number;
  noGo: number;
  /** First position in roll-call order with an unanswered question. */
  isTurn: boolean;
};

export type TQuestionTally = { index: number; question: string; go: number; noGo: number; pending: number };

export type TNoGoReason = { position: string; questionIndex: number; question: string; reason: string; voterName: string };

export type TPollEvaluation = {
  /** pending: no NO-GO yet and someone has not answered; a NO-GO makes it reschedule at once. */
  outcome: TPollOutcome | "pending";
  positions: TPositionRow[];
  pendingPositions: string[];
  turn: string | null;
  tally: TQuestionTally[];
  reasons: TNoGoReason[];
  answered: number;
  total: number;
};

type TRoundVotes = Pick<TPollRound, "questions" | "positions" | "votes">;

/** The vote a position gave to a question, if any (votes outside the roll call are ignored). */
export function voteOf(round: Pick<TPollRound, "votes">, position: string, questionIndex: number): TPollVote | null {
  return round.votes.find((v) => v.position === position && v.questionIndex === questionIndex) ?? null;
}

export function evaluatePoll(round: TRoundVotes): TPollEvaluation {
  const answersOf = (position: string) =>
    round.questions.map((_, index) => voteOf(round, position, index)?.answer ?? null);
  let turnTaken = false;
  const positions = round.positions.map((position): TPositionRow => {
    const answers = answersOf(position);
    const answered = answers.filter((a) => a !== null).length;
    const isTurn = !turnTaken && answered < round.questions.length;
    if (isTurn) turnTaken = true;
    return {
      position,
      state: answered === 0 ? "pending" : answered === round.questions.length ? "answered" : "partial",
      answered,
      go: answers.filter((a) => a === "go").length,
      noGo: answers.filter((a) => a === "no_go").length,
      isTurn,
    };
  });
  const tally = round.questions.map((question, index): TQuestionTally => {
    const answers = round.positions.map((p) => voteOf(round, p, index)?.answer ?? null);
    const go = answers.filter((a) => a === "go").length;
    const noGo = answers.filter((a) => a === "no_go").length;
    return { index, question, go, noGo, pending: answers.length - go - noGo };
  });
  const reasons = round.positions.flatMap((position) =>
    round.questions.flatMap((question, questionIndex): TNoGoReason[] => {
      const vote = voteOf(round, position, questionIndex);
      return vote?.answer === "no_go"
        ? [{ position, questionIndex, question, reason: vote.reason ?? "", voterName: vote.voterName }]
        : [];
    }),
  );
  const pendingPositions = positions.filter((p) => p.state !== "answered").map((p) => p.position);
  const answered = positions.reduce((sum, p) => sum + p.answered, 0);
  return {
    outcome: reasons.length > 0 ? "reschedule" : pendingPositions.length > 0 ? "pending" : "proceed",
    positions,
    pendingPositions,
    turn: positions.find((p) => p.isTurn)?.position ?? null,
    tally,
    reasons,
    answered,
    total: round.positions.length * round.questions.length,
  };
}

/** "DevOps", "DevOps and QA", "Tech Lead, DevOps and QA". */
export function listWords(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

// ───────────────────────────── commands' rules ─────────────────────────────

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

// ───────────────────────────── the frozen record ─────────────────────────────

export type TDecisionPhase = { key: string; title: string; done: number; total: number; failed: number };

/** What else was true when the poll closed. */
export type TDecisionContext = {
  runStatus: string;
  checklist: { done: number; total: number; failed: number };
  phases: TDecisionPhase[];
  rolloutPercent: number;
};

/** A metric's value at close; the metrics feature supplies them (null: the run had no metrics then). */
export type TDecisionMetric = { metric: string; label: string; value: number; unit: string; sampledAt: string };

export type TFrozenDecision = {
  round: number;
  outcome: TPollOutcome;
  closedAt: string;
  closedByName: string;
  questions: string[];
  roll: { position: string; label: string; holderName: string | null; answers: { answer: TPollAnswer; reason: string | null; voterName: string; changes: number }[] }[];
  tally: TQuestionTally[];
  reasons: TNoGoReason[];
  context: TDecisionContext;
  metrics: TDecisionMetric[] | null;
};

export function freezeDecision(
  round: TRoundVotes & Pick<TPollRound, "round">,
  outcome: TPollOutcome,
  at: { closedAt: string; closedByName: string; holderNameOf: (position: string) => string | null; labelOf: TLabelOf },
  context: TDecisionContext,
  metrics: TDecisionMetric[] | null,
): TFrozenDecision {
  const evaluation = evaluatePoll(round);
  return {
    round: round.round,
    outcome,
    closedAt: at.closedAt,
    closedByName: at.closedByName,
    questions: round.questions,
    roll: round.positions.map((position) => ({
      position,
      label: at.labelOf(position),
      holderName: at.holderNameOf(position),
      answers: round.questions.map((_, index) => {
        const vote = voteOf(round, position, index)!;
        return { answer: vote.answer, reason: vote.reason, voterName: vote.voterName, changes: vote.version - 1 };
      }),
    })),
    tally: evaluation.tally,
    reasons: evaluation.reasons,
    context,
    metrics,
  };
}
