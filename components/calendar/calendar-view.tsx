// The calendar of planned windows: runs by their window, freezes shaded with their reason, conflicts
// flagged with theirs. A week shows each run in full; a month shows one line per run (⚠ when it
// clashes, the reasons on hover and for screen readers).
import Link from "next/link";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { ConflictBadges } from "@/components/tower/conflict-badges";
import { UserText } from "@/components/ui/user-text";
import { onDay, type TCalendarDay, type TCalendarGrid } from "@/lib/domain/calendar";
import { formatUtcMinute } from "@/lib/domain/time-format";
import type { TPlannedRun } from "@/lib/domain/tower";

export type TCalendarRun = TPlannedRun & { startMs: number; endMs: number };
export type TCalendarFreeze = { id: string; scope: string; reason: string; start: number; end: number };

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const dayNumber = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short" });
/** Shaded like a hazard, in words too: a freeze is never colour alone. */
const FROZEN = "bg-[repeating-linear-gradient(135deg,#e0f2fe_0_8px,#bae6fd_8px_16px)]";

const hhmm = (at: number) => formatUtcMinute(at).slice(0, 5);

/** A window's part on this day: "10:00–14:00", "from 22:00", "until 02:00", "all day". */
function partOfDay(day: TCalendarDay, start: number, end: number): string {
  const from = start > day.start ? hhmm(start) : null;
  const until = end < day.end ? hhmm(end) : null;
  if (from && until) return `${from}–${until}`;
  return from ? `from ${from}` : until ? `until ${until}` : "all day";
}

function FreezeBand({ day, freeze }: { day: TCalendarDay; freeze: TCalendarFreeze }) {
  return (
    <p data-testid="calendar-freeze" className="rounded border border-sky-400 px-1.5 py-0.5 text-xs font-semibold text-sky-950">
      <span aria-hidden="true">❄ </span>Frozen {partOfDay(day, freeze.start, freeze.end)} ({freeze.scope}): <UserText>{freeze.reason}</UserText>
    </p>
  );
}

function WeekRun({ day, run }: { day: TCalendarDay; run: TCalendarRun }) {
  const isConflicted = run.conflicts.length > 0;
  return (
    <li data-testid="calendar-run" data-run-id={run.id} data-conflicted={isConflicted} className={`rounded-md border bg-white p-2 text-sm shadow-sm ${isConflicted ? "border-2 border-amber-500" : "border-slate-300"}`}>
      <p className="font-semibold tabular-nums text-slate-700">{partOfDay(day, run.startMs, run.endMs)} UTC</p>
      <Link href={`/runs/${run.id}`} className="block font-bold text-blue-800 hover:underline"><UserText>{run.name}</UserText></Link>
      <p className="text-slate-700"><UserText>{run.service}</UserText>{run.leadName && <> · <UserText>{run.leadName}</UserText></>}</p>
      <div className="mt-1"><RunStatusBadge status={run.status} /></div>
      <ConflictBadges conflicts={run.conflicts} />
    </li>
  );
}

function MonthRun({ run }: { run: TCalendarRun }) {
  const reasons = run.conflicts.map((c) => c.reason).join("; ");
  return (
    <li data-testid="calendar-run" data-run-id={run.id} data-conflicted={run.conflicts.length > 0} title={reasons || undefined} className="truncate text-xs">
      {run.conflicts.length > 0 && <span className="rounded bg-amber-300 px-1 font-bold text-slate-950" aria-hidden="true">⚠</span>}{" "}
      <span className="tabular-nums text-slate-600">{hhmm(run.startMs)}</span>{" "}
      <Link href={`/runs/${run.id}`} className="font-semibold text-blue-800 hover:underline"><UserText>{run.name}</UserText></Link>
      {reasons && <span className="sr-only">. Conflicts: {reasons}</span>}
    </li>
  );
}

export function CalendarView({ grid, runs, freezes }: { grid: TCalendarGrid; runs: TCalendarRun[]; freezes: TCalendarFreeze[] }) {
  const isWeek = grid.view === "week";
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
      <div className="grid min-w-[64rem] grid-cols-7" role="table" aria-label={grid.title}>
        <div role="row" className="contents">
          {WEEKDAYS.map((d) => <div key={d} role="columnheader" className="border-b border-slate-300 bg-slate-100 px-2 py-1 text-sm font-bold text-slate-800">{d}</div>)}
        </div>
        {grid.days.map((day) => {
          const dayFreezes = onDay(day, freezes, (f) => f);
          const dayRuns = onDay(day, runs, (r) => ({ start: r.startMs, end: r.endMs }));
          return (
            <div
              key={day.start}
              role="cell"
              data-testid="calendar-day"
              data-day={new Date(day.start).toISOString().slice(0, 10)}
              data-frozen={dayFreezes.length > 0}
              className={`space-y-1 border-r border-b border-slate-200 p-1.5 ${isWeek ? "min-h-[28rem]" : "min-h-[7.5rem]"} ${dayFreezes.length ? FROZEN : ""} ${day.isInPeriod ? "" : "opacity-50"}`}
            >
              <p className={`text-sm font-bold ${day.isToday ? "inline-block rounded bg-blue-700 px-1.5 text-white" : "text-slate-800"}`}>
                {dayNumber.format(day.start)}{day.isToday && <span className="sr-only"> (today)</span>}
              </p>
              {dayFreezes.map((f) => <FreezeBand key={`${f.id}:${f.start}`} day={day} freeze={f} />)}
              <ul className="space-y-1">
                {dayRuns.map((r) => (isWeek ? <WeekRun key={r.id} day={day} run={r} /> : <MonthRun key={r.id} run={r} />))}
              </ul>
            </div>
          );
        })}
      </div>
    </div>
  );
}
