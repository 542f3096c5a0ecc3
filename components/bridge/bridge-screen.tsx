"use client";
// The bridge: a read-only TV screen for the whole room. Live through useRunLive (events and
// reconnects), re-evaluated every second so overruns and countdowns move without anyone touching it.
import { ConnectionIndicator } from "@/components/realtime/connection-indicator";
import type { TRunSnapshot } from "@/lib/domain/run-snapshot";
import { statusLight } from "@/lib/domain/status-light";
import { formatUtcClock } from "@/lib/domain/time-format";
import { useRunLive } from "@/lib/realtime/client/use-run";
import { EventFeed } from "./event-feed";
import { PhasePanel } from "./phase-panel";
import { PresenceStrip } from "./presence-strip";
import { ProgressPanel } from "./progress-panel";
import { RolloutPanel } from "./rollout-panel";
import { StatusLightPanel } from "./status-light-panel";
import { useRunLiveClock } from "@/lib/realtime/client/use-live-clock";
import { ConnectionLost, STALE_LOOK } from "@/components/realtime/connection-lost";
import { BridgeGoNoGoPanel } from "@/components/poll/bridge-go-no-go-panel";
import { BridgeMetricsPanel, BridgeRollbackBanner } from "@/components/metrics/bridge-metrics";
import { recommendationsToDecide } from "@/lib/domain/metric-recommendations";
import { UserText } from "@/components/ui/user-text";
import { BridgeGuardBanner } from "@/components/locks/guard-banner";

export function BridgeScreen({ initialSnapshot, renderedAt }: { initialSnapshot: TRunSnapshot; renderedAt: string }) {
  const { snapshot, present } = useRunLive(initialSnapshot, "bridge");
  // Server time, held at the last message when the connection is lost (nothing counts down then).
  const { now, liveness } = useRunLiveClock(renderedAt);
  const isStale = liveness.state === "stale";
  return (
    <main className="flex h-screen min-h-[720px] flex-col gap-5 overflow-hidden bg-slate-950 px-8 py-6 text-white">
      <header className="flex items-start justify-between gap-8">
        <div className="min-w-0">
          <h1 className="truncate text-6xl font-bold" data-testid="bridge-run-name"><UserText>{snapshot.name}</UserText></h1>
          <p className="mt-2 truncate text-4xl text-slate-300">
            <UserText>{snapshot.service}</UserText> <span className="text-slate-500">·</span>{" "}
            <span className="font-mono"><UserText>{snapshot.targetVersion}</UserText></span>
          </p>
          <div className="mt-3"><PresenceStrip snapshot={snapshot} present={present} /></div>
        </div>
        <div className="flex shrink-0 flex-col items-end gap-3">
          <p className={`font-mono text-5xl font-semibold tabular-nums ${isStale ? STALE_LOOK : ""}`} data-testid="bridge-clock"><span className="sr-only">Current time: </span>{formatUtcClock(now)}</p>
          <ConnectionIndicator />
        </div>
      </header>
      <div className="grid min-h-0 flex-1 grid-cols-[3fr_2fr] gap-5">
        {/* min-w-0: a long status reason is truncated, rather than squeezing the metrics column to nothing. */}
        <div className="flex min-h-0 min-w-0 flex-col gap-5">
          {/* A rollback trigger firing undecided is the light, in words the room cannot miss; a lost
              connection replaces both, since neither can be vouched for. */}
          {liveness.state === "stale" ? (
            <ConnectionLost liveness={liveness} variant="bridge" />
          ) : recommendationsToDecide(snapshot.metrics, snapshot.status).some((r) => r.isActive) ? (
            <BridgeRollbackBanner metrics={snapshot.metrics} />
          ) : (
            <StatusLightPanel light={statusLight(snapshot, now)} />
          )}
          {!isStale && <BridgeGuardBanner snapshot={snapshot} now={now} />}
          {/* At go/no-go there is no phase clock and nothing rolling out: the roll call takes the room. */}
          <div className={`flex min-h-0 flex-1 flex-col gap-5 ${isStale ? STALE_LOOK : ""}`}>
            {snapshot.status === "go_no_go" ? (
              <BridgeGoNoGoPanel goNoGo={snapshot.goNoGo} roles={snapshot.roles} className="flex-1" />
            ) : (
              <>
                <PhasePanel snapshot={snapshot} now={now} />
                <div className="grid min-h-0 flex-1 grid-cols-2 gap-5">
                  <ProgressPanel snapshot={snapshot} />
                  <RolloutPanel snapshot={snapshot} now={now} />
                </div>
              </>
            )}
          </div>
        </div>
        <div className={`flex min-h-0 min-w-0 flex-col gap-5 ${isStale ? STALE_LOOK : ""}`}>
          <BridgeMetricsPanel runId={snapshot.id} metrics={snapshot.metrics} timeline={snapshot.timeline} now={now} />
          <div className="flex min-h-0 flex-[2] flex-col [&>section]:flex-1">
            <EventFeed timeline={snapshot.timeline} />
          </div>
        </div>
      </div>
    </main>
  );
}
