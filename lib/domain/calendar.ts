// The calendar's grid: which UTC days a week or month view shows, and what falls on each day (runs by
// their planned window, freeze windows to shade). Weeks start on Monday; days are UTC, like every
// time the product writes. Pure.

export const CALENDAR_VIEWS = ["week", "month"] as const;
export type TCalendarView = (typeof CALENDAR_VIEWS)[number];

const DAY_MS = 24 * 60 * 60_000;

export type TCalendarDay = { start: number; end: number; isInPeriod: boolean; isToday: boolean };
export type TCalendarGrid = { view: TCalendarView; anchor: number; from: number; to: number; days: TCalendarDay[]; title: string };

const midnight = (at: number) => Math.floor(at / DAY_MS) * DAY_MS;
/** Monday on or before the day (getUTCDay: 0 = Sunday). */
const mondayOf = (at: number) => midnight(at) - ((new Date(at).getUTCDay() + 6) % 7) * DAY_MS;

const monthTitle = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "long", year: "numeric" });
const dayTitle = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });

/** The days of the week or month holding `anchor` (a month shows whole weeks around it). */
export function calendarGrid(view: TCalendarView, anchor: number, now: number): TCalendarGrid {
  const date = new Date(anchor);
  const periodStart = view === "week" ? mondayOf(anchor) : Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const periodEnd = view === "week" ? periodStart + 7 * DAY_MS : Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  const from = mondayOf(periodStart);
  const to = mondayOf(periodEnd - 1) + 7 * DAY_MS;
  const days: TCalendarDay[] = [];
  for (let start = from; start < to; start += DAY_MS) {
    days.push({ start, end: start + DAY_MS, isInPeriod: start >= periodStart && start < periodEnd, isToday: start === midnight(now) });
  }
  const title = view === "month" ? monthTitle.format(periodStart) : `Week of ${dayTitle.format(periodStart)}`;
  return { view, anchor: midnight(anchor), from, to, days, title };
}

/** The anchor of the previous (-1) or next (+1) week or month. */
export function shiftAnchor(view: TCalendarView, anchor: number, direction: -1 | 1): number {
  if (view === "week") return midnight(anchor) + direction * 7 * DAY_MS;
  const date = new Date(anchor);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + direction, 1);
}

/** "2026-12-07": the anchor as the calendar's URL writes it. */
export const dayParam = (at: number) => new Date(at).toISOString().slice(0, 10);

/** A `date` parameter read as a UTC day, or null when it is not one. */
export function parseDayParam(value: string | undefined): number | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const at = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(at) ? null : at;
}

type TSpan = { start: number; end: number };

/** What overlaps a day: items whose [start, end) window (read by `span`) meets it, kept in their order. */
export function onDay<T>(day: TSpan, items: readonly T[], span: (item: T) => TSpan): T[] {
  return items.filter((item) => {
    const w = span(item);
    return w.start < day.end && day.start < w.end;
  });
}
