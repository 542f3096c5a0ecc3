// A lead's decision on a rule's rollback recommendation ends its firing (the issue's "stays firing
// until clear for the recovery period, or a lead decides"): the latest "continue" per rule, read
// only for rules that are firing, so a calm run costs no query. Rolling back needs nothing here: the
// run ends, and a finished run is not judged.
import { db } from "../db/client";

/** ruleId → when a lead last decided to continue on its recommendation (epoch ms). */
export async function leadDecisions(runId: string, firingRuleIds: readonly string[]): Promise<Map<string, number>> {
  if (firingRuleIds.length === 0) return new Map();
  const decided = await db().rollbackAlert.findMany({
    where: { runId, ruleId: { in: [...firingRuleIds] }, decision: "continue", decidedAt: { not: null } },
    select: { ruleId: true, decidedAt: true },
  });
  const latest = new Map<string, number>();
  for (const { ruleId, decidedAt } of decided) {
    if (!ruleId || !decidedAt) continue;
    latest.set(ruleId, Math.max(latest.get(ruleId) ?? 0, decidedAt.getTime()));
  }
  return latest;
}
