// Reading a run's go/no-go record inside a transaction: for the snapshot, for every poll command's
// rule check, and for the status machine's production gate.
import { type TFrozenDecision, type TGoNoGoState, type TPollRound } from "../domain/go-no-go";
import { goNoGoGate } from "../domain/go-no-go-rules";
import type { TGate, TRunStatus } from "../domain/run-status";
import { ZPlaybook } from "../domain/template-definition";
import type { TLockedRun, TTx } from "../timeline/command";
import { positionLabel } from "./poll-schemas";

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Seq of the latest move into go/no-go (0: never); rounds opened before it are history. */
async function enteredGoNoGoSeq(tx: TTx, runId: string): Promise<number> {
  const entered = await tx.timelineEvent.findFirst({
    where: { runId, type: "run.status_changed", payload: { path: ["to"], equals: "go_no_go" } },
    orderBy: { seq: "desc" },
    select: { seq: true },
  });
  return entered?.seq ?? 0;
}

export async function loadGoNoGoState(tx: TTx, runId: string): Promise<TGoNoGoState> {
  // One after the other: a transaction is one connection, which runs one query at a time.
  const enteredSeq = await enteredGoNoGoSeq(tx, runId);
  const polls = await tx.goNoGoPoll.findMany({ where: { runId }, orderBy: { round: "asc" }, include: { votes: true } });
  const run = await tx.run.findUnique({ where: { id: runId }, select: { playbook: true } });
  const playbook = ZPlaybook.pick({ goNoGoQuestions: true }).safeParse(run?.playbook);
  return {
    enteredSeq,
    templateQuestions: playbook.success ? playbook.data.goNoGoQuestions : [],
    rounds: polls.map(
      (p): TPollRound => ({
        id: p.id,
        round: p.round,
        questions: p.questions,
        positions: p.positions,
        status: p.status,
        openedSeq: p.openedSeq,
        openedByName: p.openedByName,
        openedAt: p.openedAt.toISOString(),
        closedByName: p.closedByName,
        closedAt: iso(p.closedAt),
        outcome: p.outcome,
        override:
          p.overrideReason && p.overriddenAt
            ? { reason: p.overrideReason, byName: p.overrideByName ?? "", at: p.overriddenAt.toISOString() }
            : null,
        votes: p.votes
          .map((v) => ({
            position: v.position,
            questionIndex: v.questionIndex,
            answer: v.answer,
            reason: v.reason,
            voterName: v.voterName,
            votedAt: v.votedAt.toISOString(),
            version: v.version,
          }))
          .sort((a, b) => a.position.localeCompare(b.position) || a.questionIndex - b.questionIndex),
        decision: (p.decision as TFrozenDecision | null) ?? null,
      }),
    ),
  };
}

/** The production gate, read inside the status command's transaction (the run row is locked). */
export async function loadGoNoGoGate(tx: TTx, run: TLockedRun, to: TRunStatus): Promise<TGate> {
  if (to !== "production") return () => null;
  return goNoGoGate(await loadGoNoGoState(tx, run.id), positionLabel);
}
