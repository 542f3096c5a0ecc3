"use client";
// Where a rule's values come from, in the rule editor: pushed samples, or a PromQL template on one
// of the admins' data sources. Choosing a data source fills in the metric's default query (which
// follows the metric while nobody edited it); the server checks the query when the rule is saved.
import { defaultPromql } from "@/lib/domain/promql-defaults";
import { PROMQL_VARIABLES } from "@/lib/domain/promql-template";
import { DEFAULT_CONSECUTIVE_ERROR_LIMIT, type TRuleSource } from "@/lib/domain/rule-source";

export type TDataSourceChoice = { id: string; name: string };
export type TSourceDraft = { kind: "push" | "promql"; dataSourceId: string; query: string; errorLimit: string };

const control = "rounded-md border border-slate-400 bg-white px-2 py-1 text-sm";

export function sourceDraft(source: TRuleSource, errorLimit: number): TSourceDraft {
  return source.kind === "push"
    ? { kind: "push", dataSourceId: "", query: "", errorLimit: String(DEFAULT_CONSECUTIVE_ERROR_LIMIT) }
    : { kind: "promql", dataSourceId: source.dataSourceId ?? "", query: source.query, errorLimit: String(errorLimit) };
}

/** The save's source fields: the error limit only when it differs from the default. */
export function sourcePayload(draft: TSourceDraft): { source: TRuleSource; consecutiveErrorLimit?: number } {
  if (draft.kind === "push") return { source: { kind: "push" } };
  const limit = Number(draft.errorLimit);
  return {
    source: { kind: "promql", dataSourceId: draft.dataSourceId, query: draft.query },
    ...(limit !== DEFAULT_CONSECUTIVE_ERROR_LIMIT && { consecutiveErrorLimit: limit }),
  };
}

/** A new metric: its default query replaces the previous metric's default, never a query someone wrote. */
export function followMetric(draft: TSourceDraft, fromMetric: string, toMetric: string): TSourceDraft {
  if (draft.kind !== "promql" || draft.query !== (defaultPromql(fromMetric)?.query ?? "")) return draft;
  return { ...draft, query: defaultPromql(toMetric)?.query ?? "" };
}

type TProps = { id: string; metric: string; draft: TSourceDraft; dataSources: readonly TDataSourceChoice[]; onChange: (draft: TSourceDraft) => void };

export function RuleSourceFields({ id, metric, draft, dataSources, onChange }: TProps) {
  const value = draft.kind === "push" ? "push" : `ds:${draft.dataSourceId}`;
  const isRemoved = draft.kind === "promql" && !dataSources.some((d) => d.id === draft.dataSourceId);
  function choose(next: string) {
    if (next === "push") return onChange({ ...draft, kind: "push" });
    const query = draft.query.trim() ? draft.query : (defaultPromql(metric)?.query ?? "");
    onChange({ ...draft, kind: "promql", dataSourceId: next.slice(3), query });
  }
  return (
    <fieldset className="space-y-1 text-sm text-slate-800" aria-label="Where the values come from">
      <label className="flex flex-wrap items-center gap-1">
        values from
        <select id={`source-${id}`} className={control} value={value} onChange={(e) => choose(e.target.value)}>
          <option value="push">pushed samples (monitoring scripts)</option>
          {isRemoved && <option value={value}>PromQL on a removed data source</option>}
          {dataSources.map((d) => <option key={d.id} value={`ds:${d.id}`}>PromQL on “{d.name}”</option>)}
        </select>
        {dataSources.length === 0 && <span className="text-xs text-slate-600">An admin adds Prometheus servers under Data sources.</span>}
      </label>
      {draft.kind === "promql" && (
        <>
          <label className="block" htmlFor={`query-${id}`}>PromQL query</label>
          <textarea
            id={`query-${id}`}
            className={`${control} block w-full font-mono text-xs`}
            rows={3}
            spellCheck={false}
            required
            value={draft.query}
            onChange={(e) => onChange({ ...draft, query: e.target.value })}
          />
          <p className="text-xs text-slate-600">
            Variables: {PROMQL_VARIABLES.map((v) => `{{${v}}}`).join(", ")} — service, version and stage go inside “…”; one value per stage (aggregate with sum, max…).
          </p>
          <label className="flex items-center gap-1">
            failing after
            <input id={`error-limit-${id}`} className={`${control} w-16`} type="number" min="1" max="100" step="1" required value={draft.errorLimit} onChange={(e) => onChange({ ...draft, errorLimit: e.target.value })} />
            errors in a row
          </label>
        </>
      )}
    </fieldset>
  );
}
