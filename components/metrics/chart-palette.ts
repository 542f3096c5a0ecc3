// The charts' colours, light (war room, status page) and dark (bridge), apart from the chart itself so
// legends and captions can use them without loading recharts.
import type { TMetricStage } from "@/lib/domain/metric-catalog";

export type TChartTone = "light" | "dark";

export const PALETTE: Record<TChartTone, { stages: Record<TMetricStage, string>; axis: string; grid: string; text: string; mark: string }> = {
  light: {
    stages: { overall: "#334155", staging: "#7c3aed", canary: "#c026d3", production: "#1d4ed8" },
    axis: "#475569",
    grid: "#e2e8f0",
    text: "#0f172a",
    mark: "#0f766e",
  },
  dark: {
    stages: { overall: "#e2e8f0", staging: "#c4b5fd", canary: "#f0abfc", production: "#93c5fd" },
    axis: "#94a3b8",
    grid: "#1e293b",
    text: "#f8fafc",
    mark: "#5eead4",
  },
};
export const STAGE_COLOR = (tone: TChartTone, stage: TMetricStage) => PALETTE[tone].stages[stage];
