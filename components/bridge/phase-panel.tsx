import { STATUS_LABELS } from "@/lib/domain/run-status";
import { checklistItems, type TRunSnapshot } from "@/lib/domain/run-snapshot";
import { progress } from "@/lib/domain/checklist";
import { elapsedMs, overrunMs, type TPhaseTiming } from "@/lib/domain/schedule";
import { currentPhase } from "@/lib/domain/status-light";
import { formatCountdown, formatDuration, formatUtcClock, formatUtcDateTime } from "@/lib/domain/time-format";
import { recurringState } from "@/lib/domain/recurring-checks";
import { Panel } from "./panel";
import { UserText } from "@/components/ui/user-text";

const asDate = (iso: string | null) => (iso ? new Date(iso) : null);

/** The run's status word and the phase it is working through, with that phase's clock. */
export function PhasePanel({ snapshot, now }: { snapshot: TRunSnapshot; now: Date }) {
  const phase = currentPhase(snapshot);
  return (
    <Panel label="Status" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-x-8 gap-y-2">
        <p className="text-6xl font-bold text-white" data-testid="bridge-run-status" data-status={snapshot.status}>
          {STATUS_LABELS[snapshot.status]}
        </p>
        {snapshot.statusReason && <p className="text-3xl text-slate-300">“<UserText>{snapshot.statusReason}</UserText>”</p>}
      </div>
      <div data-testid="bridge-phase" className="border-t border-slate-700 pt-3">
        {phase ? <PhaseClock phase={phase} now={now} /> : <NoPhase snapshot={snapshot} />}
      </div>
    </Panel>
  );
}

function PhaseClock({ phase, now }: { phase: TRunSnapshot["phases"][number]; now: Date }) {
  const timing: TPhaseTiming = {
    budgetMaxMinutes: phase.budgetMaxMinutes,
    startedAt: asDate(phase.startedAt),
    completedAt: asDate(phase.completedAt),
  };
  const over = overrunMs(timing, now);
  const budget = formatDuration(phase.budgetMaxMinutes * 60_000);
  const { done, total } = progress(checklistItems(phase));
  return (
    <div className="flex flex-wrap items-end justify-between gap-x-10 gap-y-3">
      <div className="min-w-0">
        <p className="truncate text-5xl font-semibold text-white" data-testid="bridge-phase-title"><UserText>{phase.title}</UserText></p>
        <p className="mt-1 text-3xl text-slate-300" data-testid="bridge-phase-progress">{done} of {total} in this phase</p>
        <RecurringLines phase={phase} now={now} />
      </div>
      <div className="text-right">
        <p className={`font-mono text-6xl font-bold tabular-nums ${over > 0 ? "text-amber-300" : "text-white"}`} data-testid="bridge-phase-timer">
          {formatDuration(elapsedMs(timing, now))}
          <span className="text-4xl text-slate-400"> / {budget}</span>
        </p>
        {over > 0 && (
          <p className="text-4xl font-bold text-red-400" data-testid="bridge-phase-overrun">
            <span aria-hidden="true">⚠ </span>+{formatDuration(Math.ceil(over / 1000) * 1000)} over
          </p>
        )}
      </div>
    </div>
  );
}

function NoPhase({ snapshot }: { snapshot: TRunSnapshot }) {
  const text =
    snapshot.status === "planned" || snapshot.status === "rescheduled"
      ? `Starts ${formatUtcDateTime(snapshot.plannedStart)}`
      : snapshot.status === "go_no_go"
        ? "Waiting for the Go / No-Go decision"
        : snapshot.endedAt
          ? `Ended at ${formatUtcClock(snapshot.endedAt)}`
          : "No checklist phase in this status";
  return <p className="text-4xl font-semibold text-slate-200">{text}</p>;
}

/** "Every 5 Minutes · due in 3:12", loud when overdue: the room sees the next round coming. */
function RecurringLines({ phase, now }: { phase: TRunSnapshot["phases"][number]; now: Date }) {
  const lines = phase.sections.flatMap((section) => {
    if (section.intervalMinutes === null) return [];
    const state = recurringState({ intervalMinutes: section.intervalMinutes, phaseStartedAt: phase.startedAt, phaseCompletedAt: phase.completedAt, rounds: section.rounds }, now);
    if (state.kind === "overdue") return [{ title: section.title, text: `OVERDUE ${formatCountdown(state.overdueMs)}`, isLate: true }];
    if (state.kind === "upcoming" || state.kind === "due_soon") return [{ title: section.title, text: `due in ${formatCountdown(state.remainingMs)}`, isLate: false }];
    return [];
  });
  if (lines.length === 0) return null;
  return (
    <ul className="mt-2 space-y-1" data-testid="bridge-recurring">
      {lines.map((line) => (
        <li key={line.title} className={`text-3xl ${line.isLate ? "font-bold text-red-400" : "text-slate-200"}`}>
          {line.isLate && <span aria-hidden="true">⚠ </span>}
          <UserText>{line.title}</UserText> · <UserText>{line.text}</UserText>
        </li>
      ))}
    </ul>
  );
}
