// A run's rules in the database: copied from the playbook on first use, edited by leads through the
// command path, and the rollout checkpoint they hold or restart.
import type { TActor } from "../auth/users";
import { BUILTIN_METRICS, findMetric, isBuiltinMetric, metricCatalog, type TMetricDefinition, type TMetricKind } from "../domain/metric-catalog";
import { defaultRules, describeRule } from "../domain/metric-defaults";
import { METRIC_EVENTS, type TMetricDeclaredPayload, type TRuleSavedPayload, type TRuleView } from "../domain/metric-events";
import { DEFAULT_COMPARE_WINDOW_MINUTES, type TCompareSpec } from "../domain/compare-rule";
import { AppError, parseInput } from "../errors";
import { ruleSourceColumns } from "../domain/rule-source";
import { checkSourceOnSave } from "./rule-source-check";
import { Prisma } from "../generated/prisma/client";
import { reconcileCheckpoint } from "./checkpoint";
import { compareOfRow, ruleWindow, semanticsColumns, toRuleView, type TRuleRow } from "./rule-rows";
import { runCommand, type TCommandResult, type TTx } from "../timeline/command";
import { invalidateRun } from "./monitor-store";
import { limits } from "../security/limits";
import { ZDeclareMetric, ZSaveRule } from "./schemas";

export { ruleWindow, toRuleView, type TRuleRow };

/** The run's rules, first copied from its playbook if it has none yet (idempotent under races). */
export async function ensureRules(tx: TTx, runId: string, playbook: unknown): Promise<TRuleRow[]> {
  const existing = await tx.runMetricRule.findMany({ where: { runId }, orderBy: { position: "asc" } });
  if (existing.length > 0) return existing;
  const drafts = defaultRules(playbook);
  if (drafts.length === 0) return [];
  await tx.runMetricRule.createMany({
    skipDuplicates: true,
    data: drafts.map((d, position) => ({
      runId,
      position,
      label: d.label,
      metric: d.metric,
      severity: d.severity,
      comparator: d.comparator,
      threshold: d.threshold,
      unit: d.unit,
      windowKind: d.window.kind,
      windowMinutes: d.window.kind === "immediate" ? null : d.window.minutes,
      stage: d.stage,
      ...semanticsColumns(d.semantics),
      ...ruleSourceColumns(d.source),
      consecutiveErrorLimit: d.source.kind === "promql" ? (d.consecutiveErrorLimit ?? null) : null,
      ...compareColumns(d.compare),
    })),
  });
  return tx.runMetricRule.findMany({ where: { runId }, orderBy: { position: "asc" } });
}

export async function loadCatalog(tx: TTx, runId: string): Promise<TMetricDefinition[]> {
  const custom = await tx.runCustomMetric.findMany({ where: { runId }, orderBy: { createdAt: "asc" } });
  return metricCatalog(custom.map((c) => ({ key: c.key, label: c.label, unit: c.unit, kind: c.kind as TMetricKind })));
}

function changeSummary(before: TRuleRow, after: TRuleRow): string {
  const parts: string[] = [];
  const [was, is] = [compareOfRow(before), compareOfRow(after)];
  if (!was !== !is) parts.push(is ? "now compares canary with production" : "now a threshold rule");
  else if (is && was && JSON.stringify(was) !== JSON.stringify(is)) parts.push(`comparison: ${was.direction} > ${was.allowedDifferencePercent}% → ${is.direction} > ${is.allowedDifferencePercent}%, ${is.minSamplesPerSide} samples per side`);
  else if (before.threshold !== after.threshold || before.comparator !== after.comparator) parts.push(`${before.comparator} ${before.threshold} → ${after.comparator} ${after.threshold}`);
  if (before.windowKind !== after.windowKind || before.windowMinutes !== after.windowMinutes) parts.push("window changed");
  if (before.severity !== after.severity) parts.push(`${before.severity} → ${after.severity}`);
  if (before.isEnabled !== after.isEnabled) parts.push(after.isEnabled ? "enabled" : "disabled");
  if (before.stage !== after.stage) parts.push(`stage ${before.stage ?? "any"} → ${after.stage ?? "any"}`);
  if (before.promql !== after.promql || before.dataSourceId !== after.dataSourceId) parts.push(after.promql === null ? "now pushed samples" : "PromQL query changed");
  return parts.length ? ` (${parts.join(", ")})` : "";
}

/**
 * A compare rule's columns: its spec, and ">" with the allowed difference as comparator and
 * threshold, so what reads only thresholds (a change summary, an old screen) still reads sense.
 */
function compareColumns(compare: TCompareSpec | null | undefined) {
  if (!compare) return { compare: Prisma.DbNull };
  return { compare, comparator: ">", threshold: compare.allowedDifferencePercent };
}

/** Add a rule, or change one (compare-and-set on its version). */
export async function saveRule(actor: TActor, input: unknown): Promise<TCommandResult> {
  const parsed = parseInput(ZSaveRule, input);
  // A compare rule compares the last few minutes unless the lead says otherwise.
  const data = { ...parsed, windowMinutes: parsed.windowMinutes ?? (parsed.compare ? DEFAULT_COMPARE_WINDOW_MINUTES : undefined) };
  const comparator = data.comparator ?? ">";
  const threshold = data.compare ? data.compare.allowedDifferencePercent : (data.threshold ?? Number.NaN);
  if (!Number.isFinite(threshold)) throw new AppError("invalid_input", "threshold: must be a finite number");
  const result = await runCommand({ runId: data.runId, actor, permission: "runs.control", commandId: data.commandId, references: { rule: data.ruleId } }, async (tx, run, now) => {
    const rules = await ensureRules(tx, run.id, run.playbook);
    const catalog = await loadCatalog(tx, run.id);
    const metric = findMetric(catalog, data.metric);
    if (!metric) throw new AppError("invalid_input", `metric: “${data.metric}” is not a metric of this run (declare custom metrics first)`);
    if (data.denominatorMetric && !findMetric(catalog, data.denominatorMetric)) {
      throw new AppError("invalid_input", `denominatorMetric: “${data.denominatorMetric}” is not a metric of this run (declare custom metrics first)`);
    }
    await checkSourceOnSave(tx, data.source);
    const label = data.label || describeRule({ ...data, comparator, threshold }, catalog);
    const fields = {
      label,
      metric: data.metric,
      severity: data.severity,
      comparator,
      threshold,
      unit: metric.unit,
      windowKind: data.window.kind,
      windowMinutes: data.window.kind === "immediate" ? null : data.window.minutes,
      stage: data.stage,
      isEnabled: data.isEnabled,
      ...semanticsColumns(data),
      ...ruleSourceColumns(data.source),
      consecutiveErrorLimit: data.source?.kind === "promql" ? (data.consecutiveErrorLimit ?? null) : null,
      ...compareColumns(data.compare),
    };
    let saved: TRuleRow;
    let summary: string;
    if (data.ruleId) {
      const before = rules.find((r) => r.id === data.ruleId);
      if (!before) throw new AppError("not_found", "No such rule in this run.");
      if (before.version !== data.version) throw new AppError("conflict", `“${before.label}” was changed a moment ago: here is the current rule.`);
      saved = await tx.runMetricRule.update({ where: { id: before.id }, data: { ...fields, version: { increment: 1 } } });
      summary = `“${saved.label}”${changeSummary(before, saved)}`;
    } else {
      const { rulesPerRun } = limits();
      if (rules.length >= rulesPerRun) {
        throw new AppError("quota_exceeded", `This run already has ${rules.length} rules, the most a run may hold (${rulesPerRun}): change or disable one instead of adding another.`);
      }
      const position = rules.reduce((max, r) => Math.max(max, r.position + 1), 0);
      saved = await tx.runMetricRule.create({ data: { ...fields, runId: run.id, position } });
      summary = `“${saved.label}”`;
    }
    const payload: TRuleSavedPayload = { rule: toRuleView(saved), isNew: !data.ruleId, summary };
    // Disabling the rule that held the checkpoint lets it run again (and vice versa).
    const after = rules.filter((r) => r.id !== saved.id).concat(saved);
    const checkpoint = await reconcileCheckpoint(tx, run, after, now);
    if (checkpoint) payload.checkpoint = checkpoint;
    return { type: METRIC_EVENTS.ruleSaved, payload };
  });
  invalidateRun(data.runId);
  return result;
}

/** Declare a custom metric key for this run, so scripts may push it and rules may judge it. */
export async function declareMetric(actor: TActor, input: unknown): Promise<TCommandResult> {
  const data = parseInput(ZDeclareMetric, input);
  if (isBuiltinMetric(data.key)) throw new AppError("conflict", `“${data.key}” is a built-in metric (${BUILTIN_METRICS.map((m) => m.key).join(", ")}).`);
  const result = await runCommand({ runId: data.runId, actor, permission: "runs.control", commandId: data.commandId }, async (tx, run) => {
    const existing = await tx.runCustomMetric.findUnique({ where: { runId_key: { runId: run.id, key: data.key } } });
    if (existing) throw new AppError("conflict", `This run already has a metric “${data.key}”.`);
    const { customMetricsPerRun } = limits();
    const declared = await tx.runCustomMetric.count({ where: { runId: run.id } });
    if (declared >= customMetricsPerRun) {
      throw new AppError("quota_exceeded", `This run already has ${declared} custom metrics, the most a run may declare (${customMetricsPerRun}): push under one of them instead.`);
    }
    await tx.runCustomMetric.create({ data: { runId: run.id, key: data.key, label: data.label, unit: data.unit, kind: data.kind } });
    const payload: TMetricDeclaredPayload = { metric: { key: data.key, label: data.label, unit: data.unit, kind: data.kind } };
    return { type: METRIC_EVENTS.metricDeclared, payload };
  });
  invalidateRun(data.runId);
  return result;
}

