"use client";
// "Load older" for the war room's timeline: pages before the oldest event shown, from
// GET /api/runs/<id>/timeline?before=<seq>. Once older pages are shown, events that fall off the live
// window's end (it keeps the latest TIMELINE_LIMIT) stay in the list, so it has no gap.
import { useCallback, useEffect, useRef, useState } from "react";
import type { TRunEvent } from "../../domain/events/catalogue";
import { droppedFromWindow, hasOlderThan, mergeTimeline, oldestSeq } from "../../domain/timeline-pages";

export type TOlderTimeline = {
  events: TRunEvent[];
  hasOlder: boolean;
  state: "idle" | "loading" | "failed";
  loadOlder: () => void;
};

export function useOlderTimeline(runId: string, live: readonly TRunEvent[]): TOlderTimeline {
  const [older, setOlder] = useState<TRunEvent[]>([]);
  const [state, setState] = useState<TOlderTimeline["state"]>("idle");
  const previousLive = useRef(live);

  useEffect(() => {
    const dropped = droppedFromWindow(previousLive.current, live);
    previousLive.current = live;
    if (dropped.length > 0) setOlder((current) => (current.length > 0 ? mergeTimeline(dropped, current) : current));
  }, [live]);

  const events = mergeTimeline(live, older);
  const before = oldestSeq(events);

  const loadOlder = useCallback(() => {
    if (before === null) return;
    setState("loading");
    void (async () => {
      try {
        const response = await fetch(`/api/runs/${encodeURIComponent(runId)}/timeline?before=${before}`, { cache: "no-store" });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const page = (await response.json()) as { events: TRunEvent[] };
        setOlder((current) => mergeTimeline(current, page.events));
        setState("idle");
      } catch {
        setState("failed");
      }
    })();
  }, [runId, before]);

  // Seqs have no gaps from 1, so the oldest shown says whether there is more.
  return { events, hasOlder: hasOlderThan(events), state, loadOlder };
}
