// Every time of day and duration the product writes, in one place. Fixed-locale UTC: server and
// browser render the same text (no hydration mismatch), and everyone in the room reads one clock
// whatever their laptop's time zone.

type TInstant = Date | string | number;

const dateTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

const toDate = (value: TInstant) => (value instanceof Date ? value : new Date(value));
/** "2025-03-10T14:05:07.000Z": ISO is always UTC, zero-padded and locale-free. */
const iso = (value: TInstant) => toDate(value).toISOString();

/** "10 Mar 2025, 14:00 UTC" */
export function formatUtcDateTime(value: TInstant): string {
  return `${dateTime.format(toDate(value))} UTC`;
}

/** "2025-03-10 14:00 UTC": sortable, for records and lists read side by side. */
export function formatUtcDateMinute(value: TInstant): string {
  return `${iso(value).slice(0, 10)} ${formatUtcMinute(value)}`;
}

/** "14:00:05 UTC" */
export function formatUtcClock(value: TInstant): string {
  return `${formatUtcTimeOfDay(value, true)} UTC`;
}

/** "14:00 UTC" */
export function formatUtcMinute(value: TInstant): string {
  return `${formatUtcTimeOfDay(value, false)} UTC`;
}

/** "14:00" or "14:00:05" without the zone, for chart axes whose caption names it once. */
export function formatUtcTimeOfDay(value: TInstant, withSeconds: boolean): string {
  return iso(value).slice(11, withSeconds ? 19 : 16);
}

const minutesAndSeconds = (totalSeconds: number) => `${Math.floor(totalSeconds / 60)}:${String(totalSeconds % 60).padStart(2, "0")}`;

/** "4:05", "65:00": time left, rounded up, so it shows 0:00 only once the time is up. */
export function formatCountdown(ms: number): string {
  return minutesAndSeconds(Math.ceil(ms / 1000));
}

/** "4:05", "65:00": time gone by, rounded down. */
export function formatMinutesSeconds(ms: number): string {
  return minutesAndSeconds(Math.floor(ms / 1000));
}

/** m:ss (h:mm:ss past an hour), rounded down: 4:59.9 is still 4:59. */
export function formatStopwatch(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** "4:05" under an hour, "1h 05m" from one: a phase's elapsed time or overrun. */
export function formatDuration(rawMs: number): string {
  // Clock skew can make "elapsed" negative; never show "-1:-1".
  const ms = Math.max(0, rawMs);
  const totalMinutes = Math.floor(ms / 60_000);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  const seconds = Math.floor((ms % 60_000) / 1000);
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, "0")}m`;
  return `${minutes}:${String(seconds).padStart(2, "0")}`;
}

/** Human-readable time budgets: "15 min", "30–45 min", "1–2 h". */
export function formatBudget(minMinutes: number, maxMinutes: number): string {
  const fmt = (m: number) => (m % 60 === 0 && m >= 60 ? `${m / 60}` : `${m}`);
  const unit = minMinutes >= 60 && minMinutes % 60 === 0 && maxMinutes % 60 === 0 ? "h" : "min";
  const [a, b] = unit === "h" ? [fmt(minMinutes), fmt(maxMinutes)] : [`${minMinutes}`, `${maxMinutes}`];
  return minMinutes === maxMinutes ? `${a} ${unit}` : `${a}–${b} ${unit}`;
}

/** "30 s", "1 min 30 s", "2 min" for whole seconds. */
export function formatSecondsInWords(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const rest = seconds % 60;
  return rest ? `${Math.floor(seconds / 60)} min ${rest} s` : `${seconds / 60} min`;
}

/** "30 s" under a minute, else minutes to two decimals: "5 min", "1.5 min". */
export function formatMinutesInWords(minutes: number): string {
  return minutes < 1 ? `${Math.round(minutes * 60)} s` : `${Number(minutes.toFixed(2))} min`;
}

/**
 * A phase clock in words, never read as minutes: "0 min 51 s", "12 min 05 s", "1 h 05 min". (A bare
 * "0:51" beside "1 h" reads as fifty-one minutes.) Rounded down.
 */
export function formatElapsedInWords(rawMs: number): string {
  const total = Math.floor(Math.max(0, rawMs) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, "0")} min`;
  return `${m} min ${String(s).padStart(2, "0")} s`;
}

const dayMonth = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short" });

/** "12 Oct": a week's first day on a chart axis. */
export function formatUtcDayMonth(value: TInstant): string {
  return dayMonth.format(toDate(value));
}
