// The four keys' figures in words, for the insights page and its charts.

/** "45 min", "3.5 h", "2.1 days": a duration measured in minutes, at the unit that reads best. */
export function formatSpan(minutes: number): string {
  if (minutes < 60) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${Number((minutes / 60).toFixed(1))} h`;
  return `${Number((minutes / (24 * 60)).toFixed(1))} days`;
}

/** "12%", "4.5%": a rate 0–1 as a percentage. */
export function formatRate(rate: number): string {
  const percent = rate * 100;
  return `${Number(percent.toFixed(percent < 10 ? 1 : 0))}%`;
}

/** "3.1 a week", "0.5 a week". */
export function formatPerWeek(perWeek: number): string {
  return `${Number(perWeek.toFixed(1))} a week`;
}
