"use client";
// The war room's metrics, compact: one line per rule (rollback triggers and escalations first: they
// gate the rollout), the charts on demand (remembered on this browser), and for leads the manual
// rollback triggers, the rules editor and the API tokens monitoring scripts push with.
import { useEffect, useState } from "react";
import type { TRunSnapshot } from "@/lib/domain/run-snapshot";
import { endingPhrase, runEnding } from "@/lib/domain/run-ending";
import { retainedPoints } from "@/lib/domain/metric-charts";
import { useMetricCharts } from "@/lib/realtime/client/use-metrics";
import { Button } from "@/components/ui/button";
import { ManualTriggers, type TSend } from "./manual-triggers";
import { MetricChartsGrid } from "./metric-charts-grid";
import { RuleEditor } from "./rule-editor";
import type { TDataSourceChoice } from "./rule-source-fields";
import { RuleStates, statusOf } from "./rule-states";
import { TokenPanel } from "./token-panel";

/** `dataSources`: the Prometheus servers a rule may query (names only), for the rules and their editor. */
type TProps = { snapshot: TRunSnapshot; now: Date; canControl: boolean; send: TSend; dataSources?: readonly TDataSourceChoice[] };

const CHARTS_KEY = "warroom.metrics.showCharts";

/** Whether this browser shows the charts: off until asked for, then remembered. */
function useShowCharts(): [boolean, (show: boolean) => void] {
  const [isShown, setIsShown] = useState(false);
  useEffect(() => {
    if (window.localStorage.getItem(CHARTS_KEY) === "true") setIsShown(true);
  }, []);
  return [
    isShown,
    (show) => {
      setIsShown(show);
      window.localStorage.setItem(CHARTS_KEY, String(show));
    },
  ];
}

export function MetricsPanel({ snapshot, now, canControl, send, dataSources = [] }: TProps) {
  const charts = useMetricCharts(snapshot.id);
  const [isChartsShown, setIsChartsShown] = useShowCharts();
  const { metrics } = snapshot;
  const ending = runEnding(snapshot);
  const hasSamples = Boolean(charts?.series.some((s) => s.points.length > 0));
  const chartCount = charts ? new Set(charts.series.filter((s) => s.points.length > 0).map((s) => s.metric)).size : 0;
  const enabled = metrics.rules.filter((r) => r.isEnabled && r.severity !== "success");
  const count = (status: string) => enabled.filter((r) => statusOf(r) === status).length;
  const summary = [
    count("firing") && `${count("firing")} firing`,
    count("pending") && `${count("pending")} pending`,
    count("inconclusive") && `${count("inconclusive")} unverified`,
    count("ok") && `${count("ok")} ok`,
  ].filter(Boolean);
  return (
    <section aria-labelledby="metrics-heading" data-testid="metrics-panel" data-retained-points={retainedPoints(charts)} className="scroll-mt-40 space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h2 id="metrics-heading" className="text-lg font-bold text-slate-900">Metrics and rollback triggers</h2>
        <p className="text-sm text-slate-700" data-testid="metrics-summary">
          {ending ? `Final states ${endingPhrase(ending)}: the rules are no longer evaluated.` : summary.length ? `Gating rules: ${summary.join(" · ")}` : "No gating rules"}
        </p>
        {hasSamples && (
          <Button variant="secondary" className="ml-auto !px-3 !py-1" aria-expanded={isChartsShown} onClick={() => setIsChartsShown(!isChartsShown)}>
            {isChartsShown ? "Hide charts" : `Show charts (${chartCount})`}
          </Button>
        )}
      </div>
      <RuleStates rules={metrics.rules} now={now} ending={ending} dataSources={dataSources} />
      {charts && hasSamples ? (
        isChartsShown && <MetricChartsGrid charts={charts} metrics={metrics} timeline={snapshot.timeline} now={now} ending={ending} />
      ) : (
        <p className="text-sm text-slate-700" data-testid="metrics-empty">
          {charts ? "No samples yet: monitoring scripts push them to " : "Loading charts… Scripts push samples to "}
          <code className="font-mono">POST /api/runs/{snapshot.id}/metrics</code> with a run API token{canControl ? " (create one below)" : ""}.
        </p>
      )}
      {canControl && (
        <>
          {!ending && <ManualTriggers labels={metrics.manualTriggers} send={send} />}
          <div className="space-y-2">
            <details className="rounded-md border border-slate-200 p-2">
              <summary className="cursor-pointer text-sm font-bold text-slate-900">Rules ({metrics.rules.length})</summary>
              <div className="mt-2">
                <RuleEditor rules={metrics.rules} customMetrics={metrics.customMetrics} dataSources={dataSources} send={send} />
              </div>
            </details>
            <details className="rounded-md border border-slate-200 p-2">
              <summary className="cursor-pointer text-sm font-bold text-slate-900">
                API tokens ({metrics.tokens.filter((t) => !t.revokedAt).length} active)
              </summary>
              <div className="mt-2">
                <TokenPanel runId={snapshot.id} tokens={metrics.tokens} send={send} />
              </div>
            </details>
          </div>
        </>
      )}
    </section>
  );
}
