// The go/no-go poll's commands, each through the one command path (lock the run → rule → state +
// TimelineEvent in one transaction → broadcast): open a round, reopen it, vote, close, override.
import type { TActor } from "../auth/users";
import { progress } from "../domain/checklist";
import { type TDecisionContext, type TDecisionMetric, type TGoNoGoState, type TPollRound } from "../domain/go-no-go";
import { freezeDecision } from "../domain/go-no-go-record";
import { checkClose, checkHolder, checkOpen, checkOverride, checkReopen, checkVote, latestCurrentRound, type TRuleRefusal } from "../domain/go-no-go-rules";
import {
  POLL_EVENTS,
  type TPollClosedPayload,
  type TPollOpenedPayload,
  type TPollOverriddenPayload,
  type TPollVotedPayload,
} from "../domain/go-no-go-events";
import { AppError, parseInput } from "../errors";
import type { Prisma, RunRoleKind } from "../generated/prisma/client";
import { runCommand, type TLockedRun, type TTx } from "../timeline/command";
import { loadGoNoGoState } from "./poll-queries";
import { positionLabel, ZClosePoll, ZOpenPoll, ZOverridePoll, ZReopenPoll, ZVotePoll } from "./poll-schemas";

function refused(refusal: TRuleRefusal): AppError {
  return new AppError(refusal.code, refusal.reason);
}

/** Every position named must have a holder who is allowed to vote, or the roll call could never finish. */
async function assertVotingHolders(tx: TTx, runId: string, positions: RunRoleKind[]): Promise<void> {
  const holders = await tx.runRole.findMany({ where: { runId, role: { in: positions } }, include: { user: { select: { name: true, role: true } } } });
  for (const position of positions) {
    const holder = holders.find((h) => h.role === position);
    if (!holder) throw new AppError("invalid_input", `Nobody holds ${positionLabel(position)}: an admin can assign it, or leave it off the roll call.`);
    if (holder.user.role === "viewer") {
      throw new AppError("invalid_input", `${positionLabel(position)} is held by ${holder.user.name}, a viewer who cannot vote: an admin can reassign it.`);
    }
  }
}

/** The round a command names: it must exist and be the latest one since the run entered go/no-go. */
function currentRoundById(state: TGoNoGoState, pollId: string): TPollRound {
  const round = state.rounds.find((r) => r.id === pollId);
  if (!round) throw new AppError("not_found", "No such Go/No-Go round in this run.");
  const latest = latestCurrentRound(state);
  if (latest?.id !== round.id) {
    throw new AppError("conflict", latest ? `Round ${round.round} is history: round ${latest.round} is the current one.` : `Round ${round.round} is history.`);
  }
  return round;
}

function assertAtGoNoGo(run: TLockedRun, doing: string): void {
  if (run.status !== "go_no_go") throw new AppError("illegal_transition", `${doing} happens at the Go / No-Go step only.`);
}

async function createRound(
  tx: TTx,
  run: TLockedRun,
  actor: TActor,
  now: Date,
  round: { number: number; questions: string[]; positions: RunRoleKind[]; reopenedFrom: number | null },
) {
  await assertVotingHolders(tx, run.id, round.positions);
  const poll = await tx.goNoGoPoll.create({
    data: {
      runId: run.id,
      round: round.number,
      questions: round.questions,
      positions: round.positions,
      // runCommand gives this command's event the run's next seq, right after this callback.
      openedSeq: run.lastSeq + 1,
      openedById: actor.id,
      openedByName: actor.name,
      openedAt: now,
    },
  });
  const payload: TPollOpenedPayload = {
    pollId: poll.id,
    round: poll.round,
    questions: poll.questions,
    positions: poll.positions,
    positionLabels: poll.positions.map(positionLabel),
    openedByName: actor.name,
    openedAt: now.toISOString(),
    reopenedFrom: round.reopenedFrom,
  };
  return { type: POLL_EVENTS.opened, payload };
}

// poll:open – a lead starts a round with the (edited) questions and positions in roll-call order.
export async function openPoll(actor: TActor, input: unknown) {
  const { runId, questions, positions, commandId } = parseInput(ZOpenPoll, input);
  return runCommand({ runId, actor, permission: "runs.control", commandId }, async (tx, run, now) => {
    const verdict = checkOpen(await loadGoNoGoState(tx, runId), run.status);
    if (!verdict.ok) throw refused(verdict);
    return createRound(tx, run, actor, now, { number: verdict.round, questions, positions, reopenedFrom: null });
  });
}

// poll:reopen – a new round with the latest round's questions and positions; the earlier one stays.
export async function reopenPoll(actor: TActor, input: unknown) {
  const { runId, pollId, commandId } = parseInput(ZReopenPoll, input);
  return runCommand({ runId, actor, permission: "runs.control", commandId }, async (tx, run, now) => {
    const state = await loadGoNoGoState(tx, runId);
    const verdict = checkReopen(state, run.status);
    if (!verdict.ok) throw refused(verdict);
    if (verdict.from.id !== pollId) throw new AppError("conflict", `Round ${verdict.from.round} is the latest round now: look again.`);
    return createRound(tx, run, actor, now, {
      number: verdict.round,
      questions: verdict.from.questions,
      positions: verdict.from.positions as RunRoleKind[],
      reopenedFrom: verdict.from.round,
    });
  });
}

// poll:vote – the holder of a position answers one or more questions (GO, or NO-GO with a reason).
export async function votePoll(actor: TActor, input: unknown) {
  const { runId, pollId, position, answers, commandId } = parseInput(ZVotePoll, input);
  return runCommand({ runId, actor, permission: "poll.vote", commandId, references: { poll: pollId } }, async (tx, run, now) => {
    assertAtGoNoGo(run, "Voting");
    const round = currentRoundById(await loadGoNoGoState(tx, runId), pollId);
    const holder = await tx.runRole.findUnique({ where: { runId_role: { runId, role: position } }, select: { userId: true } });
    const isHolder = checkHolder(holder?.userId ?? null, actor.id, position, positionLabel);
    if (!isHolder.ok) throw refused(isHolder);
    const verdict = checkVote(
      round,
      position,
      answers.map((a) => ({ questionIndex: a.questionIndex, answer: a.answer, reason: a.reason, seenVersion: a.version })),
      positionLabel,
    );
    if (!verdict.ok) throw refused(verdict);
    for (const change of verdict.accepted) {
      const data = { answer: change.answer, reason: change.reason, voterId: actor.id, voterName: actor.name, votedAt: now, version: change.version };
      if (!change.previous) {
        await tx.goNoGoVote.create({ data: { pollId, position, questionIndex: change.questionIndex, ...data } });
        continue;
      }
      // Compare-and-set in SQL too: the run lock serialises today, this keeps the guarantee if that changes.
      const { count } = await tx.goNoGoVote.updateMany({
        where: { pollId, position, questionIndex: change.questionIndex, version: change.version - 1 },
        data,
      });
      if (count !== 1) throw new AppError("conflict", `${positionLabel(position)}’s answer to “${change.question}” changed a moment ago: look again.`);
    }
    const payload: TPollVotedPayload = { pollId, round: round.round, position, positionLabel: positionLabel(position), voterName: actor.name, votedAt: now.toISOString(), changes: verdict.accepted };
    return { type: POLL_EVENTS.voted, payload };
  });
}

/** Checklist and rollout as they stand when the poll closes. */
async function decisionContext(tx: TTx, run: TLockedRun): Promise<TDecisionContext> {
  const phases = await tx.runPhase.findMany({
    where: { runId: run.id },
    orderBy: { position: "asc" },
    include: { sections: { where: { intervalMinutes: null }, include: { items: { select: { state: true } } } } },
  });
  const summaries = phases.map((p) => {
    const items = p.sections.flatMap((s) => s.items);
    return { key: p.key, title: p.title, ...progress(items), failed: items.filter((i) => i.state === "failed").length };
  });
  const sum = (pick: (p: (typeof summaries)[number]) => number) => summaries.reduce((n, p) => n + pick(p), 0);
  return {
    runStatus: run.status,
    checklist: { done: sum((p) => p.done), total: sum((p) => p.total), failed: sum((p) => p.failed) },
    phases: summaries,
    rolloutPercent: run.rolloutPercent,
  };
}

/**
 * The metric values to freeze with the decision. Warroom has no metric ingestion yet (issue 5): until
 * it does there is nothing to freeze, recorded as null ("no metrics at close"), never as made-up numbers.
 * The metrics feature fills this in with the latest sample of each metric at `at`.
 */
async function metricValuesAt(_tx: TTx, _runId: string, _at: Date): Promise<TDecisionMetric[] | null> {
  return null;
}

// poll:close – a lead closes the round once every position has answered; the decision is frozen.
export async function closePoll(actor: TActor, input: unknown) {
  const { runId, pollId, commandId } = parseInput(ZClosePoll, input);
  return runCommand({ runId, actor, permission: "runs.control", commandId, references: { poll: pollId } }, async (tx, run, now) => {
    assertAtGoNoGo(run, "Closing the poll");
    const round = currentRoundById(await loadGoNoGoState(tx, runId), pollId);
    const verdict = checkClose(round, positionLabel);
    if (!verdict.ok) throw refused(verdict);
    const holders = await tx.runRole.findMany({ where: { runId }, include: { user: { select: { name: true } } } });
    const decision = freezeDecision(
      round,
      verdict.outcome,
      {
        closedAt: now.toISOString(),
        closedByName: actor.name,
        holderNameOf: (position) => holders.find((h) => h.role === position)?.user.name ?? null,
        labelOf: positionLabel,
      },
      await decisionContext(tx, run),
      await metricValuesAt(tx, runId, now),
    );
    const { count } = await tx.goNoGoPoll.updateMany({
      where: { id: pollId, status: "open" },
      data: {
        status: "closed",
        outcome: verdict.outcome,
        closedById: actor.id,
        closedByName: actor.name,
        closedAt: now,
        decision: decision as unknown as Prisma.InputJsonValue,
      },
    });
    if (count !== 1) throw new AppError("conflict", `Round ${round.round} was closed a moment ago.`);
    const payload: TPollClosedPayload = { pollId, round: round.round, outcome: verdict.outcome, closedByName: actor.name, closedAt: now.toISOString(), decision };
    return { type: POLL_EVENTS.closed, payload };
  });
}

// poll:override – a lead turns a closed RESCHEDULE into PROCEED, with a written reason on the record.
export async function overridePoll(actor: TActor, input: unknown) {
  const { runId, pollId, reason, commandId } = parseInput(ZOverridePoll, input);
  return runCommand({ runId, actor, permission: "runs.control", commandId, references: { poll: pollId } }, async (tx, run, now) => {
    assertAtGoNoGo(run, "Overriding the poll");
    const round = currentRoundById(await loadGoNoGoState(tx, runId), pollId);
    const verdict = checkOverride(round, reason);
    if (!verdict.ok) throw refused(verdict);
    const { count } = await tx.goNoGoPoll.updateMany({
      where: { id: pollId, status: "closed", overrideReason: null },
      data: { overrideReason: verdict.reason, overrideById: actor.id, overrideByName: actor.name, overriddenAt: now },
    });
    if (count !== 1) throw new AppError("conflict", `Round ${round.round} was overridden a moment ago.`);
    const payload: TPollOverriddenPayload = { pollId, round: round.round, reason: verdict.reason, byName: actor.name, at: now.toISOString() };
    return { type: POLL_EVENTS.overridden, payload };
  });
}
