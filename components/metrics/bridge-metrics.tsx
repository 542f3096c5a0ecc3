"use client";
// The bridge screen's metrics: ROLLBACK RECOMMENDED in place of the status light while a rollback
// trigger fires undecided, and the key charts large (error rate, p95 response time) with their
// current values in type read across a room.
import { Panel } from "@/components/bridge/panel";
import { formatMetricValue, KEY_METRICS, metricCatalog, STAGE_LABELS } from "@/lib/domain/metric-catalog";
import { chartClock, chartInputs, retainedPoints, seriesOfMetric } from "@/lib/domain/metric-charts";
import { type TRunMetrics } from "@/lib/domain/metric-events";
import { describeRecommendationValue, openRecommendations } from "@/lib/domain/metric-recommendations";
import type { TRunEvent } from "@/lib/domain/events/catalogue";
import { useMetricCharts } from "@/lib/realtime/client/use-metrics";
import { STAGE_COLOR } from "./chart-palette";
import { LazyMetricChart } from "./lazy-metric-chart";
import { chartDomain, firingRuleOf, rolloutMarks } from "./metric-charts-grid";
import { finalRuleText, type TRunEnding } from "@/lib/domain/run-ending";
import { UserText } from "@/components/ui/user-text";

/** The active recommendation, big and red; null when there is none (the status light shows instead). */
export function BridgeRollbackBanner({ metrics }: { metrics: TRunMetrics }) {
  const active = openRecommendations(metrics).find((r) => r.isActive);
  if (!active) return null;
  const value = describeRecommendationValue(active, { isCompact: true });
  return (
    <section
      role="status"
      aria-live="assertive"
      data-testid="bridge-status-light"
      data-state="rollback"
      className="flex items-center gap-8 rounded-2xl bg-red-600 px-10 py-5 text-white"
    >
      <span aria-hidden="true" className="flex h-36 w-36 shrink-0 items-center justify-center rounded-full bg-white/20 text-8xl font-black">⟲</span>
      <div className="min-w-0" data-testid="bridge-rollback-banner">
        <p className="text-6xl leading-none font-black tracking-tight whitespace-nowrap">ROLLBACK RECOMMENDED</p>
        <p className="mt-3 truncate text-4xl font-semibold" data-testid="bridge-rollback-trigger"><UserText>{active.alert.label}</UserText></p>
        <p className="mt-1 truncate text-5xl font-black tabular-nums" data-testid="bridge-rollback-value">
          {value}
          <span className="ml-4 text-3xl font-semibold text-red-100">
            {active.alert.acknowledgedByName ? `acknowledged by ${active.alert.acknowledgedByName}` : "not acknowledged"}
          </span>
        </p>
      </div>
    </section>
  );
}

type TProps = { runId: string; metrics: TRunMetrics; timeline: TRunEvent[]; now: Date; ending: TRunEnding | null };

/** Large charts of the key metrics; renders nothing until the run has samples for them. */
export function BridgeMetricsPanel({ runId, metrics, timeline, now, ending }: TProps) {
  const charts = useMetricCharts(runId);
  if (!charts) return null;
  const chartNow = chartClock(now.getTime());
  const domain = chartDomain(charts, chartNow, ending);
  const catalog = metricCatalog(metrics.customMetrics);
  const shown = KEY_METRICS.map((key) => catalog.find((m) => m.key === key)!).filter((m) => seriesOfMetric(charts, m.key).length > 0);
  if (!domain || shown.length === 0) return null;
  const marks = rolloutMarks(charts, timeline);
  return (
    <Panel label="Key metrics" testId="bridge-metrics" retained={{ points: retainedPoints(charts) }} className="flex min-h-0 flex-[3] flex-col gap-3 overflow-hidden">
      {shown.map((metric) => {
        const series = seriesOfMetric(charts, metric.key);
        const firing = firingRuleOf(metric, metrics);
        // A finished run's rule is frozen at its final state: said in calm words, never a live FIRING.
        const isFiring = firing !== null && ending === null;
        return (
          <figure key={metric.key} className="flex min-h-0 flex-1 flex-col" data-testid="bridge-metric" data-metric={metric.key}>
            <figcaption className="whitespace-nowrap">
              <span className={`block truncate text-3xl font-semibold ${isFiring ? "text-red-300" : "text-slate-200"}`}>
                <UserText>{metric.label}</UserText>
                {isFiring && <span className="ml-4 font-black"><span aria-hidden="true">⚠ </span>FIRING</span>}
              </span>
              {firing && ending && (
                <span className="block truncate text-2xl text-slate-300" data-testid="bridge-chart-final">{finalRuleText(firing, ending)}</span>
              )}
              <span className="flex items-baseline gap-6 overflow-hidden">
                {series.map((s) => (
                  <span key={s.stage} className="flex items-baseline gap-2">
                    <span className="text-xl text-slate-400">{STAGE_LABELS[s.stage]}</span>
                    <span className="font-mono text-5xl font-bold tabular-nums" style={{ color: STAGE_COLOR("dark", s.stage) }}>
                      {formatMetricValue(s.points[s.points.length - 1][1], metric.unit)}
                    </span>
                  </span>
                ))}
              </span>
            </figcaption>
            <div className="relative min-h-0 flex-1">
              <div className="absolute inset-0">
              <LazyMetricChart
                {...chartInputs(metric, charts, metrics)}
                marks={marks}
                domain={domain}
                now={chartNow}
                tone="dark"
                height="100%"
                fontSize={18}
              />
              </div>
            </div>
          </figure>
        );
      })}
    </Panel>
  );
}
