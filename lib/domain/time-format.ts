// Fixed-locale UTC formatting: server and browser render the same text (no hydration mismatch), and
// everyone in the room reads one clock whatever their laptop's time zone.

const dateTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

const clock = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

const toDate = (value: Date | string) => (typeof value === "string" ? new Date(value) : value);

/** "10 Mar 2025, 14:00 UTC" */
export function formatUtcDateTime(value: Date | string): string {
  return `${dateTime.format(toDate(value))} UTC`;
}

/** "14:00:05 UTC" */
export function formatUtcClock(value: Date | string): string {
  return `${clock.format(toDate(value))} UTC`;
}
