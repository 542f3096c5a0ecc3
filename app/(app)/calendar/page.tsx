import Link from "next/link";
import { CalendarView, type TCalendarFreeze } from "@/components/calendar/calendar-view";
import { requirePageUser } from "@/lib/auth/current-user";
import { calendarGrid, dayParam, parseDayParam, shiftAnchor, type TCalendarView } from "@/lib/domain/calendar";
import { freezeWindowsBetween } from "@/lib/domain/service-guards";
import { plannedRunsBetween } from "@/lib/tower/windows";

export const dynamic = "force-dynamic";
export const metadata = { title: "Calendar" };

const STEP = "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-100";

type TSearch = { view?: string | string[]; date?: string | string[] };

export default async function CalendarPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  await requirePageUser("runs.read");
  const params = await searchParams;
  const view: TCalendarView = params.view === "month" ? "month" : "week";
  const now = Date.now();
  const anchor = parseDayParam(typeof params.date === "string" ? params.date : undefined) ?? now;
  const grid = calendarGrid(view, anchor, now);
  const { runs, freezes } = await plannedRunsBetween(grid.from, grid.to);
  const shaded: TCalendarFreeze[] = freezes.flatMap((f) =>
    freezeWindowsBetween(f, grid.from, grid.to).map((w) => ({ id: f.id, scope: f.service ?? "every service", reason: f.reason, ...w })),
  );
  const href = (v: TCalendarView, at: number) => `/calendar?view=${v}&date=${dayParam(at)}`;
  const conflicted = runs.filter((r) => r.conflicts.length > 0).length;
  const tab = (v: TCalendarView) => `rounded-md px-3 py-1.5 text-sm font-semibold ${v === view ? "bg-slate-900 text-white" : "border border-slate-300 text-slate-800 hover:bg-slate-100"}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold text-slate-900">Calendar</h1>
          <p className="text-slate-700" data-testid="calendar-title">{grid.title} · times in UTC</p>
        </div>
        <nav aria-label="Calendar" className="flex flex-wrap items-center gap-2">
          <Link href={href(view, shiftAnchor(view, grid.anchor, -1))} className={STEP} aria-label={`Previous ${view}`}>← Previous</Link>
          <Link href={href(view, now)} className={STEP}>Today</Link>
          <Link href={href(view, shiftAnchor(view, grid.anchor, 1))} className={STEP} aria-label={`Next ${view}`}>Next →</Link>
          <span className="mx-2 h-6 w-px bg-slate-300" aria-hidden="true" />
          <Link href={href("week", grid.anchor)} className={tab("week")} aria-current={view === "week" ? "page" : undefined}>Week</Link>
          <Link href={href("month", grid.anchor)} className={tab("month")} aria-current={view === "month" ? "page" : undefined}>Month</Link>
        </nav>
      </div>
      {conflicted > 0 && (
        <p role="status" data-testid="calendar-conflict-summary" className="rounded-md border-2 border-amber-500 bg-amber-50 px-3 py-2 font-semibold text-amber-950">
          <span aria-hidden="true">⚠ </span>{conflicted} {conflicted === 1 ? "run has" : "runs have"} a conflicting window: the reasons are on each run.
        </p>
      )}
      <CalendarView grid={grid} runs={runs.map((r) => ({ ...r, startMs: Date.parse(r.start), endMs: Date.parse(r.end) }))} freezes={shaded} />
    </div>
  );
}
