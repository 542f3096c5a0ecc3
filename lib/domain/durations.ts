// Human-readable time budgets: "15 min", "30–45 min", "1–2 h".
export function formatBudget(minMinutes: number, maxMinutes: number): string {
  const fmt = (m: number) => (m % 60 === 0 && m >= 60 ? `${m / 60}` : `${m}`);
  const unit = minMinutes >= 60 && minMinutes % 60 === 0 && maxMinutes % 60 === 0 ? "h" : "min";
  const [a, b] = unit === "h" ? [fmt(minMinutes), fmt(maxMinutes)] : [`${minMinutes}`, `${maxMinutes}`];
  return minMinutes === maxMinutes ? `${a} ${unit}` : `${a}–${b} ${unit}`;
}
