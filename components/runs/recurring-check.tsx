"use client";
// A recurring section ("Every 5 Minutes"): its checks, a countdown to the next round, loud when
// overdue, one button to record a round (with an optional note), and the rounds so far.
import { useState } from "react";
import { recurringState, type TRecurringState } from "@/lib/domain/recurring-checks";
import type { TSnapshotPhase, TSnapshotSection } from "@/lib/domain/run-snapshot";
import { formatCountdown, formatUtcClock } from "@/lib/domain/time-format";
import { Button } from "@/components/ui/button";
import { UserText } from "@/components/ui/user-text";

type TProps = {
  phase: TSnapshotPhase;
  section: TSnapshotSection & { intervalMinutes: number };
  now: Date;
  canRecord: boolean;
  onRecord: (section: TSnapshotSection, note: string) => Promise<boolean>;
};

function dueLine(state: TRecurringState): { text: string; look: string } {
  switch (state.kind) {
    case "waiting":
      return { text: "Starts with this phase", look: "bg-slate-100 text-slate-700" };
    case "stopped":
      return { text: `Stopped · ${state.roundCount} ${state.roundCount === 1 ? "round" : "rounds"} recorded`, look: "bg-slate-100 text-slate-700" };
    case "upcoming":
      return { text: `Next round due in ${formatCountdown(state.remainingMs)}`, look: "bg-slate-100 text-slate-900" };
    case "due_soon":
      return { text: `⏰ Due in ${formatCountdown(state.remainingMs)}`, look: "bg-amber-100 text-amber-950 border border-amber-500" };
    case "overdue":
      return { text: `⚠ OVERDUE by ${formatCountdown(state.overdueMs)}`, look: "bg-red-700 text-white" };
  }
}

export function RecurringCheck({ phase, section, now, canRecord, onRecord }: TProps) {
  const [note, setNote] = useState("");
  const [isBusy, setIsBusy] = useState(false);
  const state = recurringState(
    { intervalMinutes: section.intervalMinutes, phaseStartedAt: phase.startedAt, phaseCompletedAt: phase.completedAt, rounds: section.rounds },
    now,
  );
  const due = dueLine(state);
  const isRunning = state.kind !== "waiting" && state.kind !== "stopped";
  const last = section.rounds[0];

  async function record() {
    setIsBusy(true);
    const ok = await onRecord(section, note);
    setIsBusy(false);
    if (ok) setNote("");
  }

  return (
    <div className="mt-2 rounded-md border border-slate-300 bg-white p-3" data-testid="recurring-check" data-state={state.kind}>
      <div className="flex flex-wrap items-center gap-3">
        <p className={`rounded px-2 py-1 text-sm font-bold ${due.look}`} data-testid="recurring-due" role={state.kind === "overdue" ? "status" : undefined}>
          <UserText>{due.text}</UserText>
        </p>
        {last && (
          <p className="text-sm text-slate-700">
            Last round {formatUtcClock(last.completedAt)} by <UserText>{last.byName}</UserText>
          </p>
        )}
      </div>
      <ul className="mt-2 list-disc pl-6 text-slate-900">
        {section.items.map((item) => (
          <li key={item.id}><UserText>{item.text}</UserText></li>
        ))}
      </ul>
      {canRecord && isRunning && (
        <form
          className="mt-3 flex flex-wrap gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void record();
          }}
        >
          <label className="sr-only" htmlFor={`round-note-${section.id}`}>Note for this round of “<UserText>{section.title}</UserText>”</label>
          <input
            id={`round-note-${section.id}`}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={1000}
            placeholder="Note (optional): what you saw"
            className="min-w-48 flex-1 rounded-md border border-slate-400 px-2 py-1 text-sm"
          />
          <Button type="submit" disabled={isBusy}>All {section.items.length} checked · record round</Button>
        </form>
      )}
      {section.rounds.length > 0 && (
        <details className="mt-2 text-sm text-slate-700">
          <summary className="cursor-pointer">{section.rounds.length} {section.rounds.length === 1 ? "round" : "rounds"} recorded</summary>
          <ol className="mt-1 space-y-0.5" data-testid="recurring-rounds">
            {section.rounds.map((round) => (
              <li key={round.completedAt}>
                {formatUtcClock(round.completedAt)} · <UserText>{round.byName}</UserText>
                {round.note && <> — “<UserText>{round.note}</UserText>”</>}
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
