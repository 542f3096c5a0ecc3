// Service locks and freeze windows: what stops a deployment that nobody has to vote on. A lock is
// one service held by someone with a reason (Shipit's lock); a freeze is a window, for every service
// or one, either a date range or a weekly recurrence in a time zone ("weekdays 18:00–08:00
// Europe/Paris"). Pure: the clock is passed in; time zones come from Intl.
import { formatUtcTimeOfDay } from "./time-format";

export type TLockView = { id: string; service: string; reason: string; holderName: string; takenAt: string };

export type TFreezeView = {
  id: string;
  /** null: every service. */
  service: string | null;
  reason: string;
  createdByName: string;
} & (
  | { kind: "range"; startsAt: string; endsAt: string; timeZone: string }
  | {
      kind: "weekly";
      /** 0 = Sunday … 6 = Saturday, in the freeze's time zone: the days an occurrence starts on. */
      weekdays: number[];
      /** Minutes after local midnight; an end at or before the start runs into the next day. */
      startMinute: number;
      endMinute: number;
      timeZone: string;
    }
);

/** A lock or freeze applying to a run, worded for the gate and the screens. */
export type TServiceGuard = { source: "lock" | "freeze"; key: string; message: string; until: number | null };

export const WEEKDAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const DAY_MS = 86_400_000;

/** Services are matched without regard to case or surrounding space: "Midi-API " is midi-api. */
export const serviceKey = (service: string) => service.trim().toLowerCase();

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

type TLocalParts = { year: number; month: number; day: number; weekday: number; minute: number };

function localParts(at: number, timeZone: string): TLocalParts {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", weekday: "short", hour: "numeric", minute: "numeric" }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return {
    year: Number(get("year")),
    month: Number(get("month")),
    day: Number(get("day")),
    weekday: WEEKDAY_NAMES.indexOf(get("weekday") as (typeof WEEKDAY_NAMES)[number]),
    minute: Number(get("hour")) * 60 + Number(get("minute")),
  };
}

/** The instant a local date and minute of the day is in a time zone (the later one in a DST fold). */
export function zonedInstant(date: { year: number; month: number; day: number }, minute: number, timeZone: string): number {
  const asUtc = Date.UTC(date.year, date.month - 1, date.day, 0, minute);
  let guess = asUtc;
  // Two rounds settle the zone's offset at that instant, across a DST change too.
  for (let i = 0; i < 2; i++) {
    const p = localParts(guess, timeZone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, 0, p.minute);
    guess += asUtc - shown;
  }
  return guess;
}

/** The weekly freeze's occurrences that start on the local days around `at` (yesterday to a week on). */
function weeklyOccurrences(freeze: Extract<TFreezeView, { kind: "weekly" }>, at: number): { start: number; end: number }[] {
  const occurrences: { start: number; end: number }[] = [];
  const length = (((freeze.endMinute - freeze.startMinute) % 1440) + 1440) % 1440 || 1440;
  for (let offset = -1; offset <= 7; offset++) {
    const day = localParts(at + offset * DAY_MS, freeze.timeZone);
    if (!freeze.weekdays.includes(day.weekday)) continue;
    const start = zonedInstant(day, freeze.startMinute, freeze.timeZone);
    occurrences.push({ start, end: zonedInstant(day, freeze.startMinute + length, freeze.timeZone) });
  }
  return occurrences;
}

/** The window of the freeze that holds `at`, or null. */
export function activeFreezeWindow(freeze: TFreezeView, at: number): { start: number; end: number } | null {
  if (freeze.kind === "range") {
    const start = Date.parse(freeze.startsAt);
    const end = Date.parse(freeze.endsAt);
    return at >= start && at < end ? { start, end } : null;
  }
  return weeklyOccurrences(freeze, at).find((o) => at >= o.start && at < o.end) ?? null;
}

/** The freeze's windows that overlap [from, to): what a calendar shades and a planned window is checked against. */
export function freezeWindowsBetween(freeze: TFreezeView, from: number, to: number): { start: number; end: number }[] {
  const overlaps = (w: { start: number; end: number }) => w.start < to && from < w.end;
  if (freeze.kind === "range") {
    const window = { start: Date.parse(freeze.startsAt), end: Date.parse(freeze.endsAt) };
    return overlaps(window) ? [window] : [];
  }
  // weeklyOccurrences covers a week on from each probe: one probe a week, duplicates dropped by start.
  const byStart = new Map<number, { start: number; end: number }>();
  for (let probe = from; probe < to + DAY_MS; probe += 7 * DAY_MS) {
    for (const o of weeklyOccurrences(freeze, probe)) if (overlaps(o)) byStart.set(o.start, o);
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

/** The next instant after `at` at which the freeze starts or ends (within a week), or null. */
export function nextFreezeEdge(freeze: TFreezeView, at: number): number | null {
  const edges = freeze.kind === "range" ? [Date.parse(freeze.startsAt), Date.parse(freeze.endsAt)] : weeklyOccurrences(freeze, at).flatMap((o) => [o.start, o.end]);
  const later = edges.filter((edge) => edge > at);
  return later.length ? Math.min(...later) : null;
}

/** "Mon 1 Dec 09:00 Europe/Paris": an instant as the freeze's own time zone reads it. */
export function formatZoned(at: number, timeZone: string): string {
  const p = localParts(at, timeZone);
  const month = new Intl.DateTimeFormat("en-GB", { timeZone, month: "short" }).format(at);
  const hhmm = formatUtcTimeOfDay(Date.UTC(2000, 0, 1, 0, p.minute), false);
  return `${WEEKDAY_NAMES[p.weekday]} ${p.day} ${month} ${hhmm} ${timeZone}`;
}

/** "weekdays Mon–Fri 18:00–08:00 Europe/Paris", "from … until …": what the freeze is, for lists. */
export function describeFreeze(freeze: TFreezeView): string {
  if (freeze.kind === "range") return `${formatZoned(Date.parse(freeze.startsAt), freeze.timeZone)} until ${formatZoned(Date.parse(freeze.endsAt), freeze.timeZone)}`;
  const hhmm = (minute: number) => formatUtcTimeOfDay(Date.UTC(2000, 0, 1, 0, minute), false);
  const days = [...freeze.weekdays].sort((a, b) => a - b).map((d) => WEEKDAY_NAMES[d]).join(", ");
  return `every ${days} ${hhmm(freeze.startMinute)}–${hhmm(freeze.endMinute)} ${freeze.timeZone}`;
}

/** The locks and freezes that hold a service at `at`, each worded with who, why and until when. */
export function guardsFor(service: string, input: { locks: readonly TLockView[]; freezes: readonly TFreezeView[] }, at: number): TServiceGuard[] {
  const key = serviceKey(service);
  const guards: TServiceGuard[] = [];
  for (const lock of input.locks) {
    if (serviceKey(lock.service) !== key) continue;
    guards.push({ source: "lock", key: `lock:${lock.id}`, message: `${lock.service} is locked by ${lock.holderName}: ${lock.reason}`, until: null });
  }
  for (const freeze of input.freezes) {
    if (freeze.service !== null && serviceKey(freeze.service) !== key) continue;
    const window = activeFreezeWindow(freeze, at);
    if (!window) continue;
    const scope = freeze.service === null ? "every service" : freeze.service;
    guards.push({ source: "freeze", key: `freeze:${freeze.id}`, message: `Frozen (${scope}) until ${formatZoned(window.end, freeze.timeZone)}: ${freeze.reason}`, until: window.end });
  }
  return guards;
}

/** The soonest instant at which a freeze of the service starts or ends, or null. */
export function nextGuardChange(service: string, freezes: readonly TFreezeView[], at: number): number | null {
  const key = serviceKey(service);
  const edges = freezes.filter((f) => f.service === null || serviceKey(f.service) === key).map((f) => nextFreezeEdge(f, at)).filter((e): e is number => e !== null);
  return edges.length ? Math.min(...edges) : null;
}

/** Taking a lock someone holds is refused with the holder and the reason (Shipit's 409). */
export function lockConflict(held: TLockView | undefined): string | null {
  return held ? `${held.service} is already locked by ${held.holderName} since ${held.takenAt.slice(0, 16).replace("T", " ")} UTC: ${held.reason}` : null;
}
