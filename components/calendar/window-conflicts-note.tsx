"use client";
// While a lead picks a planned window (new run, reschedule): what it clashes with, each with its
// reason. A warning beside the form, never a refusal: the lead may go ahead.
import { useEffect, useState } from "react";
import { CONFLICT_LABELS, type TWindowConflict } from "@/lib/domain/window-conflicts";
import { checkWindowAction } from "@/lib/tower/actions";

export type TWindowDraft = { runId?: string; service: string; plannedStart: string; plannedDurationMin: number; leadId?: string };

/** Typing settles before the window is checked. */
const SETTLE_MS = 300;

export function WindowConflictsNote({ draft }: { draft: TWindowDraft }) {
  const [conflicts, setConflicts] = useState<TWindowConflict[]>([]);
  const isComplete = Boolean(draft.service.trim() && draft.plannedStart && draft.plannedDurationMin > 0);
  const key = JSON.stringify(draft);

  useEffect(() => {
    if (!isComplete) {
      setConflicts([]);
      return;
    }
    let isCurrent = true;
    const timer = setTimeout(() => {
      void checkWindowAction(draft).then((result) => {
        if (isCurrent) setConflicts(result.ok ? result.data : []);
      });
    }, SETTLE_MS);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
    // The draft is compared by value: a new object with the same fields is the same window.
  }, [key, isComplete]);

  if (conflicts.length === 0) return null;
  return (
    <div role="status" data-testid="window-conflicts-note" className="rounded-md border-2 border-amber-500 bg-amber-50 px-3 py-2 text-sm text-amber-950">
      <p className="font-bold"><span aria-hidden="true">⚠ </span>This window conflicts — you can still go ahead:</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {conflicts.map((c) => (
          <li key={`${c.kind}:${c.withId}`} data-testid="window-conflict" data-kind={c.kind}><strong>{CONFLICT_LABELS[c.kind]}:</strong> {c.reason}</li>
        ))}
      </ul>
    </div>
  );
}
