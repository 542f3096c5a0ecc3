"use client";
// The war room's metrics: every rule's live state, a live chart per metric, and for leads the
// manual rollback triggers, the rules editor and the API tokens monitoring scripts push with.
import type { TRunSnapshot } from "@/lib/domain/run-snapshot";
import { useMetricCharts } from "@/lib/realtime/client/use-metrics";
import { ManualTriggers, type TSend } from "./manual-triggers";
import { MetricChartsGrid } from "./metric-charts-grid";
import { RuleEditor } from "./rule-editor";
import type { TDataSourceChoice } from "./rule-source-fields";
import { RuleStates } from "./rule-states";
import { TokenPanel } from "./token-panel";

/** `dataSources`: the Prometheus servers a rule may query (names only), for the rules and their editor. */
type TProps = { snapshot: TRunSnapshot; now: Date; canControl: boolean; send: TSend; dataSources?: readonly TDataSourceChoice[] };

export function MetricsPanel({ snapshot, now, canControl, send, dataSources = [] }: TProps) {
  const charts = useMetricCharts(snapshot.id);
  const { metrics } = snapshot;
  const hasSamples = Boolean(charts?.series.some((s) => s.points.length > 0));
  return (
    <section aria-labelledby="metrics-heading" data-testid="metrics-panel" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="metrics-heading" className="text-lg font-bold text-slate-900">Metrics and rollback triggers</h2>
      <RuleStates rules={metrics.rules} now={now} dataSources={dataSources} />
      {charts && hasSamples ? (
        <MetricChartsGrid charts={charts} metrics={metrics} timeline={snapshot.timeline} now={now} />
      ) : (
        <p className="text-sm text-slate-700" data-testid="metrics-empty">
          {charts ? "No samples yet: monitoring scripts push them to " : "Loading charts… Scripts push samples to "}
          <code className="font-mono">POST /api/runs/{snapshot.id}/metrics</code> with a run API token{canControl ? " (create one below)" : ""}.
        </p>
      )}
      {canControl && (
        <>
          <ManualTriggers labels={metrics.manualTriggers} send={send} />
          <details className="rounded-md border border-slate-200 p-3">
            <summary className="cursor-pointer text-sm font-bold text-slate-900">Rules ({metrics.rules.length})</summary>
            <div className="mt-2">
              <RuleEditor rules={metrics.rules} customMetrics={metrics.customMetrics} dataSources={dataSources} send={send} />
            </div>
          </details>
          <details className="rounded-md border border-slate-200 p-3">
            <summary className="cursor-pointer text-sm font-bold text-slate-900">
              API tokens ({metrics.tokens.filter((t) => !t.revokedAt).length} active)
            </summary>
            <div className="mt-2">
              <TokenPanel runId={snapshot.id} tokens={metrics.tokens} send={send} />
            </div>
          </details>
        </>
      )}
    </section>
  );
}
