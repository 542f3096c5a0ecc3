// The rollout checkpoint ("Canary metrics green (5 minutes)") as stored: its countdown start is set
// while the gate runs and cleared while it is held (lib/domain/checkpoint-gate.ts decides), so a
// hold always restarts the full duration. Called inside the command that changed something.
import { checkpointGate, type TCheckpointGate } from "../domain/checkpoint-gate";
import { currentStepIndex } from "../domain/rollout";
import { ZPlaybook } from "../domain/template-definition";
import type { TRuleVerdictState } from "../domain/rule-verdict";
import type { TTx } from "../timeline/command";
import { judgedRow, type TRuleRow } from "./rule-rows";
import { loadCatalog } from "./rules";

type TCheckpointRun = { id: string; status: string; rolloutPercent: number; checkpointStartedAt: Date | null; playbook: unknown };

/** The current step's "green for N minutes" (0 when the playbook has no such step). */
function greenMinutes(run: TCheckpointRun): number {
  const parsed = ZPlaybook.shape.rolloutSteps.safeParse((run.playbook as { rolloutSteps?: unknown } | null)?.rolloutSteps);
  if (!parsed.success) return 0;
  return parsed.data[currentStepIndex(parsed.data, run.rolloutPercent)]?.greenMinutes ?? 0;
}

/** The gate at `now`; `verdicts` (the monitor's, newer than the rows') win over the saved ones. */
export async function gateOf(tx: TTx, run: TCheckpointRun, rules: readonly TRuleRow[], now: Date, verdicts?: ReadonlyMap<string, TRuleVerdictState>): Promise<TCheckpointGate> {
  const catalog = await loadCatalog(tx, run.id);
  return checkpointGate({
    rules: rules.map((r) => judgedRow(r, catalog, now.getTime(), verdicts?.get(r.id))),
    greenMinutes: greenMinutes(run),
    countdownStartedAt: run.checkpointStartedAt?.getTime() ?? null,
    now: now.getTime(),
  });
}

export const isCheckpointUnderWay = (run: Pick<TCheckpointRun, "status" | "rolloutPercent">) => run.status === "production" && run.rolloutPercent > 0;

/**
 * Holds (no start time) or restarts the countdown when the gate says so. Returns what changed, for
 * the event that announces it, or undefined.
 */
export async function reconcileCheckpoint(tx: TTx, run: TCheckpointRun, rules: readonly TRuleRow[], now: Date): Promise<{ startedAt: string | null; reason: string; reasons?: string[] } | undefined> {
  if (!isCheckpointUnderWay(run)) return undefined;
  const gate = await gateOf(tx, run, rules, now);
  if (gate.kind === "held" && run.checkpointStartedAt) {
    await tx.run.update({ where: { id: run.id }, data: { checkpointStartedAt: null } });
    return { startedAt: null, reason: `checkpoint held: ${gate.reasons[0]}`, reasons: gate.reasons };
  }
  if (gate.kind === "running" && !run.checkpointStartedAt) {
    await tx.run.update({ where: { id: run.id }, data: { checkpointStartedAt: now } });
    return { startedAt: now.toISOString(), reason: "every gating rule is ok with fresh data: the checkpoint countdown restarts" };
  }
  return undefined;
}

/** For the rollout command: the new step's countdown start, or null while the metrics hold it. */
export async function checkpointStartFor(tx: TTx, run: TCheckpointRun, now: Date): Promise<Date | null> {
  const rules = await tx.runMetricRule.findMany({ where: { runId: run.id } });
  const gate = await gateOf(tx, { ...run, checkpointStartedAt: null }, rules, now);
  return gate.kind === "running" ? now : null;
}
