// The side-by-side table `npm run bench` ends with: one row per figure, Warroom beside its baseline
// measured in the same run. Printed as a Markdown table so it can go into the README as it is.

/** "score": a unitless figure such as CLS, written with three decimals. */
export type TUnit = "ms" | "s" | "kB" | "changes/s" | "samples/s" | "count" | "score" | "% of a core";
export type TFigure = { value: number; unit: TUnit };

export type TBenchRow = {
  measure: string;
  /** null: the part ran but could not produce the figure. */
  warroom: TFigure | null;
  baseline?: TFigure | null;
  /** What the baseline column says next to its figure (e.g. "bare Socket.IO"). */
  baselineLabel?: string;
  /** How Warroom's figure is set against the baseline's: Warroom ÷ baseline, or Warroom − baseline. */
  relation?: "ratio" | "diff";
  /**
   * Interleaved rounds (e2e/bench/interleave.ts): the median of the per-round ratios and their
   * range, shown instead of the ratio of the two figures.
   */
  rounds?: { kind: "ratio" | "diff"; value: number; low: number; high: number; count: number };
  target?: string;
  /** Unset: the row has no target (context for another row). */
  isMet?: boolean;
};

const HEADER = ["measure", "Warroom", "baseline", "ratio/diff", "target", "pass/fail"];

export function formatFigure(figure: TFigure | null | undefined): string {
  if (!figure) return "–";
  const { value, unit } = figure;
  if (unit === "ms") return `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
  if (unit === "s") return `${value.toFixed(2)} s`;
  if (unit === "kB") return `${value.toFixed(1)} kB`;
  if (unit === "count") return String(value);
  if (unit === "score") return value.toFixed(3);
  if (unit === "% of a core") return `${value.toFixed(1)}% of a core`;
  if (unit === "samples/s") return `${value.toLocaleString("en-US")} samples/s`;
  return `${value} changes/s`;
}

export function formatRelation(row: TBenchRow): string {
  const { warroom, baseline, relation } = row;
  if (row.rounds) {
    const { kind, value, low, high, count } = row.rounds;
    if (kind === "ratio") return `${value.toFixed(2)}× (${low.toFixed(2)}–${high.toFixed(2)}, ${count} rounds)`;
    const signed = (v: number) => `${v < 0 ? "−" : "+"}${formatFigure({ value: Math.abs(v), unit: row.warroom?.unit ?? "ms" })}`;
    return `${signed(value)} (${signed(low)} to ${signed(high)}, ${count} rounds)`;
  }
  if (!warroom || !baseline || !relation) return "–";
  if (relation === "ratio") return baseline.value === 0 ? "–" : `${(warroom.value / baseline.value).toFixed(2)}×`;
  const diff = warroom.value - baseline.value;
  const sign = diff < 0 ? "−" : "+";
  return `${sign}${formatFigure({ value: Math.abs(diff), unit: warroom.unit })}`;
}

export function formatTable(rows: readonly TBenchRow[]): string {
  const cells = rows.map((row) => [
    row.measure,
    formatFigure(row.warroom),
    row.baseline ? `${formatFigure(row.baseline)}${row.baselineLabel ? ` (${row.baselineLabel})` : ""}` : "–",
    formatRelation(row),
    row.target ?? "–",
    row.isMet === undefined ? "–" : row.isMet ? "pass" : "FAIL",
  ]);
  const widths = HEADER.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column].length)));
  const format = (line: string[]) => `| ${line.map((cell, column) => cell.padEnd(widths[column])).join(" | ")} |`;
  const rule = `| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`;
  return [format(HEADER), rule, ...cells.map(format)].join("\n");
}
