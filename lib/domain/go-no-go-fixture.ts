// The four positions, three questions and vote/round builders the go/no-go tests share.
import type { TPollAnswer, TPollRound, TPollVote } from "./go-no-go";

export const LABELS: Record<string, string> = { deployment_lead: "Deployment Lead", tech_lead: "Tech Lead", devops: "DevOps", qa: "QA" };
export const labelOf = (p: string) => LABELS[p] ?? p;
export const POSITIONS = ["deployment_lead", "tech_lead", "devops", "qa"];
export const QUESTIONS = ["Ready for production?", "All smoke tests passed?", "Rollback plan ready?"];

export function vote(position: string, questionIndex: number, answer: TPollAnswer, reason: string | null = null, version = 1): TPollVote {
  return { position, questionIndex, answer, reason, voterName: labelOf(position), votedAt: "2026-12-01T14:00:00.000Z", version };
}

/** Every position answers every question with `answer`, except the overrides given. */
export function allAnswer(answer: TPollAnswer, positions = POSITIONS): TPollVote[] {
  return positions.flatMap((p) => QUESTIONS.map((_, i) => vote(p, i, answer)));
}

export function round(overrides: Partial<TPollRound> = {}): TPollRound {
  return {
    id: "poll-1",
    round: 1,
    questions: QUESTIONS,
    positions: POSITIONS,
    status: "open",
    openedSeq: 10,
    openedByName: "Lee Lead",
    openedAt: "2026-12-01T13:55:00.000Z",
    closedByName: null,
    closedAt: null,
    outcome: null,
    override: null,
    votes: [],
    decision: null,
    ...overrides,
  };
}

export const closed = (outcome: "proceed" | "reschedule", overrides: Partial<TPollRound> = {}) =>
  round({ status: "closed", outcome, closedByName: "Lee Lead", closedAt: "2026-12-01T14:10:00.000Z", ...overrides });
