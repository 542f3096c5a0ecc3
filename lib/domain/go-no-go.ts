// The go/no-go roll call: positions answer GO or NO-GO to each question; all GO → PROCEED, any
// NO-GO → RESCHEDULE. Pure rules, no I/O: the server checks every command with them, screens show
// the outcome as it forms with them, and the status machine asks them before production.
import type { TFrozenDecision } from "./go-no-go-record";

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

export type { TDecisionContext, TDecisionMetric, TDecisionPhase, TFrozenDecision } from "./go-no-go-record";
