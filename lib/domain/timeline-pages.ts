// The war room's timeline beyond the snapshot's latest TIMELINE_LIMIT events: older pages loaded on
// request ("Load older") shown under the live window, which keeps moving as events arrive. Pure.
import type { TRunEvent } from "./events/catalogue";

/** Live and older events as one list, newest first, each seq once (the live copy wins). */
export function mergeTimeline(live: readonly TRunEvent[], older: readonly TRunEvent[]): TRunEvent[] {
  const seen = new Set(live.map((e) => e.seq));
  return [...live, ...older.filter((e) => !seen.has(e.seq))].sort((a, b) => b.seq - a.seq);
}

/**
 * Whether anything precedes the events shown: the run's first event has seq 1, so a list whose
 * oldest event is above 1 has older ones (an empty list has none).
 */
export function hasOlderThan(events: readonly TRunEvent[]): boolean {
  const oldest = oldestSeq(events);
  return oldest !== null && oldest > 1;
}

export function oldestSeq(events: readonly TRunEvent[]): number | null {
  return events.length === 0 ? null : Math.min(...events.map((e) => e.seq));
}

/** Events that were in the live window and have fallen off its end (kept once older pages are shown). */
export function droppedFromWindow(previous: readonly TRunEvent[], next: readonly TRunEvent[]): TRunEvent[] {
  const kept = new Set(next.map((e) => e.seq));
  return previous.filter((e) => !kept.has(e.seq));
}
