"use client";
// One metric over the run: a line per stage (canary, production, …), the escalation and rollback
// thresholds as dashed lines (or, far outside the data, as markers on the edge: chart-axis.ts),
// firing periods shaded, rollout steps marked on the time axis.
// Animations are off: live points arrive every few hundred milliseconds.
import { memo, useMemo } from "react";
import { CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { chartAxis } from "@/lib/domain/chart-axis";
import { timeTicks, type TChartSeries, type TRolloutMark } from "@/lib/domain/metric-charts";
import { formatMetricValue, STAGE_LABELS, type TMetricDefinition } from "@/lib/domain/metric-catalog";
import type { TFiringPeriod, TRuleView } from "@/lib/domain/metric-events";
import { formatUtcClock, formatUtcTimeOfDay } from "@/lib/domain/time-format";
import { PALETTE, type TChartTone } from "./chart-palette";

const SEVERITY_COLOR = { escalate: "#d97706", rollback: "#dc2626", success: "#059669" } as const;
// Words on the chart (threshold labels) need 4.5:1 against its background: a shade darker on
// white, lighter on the bridge's dark tiles, than the lines and areas they label.
const SEVERITY_TEXT: Record<TChartTone, Record<keyof typeof SEVERITY_COLOR, string>> = {
  light: { escalate: "#b45309", rollback: "#b91c1c", success: "#047857" },
  dark: { escalate: "#fbbf24", rollback: "#f87171", success: "#34d399" },
};

const axisTime = (t: number) => formatUtcTimeOfDay(t, false);
const axisTimeWithSeconds = (t: number) => formatUtcTimeOfDay(t, true);

export type TMetricChartProps = {
  metric: TMetricDefinition;
  series: TChartSeries[];
  /** Rules of this metric: value thresholds are drawn (count/sum thresholds apply to a total, not a sample). */
  rules: TRuleView[];
  periods: TFiringPeriod[];
  marks: TRolloutMark[];
  domain: [number, number];
  now: number;
  tone: TChartTone;
  /** Pixels, or "100%" to fill a sized parent. */
  height: number | string;
  fontSize?: number;
};

function MetricChartView({ metric, series, rules, periods, marks, domain, now, tone, height, fontSize = 12 }: TMetricChartProps) {
  const palette = PALETTE[tone];
  const data = useMemo(() => series.map((s) => ({ stage: s.stage, points: s.points.map(([t, v]) => ({ t, v })) })), [series]);
  const axis = useMemo(() => {
    // A compare rule's "threshold" is an allowed difference in %, not a value on this axis.
    const thresholds = rules.filter((r) => r.isEnabled && !r.compare && r.severity !== "success" && (r.window.kind === "immediate" || r.window.kind === "sustained"));
    return chartAxis(series.flatMap((s) => s.points.map((p) => p[1])), thresholds.map((r) => ({ id: r.id, value: r.threshold, rule: r })));
  }, [series, rules]);
  const shaded = periods
    .map((p) => ({ ...p, x1: Math.max(domain[0], Date.parse(p.start)), x2: Math.min(domain[1], p.end ? Date.parse(p.end) : now) }))
    .filter((p) => p.x2 > p.x1);
  const tick = { fill: palette.axis, fontSize };
  const xTicks = timeTicks(domain);

  return (
    <div data-testid="metric-chart" data-metric={metric.key} data-firing={shaded.length > 0 ? "true" : "false"} data-y-max={axis.domain[1]} className="relative" style={{ height }}>
      {(["above", "below"] as const).map((edge) =>
        axis[edge].length > 0 ? (
          <p
            key={edge}
            data-testid="threshold-edge-marker"
            data-edge={edge}
            className={`pointer-events-none absolute right-3 z-10 flex gap-2 font-semibold ${edge === "above" ? "top-0" : "bottom-6"}`}
            style={{ fontSize }}
          >
            {axis[edge].map(({ rule: r }) => (
              <span key={r.id} style={{ color: SEVERITY_TEXT[tone][r.severity] }} title="Far outside the data: the axis fits the data, not the threshold">
                {edge === "above" ? "▲" : "▼"} {formatMetricValue(r.threshold, r.unit)} {r.severity === "rollback" ? "rollback" : "investigate"} threshold
              </span>
            ))}
          </p>
        ) : null,
      )}
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={palette.grid} vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={domain}
            allowDataOverflow
            ticks={xTicks.ticks}
            tickFormatter={xTicks.withSeconds ? axisTimeWithSeconds : axisTime}
            tick={tick}
            stroke={palette.axis}
            minTickGap={40}
          />
          <YAxis
            dataKey="v"
            type="number"
            // Fits the data (and the thresholds near it); chartAxis decides, so recharts must not stretch it.
            domain={axis.domain}
            ticks={axis.ticks}
            allowDataOverflow
            tick={tick}
            stroke={palette.axis}
            width={fontSize * 4.2}
            tickFormatter={(v: number) => formatMetricValue(v, metric.unit === "%" ? "%" : "")}
          />
          {shaded.map((p) => (
            <ReferenceArea
              key={`${p.ruleId}-${p.start}`}
              x1={p.x1}
              x2={p.x2}
              fill={SEVERITY_COLOR[p.severity]}
              fillOpacity={tone === "dark" ? 0.28 : 0.14}
              stroke="none"
              ifOverflow="hidden"
            />
          ))}
          {axis.inside.map(({ rule: r }) => (
            <ReferenceLine
              key={r.id}
              y={r.threshold}
              stroke={SEVERITY_COLOR[r.severity]}
              strokeDasharray="6 4"
              strokeWidth={tone === "dark" ? 3 : 1.5}
              ifOverflow="hidden"
              label={{ value: `${r.severity === "rollback" ? "rollback" : "investigate"} ${formatMetricValue(r.threshold, r.unit)}`, position: "insideTopRight", fill: SEVERITY_TEXT[tone][r.severity], fontSize }}
            />
          ))}
          {marks
            .filter((m) => m.at >= domain[0] && m.at <= domain[1])
            .map((m) => (
              <ReferenceLine key={m.at} x={m.at} stroke={palette.mark} strokeWidth={tone === "dark" ? 2 : 1} label={{ value: m.label, position: "insideTopLeft", fill: palette.mark, fontSize }} />
            ))}
          {data.map((s) => (
            <Line
              key={s.stage}
              data={s.points}
              dataKey="v"
              name={STAGE_LABELS[s.stage]}
              type="linear"
              stroke={palette.stages[s.stage]}
              strokeWidth={tone === "dark" ? 3 : 2}
              dot={false}
              isAnimationActive={false}
            />
          ))}
          {tone === "light" && (
            <Tooltip
              labelFormatter={(t) => formatUtcClock(Number(t))}
              formatter={(v) => formatMetricValue(Number(v), metric.unit)}
              isAnimationActive={false}
            />
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

const sameItems = <T,>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean = Object.is) => a.length === b.length && a.every((x, i) => same(x, b[i]));

/** Props are rebuilt on every render of the screen (filtered lists, marks); redraw only when what they hold changed. */
function isSameChart(a: TMetricChartProps, b: TMetricChartProps): boolean {
  return (
    a.metric.key === b.metric.key &&
    a.metric.unit === b.metric.unit &&
    sameItems(a.series, b.series) &&
    sameItems(a.rules, b.rules) &&
    sameItems(a.periods, b.periods) &&
    sameItems(a.marks, b.marks, (x, y) => x.at === y.at && x.label === y.label) &&
    a.domain[0] === b.domain[0] &&
    a.domain[1] === b.domain[1] &&
    a.now === b.now &&
    a.tone === b.tone &&
    a.height === b.height &&
    a.fontSize === b.fontSize
  );
}

/** One metric's chart; pass `now` through chartClock (lib/domain/metric-charts.ts) so it redraws every few seconds, not every second. */
export const MetricChart = memo(MetricChartView, isSameChart);
