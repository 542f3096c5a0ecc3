// A RollbackAlert row as screens see it.
import type { TAlertView } from "../domain/metric-events";
import type { RollbackAlert } from "../generated/prisma/client";

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toAlertView(row: RollbackAlert): TAlertView {
  return {
    id: row.id,
    source: row.source,
    ruleId: row.ruleId,
    label: row.label,
    metric: row.metric,
    stage: row.stage,
    value: row.value,
    unit: row.unit,
    note: row.note,
    raisedAt: row.raisedAt.toISOString(),
    raisedByName: row.raisedByName,
    acknowledgedAt: iso(row.acknowledgedAt),
    acknowledgedByName: row.acknowledgedByName,
    decision: row.decision,
    decisionReason: row.decisionReason,
    decidedAt: iso(row.decidedAt),
    decidedByName: row.decidedByName,
  };
}
