// Where the war room puts a lead's eyes: the phase the run is working through (before the start, the
// first phase with something left to do), its next open item, and which sections are finished and
// can fold to one line. At go/no-go and once the run is over no phase is the focus: the poll, then the
// outcome, are. Pure.
import { checklistItems, isRecurring, type TRunSnapshot, type TSnapshotItem, type TSnapshotPhase, type TSnapshotSection } from "./run-snapshot";
import { PHASE_OF_STATUS } from "./run-status";

type TFocusInput = Pick<TRunSnapshot, "status" | "phases">;

/** The key of the phase to open at the top, or null when the poll or the outcome is the focus. */
export function focusPhaseKey(snapshot: TFocusInput): TSnapshotPhase["key"] | null {
  const current = PHASE_OF_STATUS[snapshot.status];
  if (current) return snapshot.phases.some((p) => p.key === current) ? current : null;
  if (snapshot.status === "planned" || snapshot.status === "rescheduled") {
    const first = snapshot.phases.find((p) => checklistItems(p).some((i) => i.state === "open")) ?? snapshot.phases[0];
    return first?.key ?? null;
  }
  return null;
}

/** The first open item of the phase in runbook order (recurring rounds are not items to tick). */
export function nextOpenItem(phase: Pick<TSnapshotPhase, "sections">): TSnapshotItem | null {
  return checklistItems(phase).find((i) => i.state === "open") ?? null;
}

/**
 * A one-off section with nothing left to do and nothing to look at again (every item done or
 * skipped): it may fold to one line. A failed item keeps its section open, in view.
 */
export function isSectionFinished(section: Pick<TSnapshotSection, "items" | "intervalMinutes">): boolean {
  return !isRecurring(section) && section.items.length > 0 && section.items.every((i) => i.state === "done" || i.state === "skipped");
}
