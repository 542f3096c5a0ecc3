"use client";
// The control tower (/now): what is deploying right now across every service, live over the tower's
// room (useTowerLive) and re-judged every second, so overruns move without anyone touching it. A lost
// connection says so and drains the colour from the board: stale must never look live.
import Link from "next/link";
import { ConnectionIndicator } from "@/components/realtime/connection-indicator";
import { ConnectionLost, STALE_LOOK } from "@/components/realtime/connection-lost";
import { formatUtcClock } from "@/lib/domain/time-format";
import { towerGroup, type TTowerBoard } from "@/lib/domain/tower";
import { useRunLiveClock } from "@/lib/realtime/client/use-live-clock";
import { useTowerLive } from "@/lib/realtime/client/use-tower";
import { TOWER_LOOK, type TTowerVariant } from "./tower-look";
import { TowerRuns } from "./tower-runs";
import { TowerGuards, UpcomingWindows } from "./tower-side";

const FRAME: Record<TTowerVariant, string> = {
  desktop: "space-y-6",
  tv: "flex min-h-screen flex-col gap-6 bg-slate-950 px-8 py-6 text-white",
};

export function TowerScreen({ initial, renderedAt, variant }: { initial: TTowerBoard; renderedAt: string; variant: TTowerVariant }) {
  const { board, error } = useTowerLive(initial);
  const { now, liveness } = useRunLiveClock(renderedAt);
  const isStale = liveness.state === "stale";
  const look = TOWER_LOOK[variant];
  const active = board.runs.filter((r) => towerGroup(r) === "active");
  const today = board.runs.filter((r) => towerGroup(r) === "today");
  const isTv = variant === "tv";
  return (
    <div className={FRAME[variant]} data-testid="tower" data-stale={isStale}>
      <header className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className={isTv ? "text-5xl font-bold" : "text-3xl font-bold text-slate-900"}>Now</h1>
          <p className={look.muted}>Every run under way and today’s, across services.</p>
        </div>
        <div className="flex items-center gap-4">
          <p className={`font-mono font-semibold tabular-nums ${isTv ? "text-5xl" : "text-2xl text-slate-900"} ${isStale ? STALE_LOOK : ""}`} data-testid="tower-clock">
            <span className="sr-only">Current time: </span>{formatUtcClock(now)}
          </p>
          {/* The desktop page has the header's indicator; the TV has no header. */}
          {isTv ? <ConnectionIndicator /> : <Link href="/now/tv" className="text-sm font-medium text-blue-800 underline-offset-2 hover:underline">TV view ↗</Link>}
        </div>
      </header>
      {isStale && <ConnectionLost liveness={liveness} variant={isTv ? "bridge" : "banner"} />}
      {error && <p role="alert" className="rounded-md bg-red-100 px-3 py-2 font-semibold text-red-900">{error}</p>}
      <div className={`space-y-6 ${isStale ? STALE_LOOK : ""}`}>
        <TowerRuns title="Under way" runs={active} now={now} variant={variant} empty="No run is under way." testId="tower-active" />
        <TowerRuns title="Today" runs={today} now={now} variant={variant} empty="Nothing else planned or finished today." testId="tower-today" />
        <div className="grid gap-6 lg:grid-cols-2">
          <UpcomingWindows upcoming={board.upcoming} variant={variant} />
          <TowerGuards locks={board.locks} freezes={board.freezes} variant={variant} />
        </div>
      </div>
    </div>
  );
}
