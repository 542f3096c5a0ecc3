"use client";
import { useState } from "react";
import { describeEvent } from "@/lib/domain/describe-event";
import type { TRunEvent } from "@/lib/domain/events/catalogue";
import type { TRunSnapshot } from "@/lib/domain/run-snapshot";
import { PHASE_OF_STATUS } from "@/lib/domain/run-status";
import { formatUtcClock } from "@/lib/domain/time-format";

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

/** Every change of the run, newest first, filterable by phase. */
export function TimelinePanel({ snapshot }: { snapshot: TRunSnapshot }) {
  const [filter, setFilter] = useState("all");
  const entries = snapshot.timeline.filter((e) => filter === "all" || phaseOf(e) === filter);
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
      <ol tabIndex={0} aria-labelledby="timeline-heading" className="mt-3 max-h-[70vh] space-y-2 overflow-y-auto" data-testid="timeline">
        {entries.map((entry) => (
          <li key={entry.seq} className="border-l-2 border-slate-300 pl-3 text-sm" data-seq={entry.seq}>
            <p className="text-slate-900">{describeEvent(entry)}</p>
            <p className="text-xs text-slate-600">
              #{entry.seq} · {formatUtcClock(entry.createdAt)}
            </p>
          </li>
        ))}
        {entries.length === 0 && <li className="text-sm text-slate-600">Nothing yet.</li>}
      </ol>
    </section>
  );
}
