"use client";
// One key per week as bars: the week's figure, with the band boundary that matters drawn across.
// Weeks without data (no deployments, no recovery) have no bar rather than a zero.
import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatRate, formatSpan } from "@/lib/domain/dora-format";

export type TWeekPoint = { week: string; value: number | null };

/** How the figures read: a count, a rate 0–1, or minutes. (A name, not a function: it crosses from the server.) */
export type TChartUnit = "count" | "rate" | "span";
const FORMATS: Record<TChartUnit, (value: number) => string> = { count: (v) => String(Number(v.toFixed(1))), rate: formatRate, span: formatSpan };

type TProps = {
  points: TWeekPoint[];
  unit: TChartUnit;
  /** A band boundary, drawn dashed (the card names it beneath the chart: a label inside would cover the bars). */
  reference?: { value: number; label: string };
  label: string;
  color: string;
};

export function WeeklyChart({ points, unit, reference, label, color }: TProps) {
  const format = FORMATS[unit];
  return (
    <div className="h-36 w-full" role="img" aria-label={`${label} per week: ${points.map((p) => `${p.week} ${p.value === null ? "no data" : format(p.value)}`).join("; ")}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 14, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="week" tick={{ fontSize: 11, fill: "#334155" }} stroke="#94a3b8" interval="preserveStartEnd" minTickGap={6} />
          <YAxis tick={{ fontSize: 11, fill: "#334155" }} stroke="#94a3b8" width={56} tickFormatter={(v: number) => format(v)} allowDecimals={unit !== "count"} />
          {reference && (
            <ReferenceLine
              y={reference.value}
              stroke="#047857"
              strokeDasharray="5 4"
              ifOverflow="extendDomain"
            />
          )}
          <Bar dataKey="value" fill={color} isAnimationActive={false} />
          <Tooltip formatter={(v) => format(Number(v))} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
