// Reading a run's decision trees and walks inside a transaction: for the snapshot and the walk commands.
import type { TDecisionAction, TDecisionTree } from "../domain/decision-trees";
import { WALKS_IN_SNAPSHOT, type TRunDecisions, type TWalkView } from "../domain/decision-events";
import { ZPlaybook } from "../domain/template-definition";
import type { DecisionWalk } from "../generated/prisma/client";
import type { TTx } from "../timeline/command";

export function playbookTrees(playbook: unknown): TDecisionTree[] {
  const parsed = ZPlaybook.pick({ decisionTrees: true }).safeParse(playbook);
  return parsed.success ? parsed.data.decisionTrees : [];
}

export function toWalkView(row: DecisionWalk): TWalkView {
  return {
    id: row.id,
    treeKey: row.treeKey,
    treeTitle: row.treeTitle,
    signal: row.signal,
    evidence: row.evidence,
    path: row.path,
    status: row.status,
    action: (row.action as TDecisionAction | null) ?? null,
    outcome: row.outcome,
    startedByName: row.startedByName,
    startedAt: row.startedAt.toISOString(),
    endedByName: row.endedByName,
    endedAt: row.endedAt?.toISOString() ?? null,
    version: row.version,
  };
}

export async function loadDecisionState(tx: TTx, runId: string, playbook: unknown): Promise<TRunDecisions> {
  const rows = await tx.decisionWalk.findMany({ where: { runId }, orderBy: [{ startedAt: "desc" }, { id: "desc" }], take: WALKS_IN_SNAPSHOT });
  return { trees: playbookTrees(playbook), walks: rows.reverse().map(toWalkView) };
}
