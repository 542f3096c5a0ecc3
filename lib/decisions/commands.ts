// Walking a decision guide, each step through the one command path: start (with the signal's
// evidence), choose or go back (compare-and-set on the walk), apply the final action, or close it.
// Applying a status action goes through the status command first (its permission and gates), then
// records the walk as applied; both are idempotent under the caller's command id, so a retry is safe.
import type { TActor } from "../auth/users";
import { DECISION_EVENTS, type TWalkAbandonedPayload, type TWalkAppliedPayload, type TWalkStartedPayload, type TWalkSteppedPayload } from "../domain/decision-events";
import { ACTION_LABELS, checkWalkStep, decisionEffect, type TDecisionTree } from "../domain/decision-trees";
import { can } from "../domain/roles";
import { walkStatusReason } from "../domain/walk-status-reason";
import type { TRunStatus } from "../domain/run-status";
import { db } from "../db/client";
import { AppError, parseInput } from "../errors";
import { runCommand, type TCommandResult, type TTx } from "../timeline/command";
import { changeStatus } from "../runs/status-commands";
import { ZAbandonWalk, ZApplyWalk, ZStartWalk, ZStepWalk } from "../comms/schemas";
import { playbookTrees, toWalkView } from "./queries";

function treeOf(playbook: unknown, treeKey: string): TDecisionTree {
  const tree = playbookTrees(playbook).find((t) => t.key === treeKey);
  if (!tree) throw new AppError("not_found", "This run's playbook has no such decision guide.");
  return tree;
}

async function walkOf(tx: TTx, runId: string, walkId: string) {
  const walk = await tx.decisionWalk.findFirst({ where: { id: walkId, runId } });
  if (!walk) throw new AppError("not_found", "No such decision guide walk in this run.");
  return walk;
}

function assertVersion(walk: { version: number; startedByName: string }, version: number): void {
  if (walk.version !== version) throw new AppError("conflict", "Someone moved this decision guide a moment ago: here is where it stands.");
}

export async function startWalk(actor: TActor, input: unknown): Promise<TCommandResult> {
  const { runId, treeKey, signal, evidence, commandId } = parseInput(ZStartWalk, input);
  return runCommand({ runId, actor, permission: "decisions.walk", commandId }, async (tx, run, now) => {
    const tree = treeOf(run.playbook, treeKey);
    const ongoing = await tx.decisionWalk.findFirst({ where: { runId, treeKey, status: { in: ["open", "decided"] } } });
    if (ongoing) throw new AppError("conflict", `${ongoing.startedByName} is already walking “${tree.title}”: continue that walk.`);
    const row = await tx.decisionWalk.create({
      data: { runId, treeKey, treeTitle: tree.title, signal: signal ?? null, evidence, path: [], startedById: actor.id, startedByName: actor.name, startedAt: now },
    });
    const payload: TWalkStartedPayload = { walk: toWalkView(row) };
    return { type: DECISION_EVENTS.started, payload };
  });
}

export async function stepWalk(actor: TActor, input: unknown): Promise<TCommandResult> {
  const { runId, walkId, step, version, commandId } = parseInput(ZStepWalk, input);
  return runCommand({ runId, actor, permission: "decisions.walk", commandId, references: { walk: walkId } }, async (tx, run) => {
    const walk = await walkOf(tx, runId, walkId);
    assertVersion(walk, version);
    const tree = treeOf(run.playbook, walk.treeKey);
    const result = checkWalkStep(tree, walk, step);
    if (!result.ok) throw new AppError("conflict", result.reason);
    const updated = await tx.decisionWalk.update({
      where: { id: walk.id },
      data: { path: result.path, status: result.status, action: result.action, version: { increment: 1 } },
    });
    const payload: TWalkSteppedPayload = {
      walkId: walk.id,
      treeTitle: walk.treeTitle,
      step: step.kind,
      nodeLabel: result.node.label,
      path: result.path,
      status: result.status,
      action: result.action,
      version: updated.version,
    };
    return { type: DECISION_EVENTS.stepped, payload };
  });
}

export async function applyWalk(actor: TActor, input: unknown): Promise<TCommandResult> {
  const { runId, walkId, version, reason, commandId } = parseInput(ZApplyWalk, input);
  // Authorize before the lookup: "no such walk" would tell a viewer which walk ids exist.
  if (!can(actor.role, "decisions.walk")) throw new AppError("forbidden", "Your role does not allow this change.");
  const before = await db().decisionWalk.findFirst({ where: { id: walkId, runId }, include: { run: { select: { status: true, version: true, playbook: true } } } });
  if (!before) throw new AppError("not_found", "No such decision guide walk in this run.");
  // A retried apply finds its walk applied: the recorded event below replays under the same id.
  const isRetry = before.status === "applied" && !!commandId;
  if (!isRetry) {
    assertVersion(before, version);
    if (before.status !== "decided") throw new AppError("conflict", "Choose a final action before applying it.");
  }
  const tree = treeOf(before.run.playbook, before.treeKey);
  const action = before.action as keyof typeof ACTION_LABELS | null;
  const effect = decisionEffect(action, before.run.status as TRunStatus);
  let statusSeq: number | null = null;
  if (effect.kind === "status" && !isRetry) {
    const moved = await changeStatus(actor, {
      runId,
      to: effect.to,
      reason: reason || walkStatusReason(tree.title),
      version: before.run.version,
      commandId: commandId ? `${commandId}:status` : undefined,
    });
    statusSeq = moved.event.seq;
  }
  return runCommand({ runId, actor, permission: "decisions.walk", commandId: commandId ? `${commandId}:apply` : undefined }, async (tx, _run, now) => {
    const walk = await walkOf(tx, runId, walkId);
    if (walk.status === "applied" || walk.status === "abandoned") throw new AppError("conflict", `This walk is already ${walk.status}.`);
    const { outcome } = effect;
    const updated = await tx.decisionWalk.update({
      where: { id: walk.id },
      data: { status: "applied", outcome, endedByName: actor.name, endedAt: now, version: { increment: 1 } },
    });
    const payload: TWalkAppliedPayload = {
      walkId: walk.id,
      treeTitle: walk.treeTitle,
      action,
      actionLabel: action ? ACTION_LABELS[action] : "Decision",
      outcome,
      statusSeq,
      endedByName: actor.name,
      endedAt: now.toISOString(),
      version: updated.version,
    };
    return { type: DECISION_EVENTS.applied, payload };
  });
}

export async function abandonWalk(actor: TActor, input: unknown): Promise<TCommandResult> {
  const { runId, walkId, version, commandId } = parseInput(ZAbandonWalk, input);
  return runCommand({ runId, actor, permission: "decisions.walk", commandId, references: { walk: walkId } }, async (tx, _run, now) => {
    const walk = await walkOf(tx, runId, walkId);
    assertVersion(walk, version);
    if (walk.status === "applied" || walk.status === "abandoned") throw new AppError("conflict", `This walk is already ${walk.status}.`);
    const updated = await tx.decisionWalk.update({ where: { id: walk.id }, data: { status: "abandoned", endedByName: actor.name, endedAt: now, version: { increment: 1 } } });
    const payload: TWalkAbandonedPayload = { walkId: walk.id, treeTitle: walk.treeTitle, endedByName: actor.name, endedAt: now.toISOString(), version: updated.version };
    return { type: DECISION_EVENTS.abandoned, payload };
  });
}
