"use client";
// MetricChart loaded on demand: recharts is most of a chart page's JavaScript, so the bridge and the
// status page paint their status first and fetch it in a chunk of its own (and a status link without
// charts never does). The wrapper holds the chart's height meanwhile, so nothing moves when it lands.
import dynamic from "next/dynamic";
import type { TMetricChartProps } from "./metric-chart";

const MetricChart = dynamic(() => import("./metric-chart").then((m) => m.MetricChart), { ssr: false });

export function LazyMetricChart(props: TMetricChartProps) {
  return (
    <div style={{ height: props.height }}>
      <MetricChart {...props} />
    </div>
  );
}
