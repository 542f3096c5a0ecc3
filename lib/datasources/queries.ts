// Reading data sources: views for the admin page, and the full target (secrets included) for the
// server code that queries one.
import "server-only";
import { db } from "../db/client";
import type { TStageLabelMapping } from "../domain/promql-template";
import type { TPrometheusTarget } from "./prometheus/http";
import { storedStageLabel, toDataSourceView, toPrometheusTarget, type TDataSourceView } from "./views";

export async function listDataSources(): Promise<TDataSourceView[]> {
  const rows = await db().dataSource.findMany({ orderBy: { name: "asc" } });
  return rows.map(toDataSourceView);
}

/** Names for the rule editors and rule rows: which Prometheus a rule may query (no URL, no secrets). */
export async function listDataSourceChoices(): Promise<{ id: string; name: string }[]> {
  return db().dataSource.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}

/** What the evaluator needs to query a data source: where and how, and its stage label mapping. */
export async function loadPrometheusSource(id: string): Promise<{ target: TPrometheusTarget; stageLabel: TStageLabelMapping; name: string } | null> {
  const row = await db().dataSource.findUnique({ where: { id } });
  return row ? { target: toPrometheusTarget(row), stageLabel: storedStageLabel(row), name: row.name } : null;
}
