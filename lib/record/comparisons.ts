// The compare rules' recorded status changes, for the record's "Canary vs production" (the pure part
// is lib/domain/record-comparisons.ts).
import { parseRunEvent } from "../domain/events/catalogue";
import type { TRuleView } from "../domain/metric-events";
import { comparisonResults, type TComparisonResult, type TRecordedChange } from "../domain/record-comparisons";
import { db } from "../db/client";

export async function loadComparisons(runId: string, rules: readonly TRuleView[]): Promise<TComparisonResult[]> {
  const compareIds = new Set(rules.filter((r) => r.compare).map((r) => r.id));
  if (compareIds.size === 0) return [];
  const rows = await db().timelineEvent.findMany({ where: { runId, type: "metrics.states_changed" }, orderBy: { seq: "asc" } });
  const recorded: TRecordedChange[] = rows.flatMap((row) => {
    const { event } = parseRunEvent({ ...row, createdAt: row.createdAt.toISOString() });
    if (event.type !== "metrics.states_changed") return [];
    return event.payload.changes.filter((c) => compareIds.has(c.ruleId)).map((change) => ({ at: event.createdAt, change }));
  });
  return comparisonResults(rules, recorded);
}
