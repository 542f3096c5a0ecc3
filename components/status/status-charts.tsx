"use client";
// The key charts (error rate, p95 response time) on a status link made with "include charts": the
// same charts as the war room, lines and shading included, sized for a phone.
import { CurrentValues, chartDomain, FiringNote, rolloutMarks } from "@/components/metrics/metric-charts-grid";
import { LazyMetricChart } from "@/components/metrics/lazy-metric-chart";
import { KEY_METRICS, metricCatalog } from "@/lib/domain/metric-catalog";
import { chartClock, chartInputs, retainedPoints, seriesOfMetric, type TMetricCharts } from "@/lib/domain/metric-charts";
import type { TRunMetrics } from "@/lib/domain/metric-events";
import type { TRunEnding } from "@/lib/domain/run-ending";
import { UserText } from "@/components/ui/user-text";

type TProps = { charts: TMetricCharts; metrics: TRunMetrics; now: Date; ending: TRunEnding | null };

export function StatusCharts({ charts, metrics, now, ending }: TProps) {
  const chartNow = chartClock(now.getTime());
  const domain = chartDomain(charts, chartNow, ending);
  const catalog = metricCatalog(metrics.customMetrics);
  const shown = KEY_METRICS.map((key) => catalog.find((m) => m.key === key)!).filter((m) => m && seriesOfMetric(charts, m.key).length > 0);
  return (
    <section aria-labelledby="charts-heading" className="rounded-lg border border-slate-200 bg-white px-4 py-3" data-testid="status-charts" data-retained-points={retainedPoints(charts)}>
      <h2 id="charts-heading" className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Key metrics</h2>
      {!domain || shown.length === 0 ? (
        <p className="mt-1 text-base text-slate-700">No measurements yet.</p>
      ) : (
        <div className="mt-2 space-y-4">
          {shown.map((metric) => (
            <figure key={metric.key} data-testid="status-chart" data-metric={metric.key}>
              <figcaption className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
                <span className="font-semibold text-slate-900"><UserText>{metric.label}</UserText> <FiringNote metric={metric} metrics={metrics} ending={ending} /></span>
                <CurrentValues metric={metric} charts={charts} tone="light" />
              </figcaption>
              <LazyMetricChart
                {...chartInputs(metric, charts, metrics)}
                marks={rolloutMarks(charts, [])}
                domain={domain}
                now={chartNow}
                tone="light"
                height={180}
                fontSize={11}
              />
            </figure>
          ))}
        </div>
      )}
    </section>
  );
}
