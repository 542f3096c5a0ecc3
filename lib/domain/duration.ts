// Durations as pipelines write them: "30s", "5m", "1h30m", "250ms", or a bare number of seconds
// ("30"). Used by the gate's `?wait=` and the CLI's `--timeout`. Pure.

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;

/** Milliseconds, or null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1_000);
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(trimmed)) return null;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(PART)) total += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  return Math.round(total);
}

/** "30s", "5m", "1h30m": the shortest way to write a duration (whole seconds). */
export function formatDurationShort(ms: number): string {
  let seconds = Math.round(ms / 1_000);
  if (seconds === 0) return `${ms}ms`;
  const parts: string[] = [];
  for (const [unit, size] of [["h", 3600], ["m", 60], ["s", 1]] as const) {
    if (seconds >= size) {
      parts.push(`${Math.floor(seconds / size)}${unit}`);
      seconds %= size;
    }
  }
  return parts.join("");
}
