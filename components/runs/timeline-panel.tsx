"use client";
import { useMemo, useRef, useState } from "react";
import { catchUp, catchUpLines, type TCatchUp } from "@/lib/domain/catch-up";
import { describeEvent } from "@/lib/domain/describe-event";
import type { TRunEvent } from "@/lib/domain/events/catalogue";
import type { TRunSnapshot } from "@/lib/domain/run-snapshot";
import { PHASE_OF_STATUS } from "@/lib/domain/run-status";
import { formatUtcClock } from "@/lib/domain/time-format";
import { useOlderTimeline } from "@/lib/realtime/client/use-older-timeline";

function phaseOf(entry: TRunEvent): string | null {
  switch (entry.type) {
    case "item.changed":
    case "check.completed":
      return entry.payload.phaseKey;
    case "run.status_changed":
      return PHASE_OF_STATUS[entry.payload.to] ?? null;
    case "rollout.advanced":
      return "production";
    default:
      return null;
  }
}

/**
 * The summary as of the latest event: the server's fold of the whole log, then every newer event of
 * the timeline folded in by the same pure fold (each once: the fold skips what it has seen).
 */
function useCatchUp(initial: TCatchUp, timeline: readonly TRunEvent[]): TCatchUp {
  const latest = useRef(initial);
  return useMemo(() => {
    latest.current = catchUp(timeline.filter((e) => e.seq > latest.current.throughSeq), latest.current);
    return latest.current;
  }, [timeline]);
}

/** "Catch me up": for whoever joins late, before the log itself. */
function CatchUp({ summary, snapshot }: { summary: TCatchUp; snapshot: TRunSnapshot }) {
  const phaseKey = PHASE_OF_STATUS[summary.status];
  const lines = catchUpLines(summary, snapshot.phases.find((p) => p.key === phaseKey)?.title ?? null);
  return (
    <section aria-labelledby="catch-up-heading" className="mt-3 rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-slate-900" data-testid="catch-up">
      <h3 id="catch-up-heading" className="font-bold">Catch me up</h3>
      <dl className="mt-1 space-y-1">
        <div>
          <dt className="text-xs font-semibold text-slate-600 uppercase">Now</dt>
          <dd data-testid="catch-up-where">{lines.where}</dd>
        </div>
        <div>
          <dt className="text-xs font-semibold text-slate-600 uppercase">Open alerts</dt>
          <dd data-testid="catch-up-alerts">
            {lines.alerts.length === 0 ? "None" : (
              <ul className="space-y-0.5">{lines.alerts.map((a) => <li key={a} className="font-semibold text-red-800">⚠ {a}</li>)}</ul>
            )}
          </dd>
        </div>
        <div>
          <dt className="text-xs font-semibold text-slate-600 uppercase">Decisions</dt>
          <dd data-testid="catch-up-decisions">
            {lines.decisions.length === 0 ? "None yet" : <ul className="space-y-0.5">{lines.decisions.map((d) => <li key={d}>{d}</li>)}</ul>}
          </dd>
        </div>
        <div>
          <dt className="text-xs font-semibold text-slate-600 uppercase">Last announcement</dt>
          <dd data-testid="catch-up-announcement">{lines.announcement}</dd>
        </div>
      </dl>
    </section>
  );
}

/** Every change of the run, newest first, filterable by phase, under a summary for late joiners. */
export function TimelinePanel({ snapshot, initialCatchUp }: { snapshot: TRunSnapshot; initialCatchUp: TCatchUp }) {
  const [filter, setFilter] = useState("all");
  const summary = useCatchUp(initialCatchUp, snapshot.timeline);
  const timeline = useOlderTimeline(snapshot.id, snapshot.timeline);
  const entries = timeline.events.filter((e) => filter === "all" || phaseOf(e) === filter);
  return (
    <section aria-labelledby="timeline-heading" className="min-w-0 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex items-center justify-between gap-2">
        <h2 id="timeline-heading" className="text-lg font-bold text-slate-900">Timeline</h2>
        <label className="text-sm text-slate-700">
          <span className="sr-only">Filter timeline by phase</span>
          <select value={filter} onChange={(e) => setFilter(e.target.value)} className="max-w-40 rounded border border-slate-300 px-2 py-1">
            <option value="all">All phases</option>
            {snapshot.phases.map((p) => (
              <option key={p.key} value={p.key}>{p.title}</option>
            ))}
          </select>
        </label>
      </div>
      <CatchUp summary={summary} snapshot={snapshot} />
      <ol tabIndex={0} aria-labelledby="timeline-heading" className="mt-3 max-h-[70vh] space-y-2 overflow-y-auto" data-testid="timeline" data-retained-events={snapshot.timeline.length}>
        {entries.map((entry) => (
          <li key={entry.seq} className="border-l-2 border-slate-300 pl-3 text-sm" data-seq={entry.seq}>
            <p className="text-slate-900">{describeEvent(entry)}</p>
            <p className="text-xs text-slate-600">
              #{entry.seq} · {formatUtcClock(entry.createdAt)}
            </p>
          </li>
        ))}
        {entries.length === 0 && <li className="text-sm text-slate-600">{timeline.hasOlder ? "Nothing in this phase among the events shown." : "Nothing yet."}</li>}
        {timeline.hasOlder && (
          <li>
            <button
              type="button"
              onClick={timeline.loadOlder}
              disabled={timeline.state === "loading"}
              className="rounded border border-slate-300 px-3 py-1 text-sm font-semibold text-slate-800 hover:bg-slate-100 disabled:text-slate-500"
              data-testid="timeline-load-older"
            >
              {timeline.state === "loading" ? "Loading older events…" : "Load older events"}
            </button>
            {timeline.state === "failed" && <span role="alert" className="ml-2 text-sm text-red-800">Could not load them; try again.</span>}
          </li>
        )}
      </ol>
    </section>
  );
}
