"use client";
// The charts of every metric that has samples, in catalog order, each with its current values.
import { STAGE_COLOR, type TChartTone } from "./chart-palette";
import { LazyMetricChart } from "./lazy-metric-chart";
import { formatMetricValue, metricCatalog, STAGE_LABELS, type TMetricDefinition } from "@/lib/domain/metric-catalog";
import { chartClock, chartInputs, seriesOfMetric, timeDomain, type TMetricCharts, type TRolloutMark } from "@/lib/domain/metric-charts";
import type { TRunMetrics } from "@/lib/domain/metric-events";
import { chartUnitWarnings } from "@/lib/domain/metric-units";
import type { TRunEvent } from "@/lib/domain/events/catalogue";
import { finalRuleText, type TRunEnding } from "@/lib/domain/run-ending";
import { UserText } from "@/components/ui/user-text";

/** Rollout steps: those loaded with the charts plus any that arrived since, from the timeline. */
export function rolloutMarks(charts: TMetricCharts, timeline: TRunEvent[]): TRolloutMark[] {
  const marks = new Map(charts.rolloutMarks.map((m) => [m.at, m]));
  for (const entry of timeline) {
    if (entry.type !== "rollout.advanced") continue;
    const at = Date.parse(entry.createdAt);
    if (!marks.has(at)) marks.set(at, { at, label: `${entry.payload.percent}%` });
  }
  return [...marks.values()].sort((a, b) => a.at - b.at);
}

/**
 * From the first sample to now (or the last sample, if later): the live edge stays on the right. A
 * finished run's charts end when it ended: nothing after that is the run's, and a sliding edge would
 * look live.
 */
export function chartDomain(charts: TMetricCharts, now: number, ending: TRunEnding | null = null): [number, number] | null {
  const span = timeDomain(charts);
  if (!span) return null;
  const end = ending?.endedAt ? Date.parse(ending.endedAt) : now;
  return [span[0], Math.max(span[1], end)];
}

export function CurrentValues({ metric, charts, tone }: { metric: TMetricDefinition; charts: TMetricCharts; tone: TChartTone }) {
  const series = seriesOfMetric(charts, metric.key);
  return (
    <span className="flex flex-wrap gap-x-3">
      {series.map((s) => (
        <span key={s.stage} className="tabular-nums" style={{ color: STAGE_COLOR(tone, s.stage) }}>
          {STAGE_LABELS[s.stage]} <b>{formatMetricValue(s.points[s.points.length - 1][1], metric.unit)}</b>
        </span>
      ))}
    </span>
  );
}

/** A rule of this metric that gates the rollout and is firing (or was, when the run ended). */
export function firingRuleOf(metric: TMetricDefinition, metrics: TRunMetrics) {
  return metrics.rules.find((r) => r.metric === metric.key && r.isEnabled && r.severity !== "success" && r.state === "firing") ?? null;
}

/**
 * The shading in words: a rule of this metric firing now, or the shaded periods when one fired
 * earlier. A finished run's rule is not firing "now": it stopped at its final state, and says so.
 */
export function FiringNote({ metric, metrics, ending }: { metric: TMetricDefinition; metrics: TRunMetrics; ending: TRunEnding | null }) {
  const firing = firingRuleOf(metric, metrics);
  if (firing && ending) return <span className="font-semibold text-slate-700" data-testid="chart-final">({finalRuleText(firing, ending)})</span>;
  if (firing) return <span className="font-bold text-red-800" data-testid="chart-firing"><span aria-hidden="true">⚠ </span>firing</span>;
  if (metrics.periods.some((p) => p.metric === metric.key)) return <span className="text-slate-600">shaded: a rule fired</span>;
  return null;
}

/** A feed that looks like the wrong unit (a ratio sent as a percent, seconds as ms): every rule on it would stay green. */
export function UnitWarnings({ metric, charts, metrics }: { metric: TMetricDefinition; charts: TMetricCharts; metrics: TRunMetrics }) {
  const warnings = chartUnitWarnings(metric, seriesOfMetric(charts, metric.key), metrics.rules);
  if (warnings.length === 0) return null;
  return (
    // The live region wraps the list: a list item may not carry a role of its own (axe: list).
    <div role="status">
    <ul className="mt-1 space-y-1" aria-label={`Unit warnings for ${metric.label}`}>
      {warnings.map((w) => (
        <li key={w.stage} data-testid="unit-warning" data-stage={w.stage} className="rounded border border-amber-400 bg-amber-50 px-2 py-1 text-sm text-amber-950">
          <span aria-hidden="true">⚠ </span>Unit? {w.message}
        </li>
      ))}
    </ul>
    </div>
  );
}

type TProps = { charts: TMetricCharts; metrics: TRunMetrics; timeline: TRunEvent[]; now: Date; ending: TRunEnding | null };

export function MetricChartsGrid({ charts, metrics, timeline, now, ending }: TProps) {
  const chartNow = chartClock(now.getTime());
  const domain = chartDomain(charts, chartNow, ending);
  const catalog = metricCatalog(metrics.customMetrics);
  const shown = catalog.filter((m) => seriesOfMetric(charts, m.key).length > 0);
  if (!domain || shown.length === 0) return null;
  const marks = rolloutMarks(charts, timeline);
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      {shown.map((metric) => (
        <figure key={metric.key} className="min-w-0 rounded-md border border-slate-200 p-3">
          <figcaption className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
            <span className="font-bold text-slate-900"><UserText>{metric.label}</UserText> <FiringNote metric={metric} metrics={metrics} ending={ending} /></span>
            <CurrentValues metric={metric} charts={charts} tone="light" />
          </figcaption>
          <UnitWarnings metric={metric} charts={charts} metrics={metrics} />
          <LazyMetricChart
            {...chartInputs(metric, charts, metrics)}
            marks={marks}
            domain={domain}
            now={chartNow}
            tone="light"
            height={200}
          />
        </figure>
      ))}
    </div>
  );
}
