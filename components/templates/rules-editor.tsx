"use client";
// The template's metric rules: escalation thresholds, rollback triggers and success metrics, each a
// metric, a comparison, a threshold and a window — or a comparison of canary against production
// (direction, allowed difference, samples per side, window) — and where its values come from
// (pushed samples, or a PromQL query on a data source: choosing one fills in the metric's default
// query). Runs copy them at creation; leads still tune a run's own rules in its war room.
import { COMPARE_DIRECTION_LABELS, COMPARE_DIRECTIONS, DEFAULT_COMPARE_WINDOW_MINUTES, DEFAULT_MIN_SAMPLES_PER_SIDE } from "@/lib/domain/compare-rule";
import { BUILTIN_METRICS } from "@/lib/domain/metric-catalog";
import { defaultPromql } from "@/lib/domain/promql-defaults";
import { DEFAULT_CONSECUTIVE_ERROR_LIMIT } from "@/lib/domain/rule-source";
import { describeRule } from "@/lib/domain/metric-defaults";
import { WINDOW_KINDS } from "@/lib/domain/metric-rules";
import { ZComparator } from "@/lib/domain/template-definition";
import { RULE_LIST_LABELS, RULE_LISTS, type TRuleList, type TRuleRowDraft } from "@/lib/domain/template-draft";
import { addRule, moveAt, removeAt, replaceAt } from "@/lib/domain/template-edits";
import { AddButton, EditorNumber, EditorSelect, EditorText, RowButtons } from "./editor-fields";
import type { TEdit } from "./section-editor";

const METRIC_OPTIONS = BUILTIN_METRICS.map((m) => ({ value: m.key, label: `${m.label}${m.unit ? ` (${m.unit})` : ""}` }));
const COMPARATOR_OPTIONS = ZComparator.options.map((c) => ({ value: c, label: c }));
const WINDOW_WORDS: Record<(typeof WINDOW_KINDS)[number], string> = {
  immediate: "Latest value",
  sustained: "Sustained for",
  count: "Count within",
  sum: "Sum within",
};
const WINDOW_OPTIONS = WINDOW_KINDS.map((k) => ({ value: k, label: WINDOW_WORDS[k] }));
const LIST_HINTS: Record<TRuleList, string> = {
  escalationThresholds: "Breaching one tells the team to investigate.",
  rollbackTriggers: "Firing one turns the run red with ROLLBACK RECOMMENDED.",
  successMetrics: "What a healthy release looks like.",
};

type TDataSourceChoice = { id: string; name: string };

export function RulesEditor({ rules, edit, dataSources }: { rules: Record<TRuleList, TRuleRowDraft[]>; edit: TEdit; dataSources: readonly TDataSourceChoice[] }) {
  return (
    <div className="space-y-6">
      {RULE_LISTS.map((list) => {
        const rows = rules[list];
        const setRows = (change: (rows: TRuleRowDraft[]) => TRuleRowDraft[]) => edit((d) => ({ ...d, rules: { ...d.rules, [list]: change(d.rules[list]) } }));
        return (
          <div key={list}>
            <h3 className="font-bold text-slate-900">{RULE_LIST_LABELS[list]}</h3>
            <p className="text-sm text-slate-600">{LIST_HINTS[list]}</p>
            <ol className="mt-2 space-y-2" aria-label={RULE_LIST_LABELS[list]}>
              {rows.map((rule, r) => (
                <RuleRow
                  key={rule.uid}
                  rule={rule}
                  path={`rules.${list}.${r}`}
                  what={`${RULE_LIST_LABELS[list].toLowerCase().replace(/s$/, "")} ${r + 1}`}
                  isFirst={r === 0}
                  isLast={r === rows.length - 1}
                  dataSources={dataSources}
                  onChange={(change) => setRows((all) => replaceAt(all, r, { ...rule, ...change }))}
                  onMove={(delta) => setRows((all) => moveAt(all, r, delta))}
                  onRemove={() => setRows((all) => removeAt(all, r))}
                />
              ))}
            </ol>
            <div className="mt-2">
              <AddButton onClick={() => edit((d) => addRule(d, list))}>Add to {RULE_LIST_LABELS[list].toLowerCase()}</AddButton>
            </div>
          </div>
        );
      })}
    </div>
  );
}

type TRowProps = {
  rule: TRuleRowDraft;
  path: string;
  what: string;
  isFirst: boolean;
  isLast: boolean;
  dataSources: readonly TDataSourceChoice[];
  onChange: (change: Partial<TRuleRowDraft>) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
};

/** The rule as the war room will judge it, so a label that no longer matches its numbers stands out. */
function judgedAs(rule: TRuleRowDraft): string | null {
  if (rule.kind === "compare") {
    const direction = COMPARE_DIRECTIONS.find((d) => d === rule.direction);
    if (!direction || rule.allowedDifferencePercent === null || rule.minSamplesPerSide === null || !rule.windowMinutes) return null;
    const compare = { direction, allowedDifferencePercent: rule.allowedDifferencePercent, minSamplesPerSide: rule.minSamplesPerSide };
    const worded = describeRule({ metric: rule.metric, comparator: ">", threshold: 0, window: { kind: "immediate" }, stage: null, compare }, BUILTIN_METRICS);
    return `${worded} over the last ${rule.windowMinutes} min (Mann-Whitney U, p < 0.05, at least ${rule.minSamplesPerSide} samples per side)`;
  }
  const comparator = ZComparator.safeParse(rule.comparator);
  const kind = WINDOW_KINDS.find((k) => k === rule.windowKind);
  if (rule.value === null || !comparator.success || !kind) return null;
  if (kind !== "immediate" && !(rule.windowMinutes && rule.windowMinutes > 0)) return null;
  const window = kind === "immediate" ? { kind } : { kind, minutes: rule.windowMinutes! };
  return describeRule({ metric: rule.metric, comparator: comparator.data, threshold: rule.value, window, stage: null }, BUILTIN_METRICS);
}

const KIND_OPTIONS = [
  { value: "threshold", label: "Threshold" },
  { value: "compare", label: "Canary vs production" },
];
const DIRECTION_OPTIONS = COMPARE_DIRECTIONS.map((d) => ({ value: d, label: COMPARE_DIRECTION_LABELS[d] }));

function RuleRow({ rule, path, what, isFirst, isLast, dataSources, onChange, onMove, onRemove }: TRowProps) {
  const isCompare = rule.kind === "compare";
  const hasWindow = rule.windowKind !== "immediate";
  const judged = judgedAs(rule);
  // A new kind starts from its own defaults: a threshold's window means nothing to a comparison.
  const changeKind = (kind: string) =>
    onChange(
      kind === "compare"
        ? { kind: "compare", windowKind: "immediate", windowMinutes: DEFAULT_COMPARE_WINDOW_MINUTES, allowedDifferencePercent: rule.allowedDifferencePercent ?? 10, minSamplesPerSide: rule.minSamplesPerSide ?? DEFAULT_MIN_SAMPLES_PER_SIDE, semantics: {} }
        : { kind: "threshold", windowKind: "immediate", windowMinutes: null, semantics: {} },
    );
  return (
    <li className="rounded-md border border-slate-200 bg-slate-50 p-3" data-testid="rule-editor">
      <div className="flex items-start gap-3">
        <EditorText label={`Label of ${what}`} path={`${path}.label`} value={rule.label} onChange={(label) => onChange({ label })} className="flex-1" placeholder="Error rate > 5% sustained (5 minutes)" />
        <div className="pt-5">
          <RowButtons what={what} isFirst={isFirst} isLast={isLast} onMove={onMove} onRemove={onRemove} />
        </div>
      </div>
      <div className="mt-2 grid grid-cols-2 gap-3 md:grid-cols-6">
        <EditorSelect label="Kind" path={`${path}.kind`} value={rule.kind} options={KIND_OPTIONS} onChange={changeKind} />
        <EditorSelect label="Metric" path={`${path}.metric`} value={rule.metric} options={METRIC_OPTIONS} onChange={(metric) => onChange({ metric, unit: BUILTIN_METRICS.find((m) => m.key === metric)?.unit ?? "", ...followMetric(rule, metric) })} className="col-span-2" />
        {isCompare ? (
          <>
            <EditorSelect label="Worse when" path={`${path}.direction`} value={rule.direction} options={DIRECTION_OPTIONS} onChange={(direction) => onChange({ direction })} className="col-span-2" />
            <EditorNumber label="Allowed difference (%)" path={`${path}.allowedDifferencePercent`} value={rule.allowedDifferencePercent} step="any" onChange={(allowedDifferencePercent) => onChange({ allowedDifferencePercent })} />
            <EditorNumber label="Min samples per side" path={`${path}.minSamplesPerSide`} value={rule.minSamplesPerSide} onChange={(minSamplesPerSide) => onChange({ minSamplesPerSide })} />
            <EditorNumber label="Window (minutes)" path={`${path}.windowMinutes`} value={rule.windowMinutes} step="any" onChange={(windowMinutes) => onChange({ windowMinutes })} />
          </>
        ) : (
          <>
            <EditorSelect label="Comparison" path={`${path}.comparator`} value={rule.comparator} options={COMPARATOR_OPTIONS} onChange={(comparator) => onChange({ comparator })} />
            <EditorNumber label={`Threshold${rule.unit ? ` (${rule.unit})` : ""}`} path={`${path}.value`} value={rule.value} step="any" onChange={(value) => onChange({ value })} />
            <EditorSelect label="Window" path={`${path}.windowKind`} value={rule.windowKind} options={WINDOW_OPTIONS} onChange={(windowKind) => onChange({ windowKind, windowMinutes: windowKind === "immediate" ? null : (rule.windowMinutes ?? 5) })} />
            {hasWindow && <EditorNumber label="Minutes" path={`${path}.windowMinutes`} value={rule.windowMinutes} step="any" onChange={(windowMinutes) => onChange({ windowMinutes })} />}
          </>
        )}
      </div>
      {judged && <p className="mt-2 text-xs text-slate-600" data-testid="rule-judged-as">Judged as: <span className="font-semibold text-slate-800">{judged}</span></p>}
      <RuleSource rule={rule} path={path} dataSources={dataSources} onChange={onChange} />
    </li>
  );
}

/** A new metric's default query replaces the previous metric's default, never a query someone wrote. */
function followMetric(rule: TRuleRowDraft, metric: string): Partial<TRuleRowDraft> {
  return rule.sourceKind === "promql" && rule.query === (defaultPromql(rule.metric)?.query ?? "") ? { query: defaultPromql(metric)?.query ?? "" } : {};
}

function RuleSource({ rule, path, dataSources, onChange }: Pick<TRowProps, "rule" | "path" | "dataSources" | "onChange">) {
  const value = rule.sourceKind === "push" ? "push" : `ds:${rule.dataSourceId}`;
  const isRemoved = rule.sourceKind === "promql" && !dataSources.some((d) => d.id === rule.dataSourceId);
  const options = [
    { value: "push", label: "Pushed samples (monitoring scripts)" },
    ...(isRemoved ? [{ value, label: "PromQL on a data source that no longer exists" }] : []),
    ...dataSources.map((d) => ({ value: `ds:${d.id}`, label: `PromQL on “${d.name}”` })),
  ];
  function choose(next: string) {
    if (next === "push") return onChange({ sourceKind: "push" });
    onChange({ sourceKind: "promql", dataSourceId: next.slice(3), query: rule.query.trim() ? rule.query : (defaultPromql(rule.metric)?.query ?? "") });
  }
  return (
    <div className="mt-2 grid grid-cols-2 gap-3 md:grid-cols-6">
      <EditorSelect label="Values from" path={`${path}.dataSourceId`} value={value} options={options} onChange={choose} className="col-span-2" />
      {rule.sourceKind === "promql" && (
        <>
          <EditorText label="PromQL query" path={`${path}.query`} value={rule.query} onChange={(query) => onChange({ query })} isMultiline rows={3} isMonospace className="col-span-2 md:col-span-3" />
          <EditorNumber label="Failing after (errors)" path={`${path}.consecutiveErrorLimit`} value={rule.consecutiveErrorLimit} placeholder={String(DEFAULT_CONSECUTIVE_ERROR_LIMIT)} onChange={(consecutiveErrorLimit) => onChange({ consecutiveErrorLimit })} />
        </>
      )}
      {dataSources.length === 0 && rule.sourceKind === "push" && <p className="col-span-4 self-end text-xs text-slate-600">An admin adds Prometheus servers under Data sources; rules can then query them.</p>}
    </div>
  );
}
