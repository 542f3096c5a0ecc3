"use client";
// Leads edit the run's rules (threshold, comparator, window, how it is judged, where its values come
// from, severity, stage, on/off) or make one compare canary with production, add rules and declare
// custom metrics. The label follows the parts unless someone typed their own.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { describeRule } from "@/lib/domain/metric-defaults";
import { METRIC_KINDS, metricCatalog, SENDABLE_STAGES, type TMetricDefinition } from "@/lib/domain/metric-catalog";
import type { TRuleView } from "@/lib/domain/metric-events";
import { RULE_SEVERITIES, SEVERITY_LABELS, type TRuleWindow } from "@/lib/domain/metric-rules";
import { ruleSemantics } from "@/lib/domain/rule-semantics";
import { formatDurationInput, parseDurationInput } from "@/lib/domain/duration-input";
import { DEFAULT_COMPARE_WINDOW_MINUTES } from "@/lib/domain/compare-rule";
import { CompareFields, compareDraft, comparePayload, type TCompareDraft } from "./compare-fields";
import type { TSend } from "./manual-triggers";
import { RuleSemanticsFields, semanticsDraft, semanticsPayload, type TSemanticsDraft } from "./rule-semantics-fields";
import { followMetric, RuleSourceFields, sourceDraft, sourcePayload, type TDataSourceChoice, type TSourceDraft } from "./rule-source-fields";
import { PUSH_SOURCE, DEFAULT_CONSECUTIVE_ERROR_LIMIT } from "@/lib/domain/rule-source";

type TDraft = {
  kind: "threshold" | "compare";
  compare: TCompareDraft;
  metric: string;
  severity: TRuleView["severity"];
  comparator: TRuleView["comparator"];
  threshold: string;
  windowKind: TRuleWindow["kind"];
  minutes: string;
  stage: string;
  isEnabled: boolean;
  label: string;
  isLabelCustom: boolean;
  semantics: TSemanticsDraft;
  source: TSourceDraft;
};

const control = "rounded-md border border-slate-400 bg-white px-2 py-1 text-sm";
const WINDOW_LABELS: Record<TRuleWindow["kind"], string> = { immediate: "latest value", sustained: "held for", count: "count within", sum: "sum within" };

function draftOf(rule: TRuleView | null, catalog: TMetricDefinition[]): TDraft {
  if (!rule) {
    return { kind: "threshold", compare: compareDraft(null), metric: catalog[0].key, severity: "escalate", comparator: ">", threshold: "", windowKind: "immediate", minutes: "5 min", stage: "", isEnabled: true, label: "", isLabelCustom: false, semantics: semanticsDraft(ruleSemantics({ kind: "immediate" }, {})), source: sourceDraft(PUSH_SOURCE, DEFAULT_CONSECUTIVE_ERROR_LIMIT) };
  }
  return {
    kind: rule.compare ? "compare" : "threshold",
    compare: compareDraft(rule.compare),
    metric: rule.metric,
    severity: rule.severity,
    comparator: rule.comparator,
    threshold: String(rule.threshold),
    windowKind: rule.window.kind,
    // A rehearsal's windows are fractions of a minute: shown as "10 s", never "0.16666666666666666".
    minutes: rule.window.kind === "immediate" ? "5 min" : formatDurationInput(rule.window.minutes),
    stage: rule.stage ?? "",
    isEnabled: rule.isEnabled,
    label: rule.label,
    isLabelCustom: true,
    semantics: semanticsDraft(rule.semantics),
    source: sourceDraft(rule.source, rule.consecutiveErrorLimit),
  };
}

function windowOf(draft: TDraft): TRuleWindow {
  // An unreadable duration is sent as NaN, which the server refuses naming the field (the form says so first).
  return draft.windowKind === "immediate" ? { kind: "immediate" } : { kind: draft.windowKind, minutes: parseDurationInput(draft.minutes) ?? Number.NaN };
}

/** Duration fields a person typed that are not durations, named as the form shows them. */
function durationProblems(draft: TDraft): string[] {
  const fields: [string, string, boolean][] = [
    ["window", draft.minutes, draft.kind === "threshold" && draft.windowKind !== "immediate"],
    ["“of the last”", draft.semantics.windowMinutes, true],
    ["“when sustained for”", draft.semantics.modeMinutes, draft.semantics.modeKind === "sustained"],
    ["“recovers after”", draft.semantics.recoveryMinutes, true],
  ];
  return fields.filter(([, text, isShown]) => isShown && parseDurationInput(text) === null).map(([name, text]) => `${name}: “${text}” is not a duration (write 10 s, 5 min or 1 h 30 min)`);
}

type TFormProps = { rule: TRuleView | null; catalog: TMetricDefinition[]; dataSources: readonly TDataSourceChoice[]; send: TSend; onDone: () => void };

function RuleForm({ rule, catalog, dataSources, send, onDone }: TFormProps) {
  const [draft, setDraft] = useState(() => draftOf(rule, catalog));
  const [error, setError] = useState<string | null>(null);
  // A new window means new implied semantics ("sustained 5 min" = the 1-minute mean held 5 min).
  const set = (patch: Partial<TDraft>) =>
    setDraft((d) => {
      const next = { ...d, ...patch };
      if (patch.metric !== undefined) next.source = followMetric(next.source, d.metric, patch.metric);
      // A comparison is judged on its latest value over its own window (5 min unless changed), at any stage.
      if (patch.kind === "compare") return { ...next, windowKind: "immediate", stage: "", semantics: semanticsDraft(ruleSemantics({ kind: "immediate" }, { windowMinutes: DEFAULT_COMPARE_WINDOW_MINUTES })) };
      const isWindowChange = patch.windowKind !== undefined || patch.minutes !== undefined || patch.kind !== undefined;
      return isWindowChange ? { ...next, semantics: semanticsDraft(ruleSemantics(windowOf(next), {})) } : next;
    });
  const isCompare = draft.kind === "compare";
  const compare = isCompare ? comparePayload(draft.compare) : null;
  const threshold = Number(draft.threshold);
  const isWordable = compare ? Number.isFinite(compare.allowedDifferencePercent) : Number.isFinite(threshold) && draft.threshold !== "";
  const worded = isWordable ? describeRule({ ...draft, threshold, window: windowOf(draft), stage: (draft.stage || null) as never, compare }, catalog) : "";
  const label = draft.isLabelCustom ? draft.label : worded;
  const id = rule?.id ?? "new";
  const problems = durationProblems(draft);

  async function save() {
    setError(null);
    const reply = await send("metrics:rule-save", {
      ...(rule ? { ruleId: rule.id, version: rule.version } : {}),
      label: label.trim() || undefined,
      metric: draft.metric,
      severity: draft.severity,
      ...(compare ? { compare } : { comparator: draft.comparator, threshold }),
      window: windowOf(draft),
      stage: draft.stage || null,
      isEnabled: draft.isEnabled,
      ...semanticsPayload(draft.semantics, windowOf(draft)),
      ...sourcePayload(draft.source),
      // Always explicit for a comparison: its default window (5 min) is not the immediate window's.
      ...(compare ? { windowMinutes: parseDurationInput(draft.semantics.windowMinutes) ?? Number.NaN } : {}),
    });
    if ("error" in reply) setError(reply.error.message);
    else onDone();
  }

  return (
    <form
      className="space-y-2 rounded-md border border-slate-300 bg-slate-50 p-3"
      aria-label={rule ? `Edit rule ${rule.label}` : "New rule"}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label className="sr-only" htmlFor={`metric-${id}`}>Metric</label>
        <select id={`metric-${id}`} className={control} value={draft.metric} onChange={(e) => set({ metric: e.target.value })}>
          {catalog.map((m) => <option key={m.key} value={m.key}>{m.label}</option>)}
        </select>
        <label className="sr-only" htmlFor={`kind-${id}`}>Kind</label>
        <select id={`kind-${id}`} className={control} value={draft.kind} onChange={(e) => set({ kind: e.target.value as TDraft["kind"] })}>
          <option value="threshold">threshold</option>
          <option value="compare">canary vs production</option>
        </select>
        {isCompare ? (
          <CompareFields id={id} draft={draft.compare} onChange={(patch) => set({ compare: { ...draft.compare, ...patch } })} />
        ) : (
          <>
            <label className="sr-only" htmlFor={`cmp-${id}`}>Comparator</label>
            <select id={`cmp-${id}`} className={control} value={draft.comparator} onChange={(e) => set({ comparator: e.target.value as TDraft["comparator"] })}>
              {[">", ">=", "<", "<="].map((c) => <option key={c}>{c}</option>)}
            </select>
            <label className="sr-only" htmlFor={`threshold-${id}`}>Threshold</label>
            <input id={`threshold-${id}`} className={`${control} w-24`} type="number" step="any" required value={draft.threshold} onChange={(e) => set({ threshold: e.target.value })} />
            <label className="sr-only" htmlFor={`window-${id}`}>Window</label>
            <select id={`window-${id}`} className={control} value={draft.windowKind} onChange={(e) => set({ windowKind: e.target.value as TDraft["windowKind"] })}>
              {(Object.keys(WINDOW_LABELS) as TRuleWindow["kind"][]).map((k) => <option key={k} value={k}>{WINDOW_LABELS[k]}</option>)}
            </select>
          </>
        )}
        {!isCompare && draft.windowKind !== "immediate" && (
          <>
            <label className="sr-only" htmlFor={`minutes-${id}`}>Window length</label>
            <input
              id={`minutes-${id}`}
              className={`${control} w-24`}
              required
              placeholder="5 min"
              aria-invalid={parseDurationInput(draft.minutes) === null}
              title="A duration: 10 s, 5 min, 1 h 30 min"
              value={draft.minutes}
              onChange={(e) => set({ minutes: e.target.value })}
            />
          </>
        )}
        <label className="sr-only" htmlFor={`severity-${id}`}>Severity</label>
        <select id={`severity-${id}`} className={control} value={draft.severity} onChange={(e) => set({ severity: e.target.value as TDraft["severity"] })}>
          {RULE_SEVERITIES.map((s) => <option key={s} value={s}>{SEVERITY_LABELS[s]}</option>)}
        </select>
        {!isCompare && (
          <>
            <label className="sr-only" htmlFor={`stage-${id}`}>Stage</label>
            <select id={`stage-${id}`} className={control} value={draft.stage} onChange={(e) => set({ stage: e.target.value })}>
              <option value="">any stage</option>
              {SENDABLE_STAGES.map((s) => <option key={s} value={s}>{s} only</option>)}
            </select>
          </>
        )}
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={draft.isEnabled} onChange={(e) => set({ isEnabled: e.target.checked })} /> enabled
        </label>
      </div>
      <RuleSemanticsFields id={id} draft={draft.semantics} catalog={catalog} isCompare={isCompare} onChange={(patch) => set({ semantics: { ...draft.semantics, ...patch } })} />
      <RuleSourceFields id={id} metric={draft.metric} draft={draft.source} dataSources={dataSources} onChange={(source) => set({ source })} />
      <div className="flex flex-wrap items-center gap-2">
        <label className="text-sm text-slate-700" htmlFor={`label-${id}`}>Label</label>
        <input id={`label-${id}`} className={`${control} min-w-72 flex-1`} value={label} maxLength={200} onChange={(e) => set({ label: e.target.value, isLabelCustom: true })} />
        {draft.isLabelCustom && worded && worded !== label && (
          <Button type="button" variant="ghost" onClick={() => set({ isLabelCustom: false })}>Use “{worded}”</Button>
        )}
        <Button type="submit" disabled={(!isCompare && draft.threshold === "") || problems.length > 0}>{rule ? "Save rule" : "Add rule"}</Button>
        <Button type="button" variant="ghost" onClick={onDone}>Cancel</Button>
      </div>
      {problems.map((p) => <p key={p} role="alert" className="text-sm text-red-800">⚠ {p}</p>)}
      {error && <p role="alert" className="text-sm text-red-800">⚠ {error}</p>}
    </form>
  );
}

function DeclareMetric({ send }: { send: TSend }) {
  const [key, setKey] = useState("");
  const [label, setLabel] = useState("");
  const [unit, setUnit] = useState("");
  const [kind, setKind] = useState<(typeof METRIC_KINDS)[number]>("number");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="flex flex-wrap items-center gap-2 text-sm"
      aria-label="Declare a custom metric"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        const reply = await send("metrics:declare", { key: key.trim(), label: label.trim(), unit: unit.trim(), kind });
        if ("error" in reply) return setError(reply.error.message);
        setKey("");
        setLabel("");
        setUnit("");
      }}
    >
      <span className="font-semibold text-slate-800">Custom metric</span>
      <input aria-label="Key" className={`${control} w-40`} placeholder="key (queue_depth)" value={key} onChange={(e) => setKey(e.target.value)} />
      <input aria-label="Label" className={`${control} w-40`} placeholder="Label" value={label} onChange={(e) => setLabel(e.target.value)} />
      <input aria-label="Unit" className={`${control} w-20`} placeholder="unit" value={unit} onChange={(e) => setUnit(e.target.value)} />
      <select aria-label="Kind" className={control} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
        {METRIC_KINDS.map((k) => <option key={k}>{k}</option>)}
      </select>
      <Button type="submit" variant="secondary" disabled={!key.trim() || !label.trim()}>Declare</Button>
      {error && <span role="alert" className="w-full text-red-800">⚠ {error}</span>}
    </form>
  );
}

type TEditorProps = { rules: TRuleView[]; customMetrics: TMetricDefinition[]; dataSources: readonly TDataSourceChoice[]; send: TSend };

export function RuleEditor({ rules, customMetrics, dataSources, send }: TEditorProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const catalog = metricCatalog(customMetrics);
  return (
    <div className="space-y-3" data-testid="rule-editor">
      <ul className="divide-y divide-slate-200 text-sm">
        {rules.map((rule) => (
          <li key={rule.id} className="py-1.5">
            {editing === rule.id ? (
              <RuleForm rule={rule} catalog={catalog} dataSources={dataSources} send={send} onDone={() => setEditing(null)} />
            ) : (
              <div className="flex flex-wrap items-center gap-2">
                <span className={rule.isEnabled ? "text-slate-900" : "text-slate-500 line-through"}>{rule.label}</span>
                <span className="text-xs text-slate-600">{SEVERITY_LABELS[rule.severity]}{rule.source.kind === "promql" && " · PromQL"}{!rule.isEnabled && " · off"}</span>
                <Button variant="ghost" className="ml-auto !px-2 !py-0.5 text-sm font-medium" aria-label={`Edit “${rule.label}”`} onClick={() => setEditing(rule.id)}>Edit</Button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {editing === "new" ? (
        <RuleForm rule={null} catalog={catalog} dataSources={dataSources} send={send} onDone={() => setEditing(null)} />
      ) : (
        <Button variant="secondary" onClick={() => setEditing("new")}>Add a rule</Button>
      )}
      <DeclareMetric send={send} />
    </div>
  );
}
