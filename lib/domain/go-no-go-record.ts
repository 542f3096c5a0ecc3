// The go/no-go decision frozen when a round closes: the roll call, the tally, the NO-GO reasons and
// what else was true then, so the record reads the same later. Pure.
import { evaluatePoll, voteOf, type TLabelOf, type TNoGoReason, type TPollAnswer, type TPollOutcome, type TPollRound, type TQuestionTally } from "./go-no-go";

type TRoundVotes = Pick<TPollRound, "questions" | "positions" | "votes">;

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
