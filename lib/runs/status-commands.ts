// Move a run through its status machine; phase clocks start and stop with it.
import { missingRequired, type TItemState } from "../domain/checklist";
import { checkTransition, isTerminal, PHASE_OF_STATUS, type TGate, type TRunStatus } from "../domain/run-status";
import type { TStatusChangedPayload } from "../domain/run-snapshot";
import { rolloutCompleteGate } from "../domain/rollout";
import { ZPlaybook, type TPhaseKey } from "../domain/template-definition";
import { AppError, parseInput } from "../errors";
import { captureBaselineOnCompletion } from "../record/baseline";
import type { TActor } from "../auth/users";
import type { TScopedActor } from "../api/scopes";
import { runCommand, type TLockedRun, type TTx } from "../timeline/command";
import { followLinkedItems } from "./linked-items";
import { loadGoNoGoGate } from "./poll-queries";
import { ZStatusCommand } from "./schemas";

/** A feature's gate, read inside the status command's transaction (the run row is locked). */
export type TGateLoader = (tx: TTx, run: TLockedRun, to: TRunStatus) => Promise<TGate>;

/** Gates added by features: the go/no-go poll refuses production without a PROCEED; validation waits for 100%. */
export const transitionGates: TGateLoader[] = [loadGoNoGoGate, loadRolloutGate];

/** Work a feature does in the same transaction once a move is made (the baseline is captured on completion). */
export type TStatusEffect = (tx: TTx, run: TLockedRun, to: TRunStatus, now: Date) => Promise<void>;
export const statusEffects: TStatusEffect[] = [captureBaselineOnCompletion];

async function loadRolloutGate(_tx: TTx, run: TLockedRun): Promise<TGate> {
  const playbook = ZPlaybook.partial().safeParse(run.playbook);
  return rolloutCompleteGate((playbook.success && playbook.data.rolloutSteps) || [], run.rolloutPercent);
}

async function loadGates(tx: TTx, run: TLockedRun, to: TRunStatus): Promise<TGate[]> {
  const gates: TGate[] = [];
  // In turn: the transaction's one connection runs one query at a time.
  for (const load of transitionGates) gates.push(await load(tx, run, to));
  return gates;
}

export async function changeStatus(actor: TActor | TScopedActor, input: unknown) {
  const { runId, to, reason, plannedStart, version, commandId } = parseInput(ZStatusCommand, input);
  const result = await runCommand({ runId, actor, permission: "runs.control", commandId }, async (tx, run, now) => {
    if (run.version !== version) {
      throw new AppError("conflict", "The run changed a moment ago: here is its current status.");
    }
    const phases = await tx.runPhase.findMany({
      where: { runId },
      orderBy: { position: "asc" },
      // Recurring sections are done in rounds while their phase runs; they never block completion.
      include: { sections: { where: { intervalMinutes: null }, include: { items: { select: { text: true, required: true, state: true } } } } },
    });
    const from = run.status as TRunStatus;
    const verdict = checkTransition(from, to, {
      reason,
      gates: await loadGates(tx, run, to),
      phases: phases.map((p) => ({
        key: p.key as TPhaseKey,
        title: p.title,
        missingRequired: missingRequired(
          p.sections.flatMap((s) => s.items.map((i) => ({ ...i, state: i.state as TItemState }))),
        ),
      })),
    });
    if (!verdict.ok) throw new AppError("illegal_transition", verdict.reason);

    const leaving = PHASE_OF_STATUS[from];
    const entering = PHASE_OF_STATUS[to];
    const timing = phases.map((p) => ({
      id: p.id,
      startedAt: p.key === entering && !p.startedAt ? now : p.startedAt,
      completedAt: p.key === leaving && p.startedAt && !p.completedAt ? now : p.completedAt,
    }));
    for (const t of timing) {
      await tx.runPhase.update({ where: { id: t.id }, data: { startedAt: t.startedAt, completedAt: t.completedAt } });
    }
    const startedAt = run.startedAt ?? (from === "planned" ? now : null);
    const endedAt = isTerminal(to) ? now : null;
    const nextPlannedStart = to === "rescheduled" && plannedStart ? plannedStart : run.plannedStart;
    const updated = await tx.run.update({
      where: { id: runId },
      data: {
        status: to,
        version: { increment: 1 },
        statusReason: reason ?? null,
        startedAt,
        endedAt,
        plannedStart: nextPlannedStart,
        checkpointStartedAt: to === "production" ? null : run.checkpointStartedAt,
      },
    });
    for (const effect of statusEffects) await effect(tx, updated, to, now);
    const payload: TStatusChangedPayload = {
      from,
      to,
      version: updated.version,
      reason: reason ?? null,
      phases: timing.map((t) => ({
        id: t.id,
        startedAt: t.startedAt?.toISOString() ?? null,
        completedAt: t.completedAt?.toISOString() ?? null,
      })),
      startedAt: startedAt?.toISOString() ?? null,
      endedAt: endedAt?.toISOString() ?? null,
      plannedStart: nextPlannedStart.toISOString(),
    };
    return { type: "run.status_changed", payload };
  });
  // A phase that starts may hold items whose rule already passes ("Verify performance metrics").
  void followLinkedItems(runId);
  return result;
}
