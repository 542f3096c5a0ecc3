// Runs whose rules query a real Prometheus, for the feed's integration tests and the rules benchmark:
// a data source on the steered exporter's labels, and every rule of a run switched to the default
// PromQL query of its metric through the same command a lead's rule editor sends.
import type { TActor } from "../../lib/auth/users";
import { createDataSource } from "../../lib/datasources/commands";
import { db } from "../../lib/db/client";
import { defaultPromql } from "../../lib/domain/promql-defaults";
import type { TRuleSemantics } from "../../lib/domain/rule-semantics";
import { ruleWindow, semanticsOfRow } from "../../lib/metrics/rule-rows";
import { ensureRules, saveRule } from "../../lib/metrics/rules";
import { EXPORTER_STAGE_LABEL } from "./steered-exporter";

export async function makePrometheusSource(admin: TActor, url: string, name = "prometheus-test") {
  return createDataSource(admin, { name, url, authKind: "none", extraHeaders: [], timeoutMs: 3000, stageLabel: EXPORTER_STAGE_LABEL });
}

/**
 * Every rule of the run queries `dataSourceId` with its metric's default query; `semantics` replaces
 * the rule's own (short windows, so a test sees a change within seconds of real time).
 */
export async function queryRulesOnPrometheus(lead: TActor, runId: string, dataSourceId: string, semantics: Partial<TRuleSemantics> = {}) {
  const run = await db().run.findUniqueOrThrow({ where: { id: runId }, select: { playbook: true } });
  // A run's rules are copied from its playbook on first use.
  const rules = await db().$transaction((tx) => ensureRules(tx, runId, run.playbook));
  for (const row of rules) {
    const query = defaultPromql(row.metric)?.query;
    if (!query) continue;
    const { denominatorMetric: _none, ...own } = semanticsOfRow(row);
    await saveRule(lead, {
      runId,
      ruleId: row.id,
      version: row.version,
      label: row.label,
      metric: row.metric,
      severity: row.severity,
      comparator: row.comparator,
      threshold: row.threshold,
      window: ruleWindow(row),
      stage: row.stage,
      isEnabled: row.isEnabled,
      ...own,
      ...semantics,
      source: { kind: "promql", dataSourceId, query },
    });
  }
}
