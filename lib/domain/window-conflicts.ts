// Conflicts between planned windows: the calendar's flags and the warning a lead sees when creating or
// rescheduling a run. A conflict is a warning with its reason, never a refusal: the lead may know
// better (two runs of one service may be one train). Pure: windows and freezes are passed in.
import { freezeWindowsBetween, serviceKey, type TFreezeView } from "./service-guards";
import { formatUtcDateMinute } from "./time-format";

/** A run's planned window as the rule sees it: [start, end) in ms, and who leads it. */
export type TPlannedWindow = {
  runId: string;
  name: string;
  service: string;
  start: number;
  end: number;
  lead: { userId: string; name: string } | null;
};

export type TConflictKind = "service_overlap" | "freeze" | "lead_double_booked";

export type TWindowConflict = {
  kind: TConflictKind;
  /** The other run (an overlap or the lead's other run), or the freeze. */
  withId: string;
  reason: string;
};

export const CONFLICT_LABELS: Record<TConflictKind, string> = {
  service_overlap: "Same service",
  freeze: "Freeze",
  lead_double_booked: "Same lead",
};

const MINUTE_MS = 60_000;

/** [start, start + duration): the window a run is planned in. */
export const windowEnd = (plannedStart: number, plannedDurationMin: number) => plannedStart + plannedDurationMin * MINUTE_MS;

/** Half-open: a window ending at 14:00 and one starting at 14:00 do not overlap. */
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** "2026-12-07 10:00–12:00 UTC", or with both dates when it runs past midnight. */
function span(w: { start: number; end: number }): string {
  const [from, to] = [formatUtcDateMinute(w.start).replace(" UTC", ""), formatUtcDateMinute(w.end)];
  return from.slice(0, 10) === to.slice(0, 10) ? `${from}–${to.slice(11)}` : `${from} – ${to}`;
}

/** What makes `candidate` clash with the other planned windows and the freezes, each with its reason. */
export function windowConflicts(candidate: TPlannedWindow, others: readonly TPlannedWindow[], freezes: readonly TFreezeView[]): TWindowConflict[] {
  const conflicts: TWindowConflict[] = [];
  const key = serviceKey(candidate.service);
  for (const other of others) {
    if (other.runId === candidate.runId || !overlaps(candidate, other)) continue;
    if (serviceKey(other.service) === key) {
      conflicts.push({ kind: "service_overlap", withId: other.runId, reason: `Overlaps “${other.name}” (${span(other)}): two runs of ${other.service} at once` });
    }
    if (candidate.lead && other.lead?.userId === candidate.lead.userId) {
      conflicts.push({ kind: "lead_double_booked", withId: other.runId, reason: `${candidate.lead.name} also leads “${other.name}” (${span(other)})` });
    }
  }
  for (const freeze of freezes) {
    if (freeze.service !== null && serviceKey(freeze.service) !== key) continue;
    const hit = freezeWindowsBetween(freeze, candidate.start, candidate.end)[0];
    if (!hit) continue;
    const scope = freeze.service === null ? "every service" : freeze.service;
    conflicts.push({ kind: "freeze", withId: freeze.id, reason: `Inside a freeze (${scope}, ${span(hit)}): ${freeze.reason}` });
  }
  return conflicts;
}

/** Every window's conflicts with the rest, by run id (windows without any are left out). */
export function conflictsByRun(windows: readonly TPlannedWindow[], freezes: readonly TFreezeView[]): Map<string, TWindowConflict[]> {
  const result = new Map<string, TWindowConflict[]>();
  for (const window of windows) {
    const found = windowConflicts(window, windows, freezes);
    if (found.length) result.set(window.runId, found);
  }
  return result;
}
