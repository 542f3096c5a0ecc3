// A template's PromQL rules name data sources by id: the one check the browser cannot make (it may
// have been removed since the editor opened) is made here, in the save's transaction.
import { RULE_LIST_LABELS, RULE_LISTS, type TTemplateDraft } from "../domain/template-draft";
import type { TTemplateProblem } from "../domain/template-validation";
import type { TTx } from "../timeline/command";

export async function missingDataSources(tx: Pick<TTx, "dataSource">, draft: TTemplateDraft): Promise<TTemplateProblem[]> {
  const wanted = RULE_LISTS.flatMap((list) => draft.rules[list].map((rule, r) => ({ list, rule, r }))).filter(({ rule }) => rule.sourceKind === "promql");
  if (wanted.length === 0) return [];
  const found = await tx.dataSource.findMany({ where: { id: { in: wanted.map((w) => w.rule.dataSourceId) } }, select: { id: true } });
  const ids = new Set(found.map((f) => f.id));
  return wanted
    .filter(({ rule }) => !ids.has(rule.dataSourceId))
    .map(({ list, rule, r }) => ({
      path: `rules.${list}.${r}.dataSourceId`,
      message: `${RULE_LIST_LABELS[list]} › rule ${r + 1}${rule.label.trim() ? ` “${rule.label.trim()}”` : ""}: its data source no longer exists: choose another`,
    }));
}
