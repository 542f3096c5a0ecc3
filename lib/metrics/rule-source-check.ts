// A PromQL source is checked when a rule is saved, on the server, against the data source it names:
// the data source must exist, and the template must render with that source's stage label and parse
// with Prometheus's grammar. Each refusal names the field, so the editor shows it where it belongs.
import { storedStageLabel } from "../datasources/views";
import { checkPromqlTemplate } from "../domain/promql-validation";
import type { TRuleSourceInput } from "../domain/rule-source-schema";
import { AppError } from "../errors";
import type { TTx } from "../timeline/command";

export async function checkSourceOnSave(tx: Pick<TTx, "dataSource">, source: TRuleSourceInput | undefined, field = "source"): Promise<void> {
  if (source?.kind !== "promql") return;
  const dataSource = await tx.dataSource.findUnique({ where: { id: source.dataSourceId }, select: { stageLabel: true } });
  if (!dataSource) throw new AppError("invalid_input", `${field}.dataSourceId: no data source with id “${source.dataSourceId}” (an admin adds them under Data sources)`);
  const check = checkPromqlTemplate(source.query, storedStageLabel(dataSource));
  if (!check.ok) throw new AppError("invalid_input", `${field}.query: ${check.message}`);
}
