// The stakeholder's view of a deployment: one column that reads top to bottom on a phone, in plain
// words. Rendered on the server for the first paint (app/status/[token]/page.tsx) and by the live
// client once it has loaded (status-page.tsx), from the same props, so the page does not change
// shape when the client takes over. Everything shown comes from the public projection
// (lib/domain/public-status.ts); every piece of user-entered text is rendered as text.
import { ConnectionLost, STALE_LOOK } from "@/components/realtime/connection-lost";
import type { TLiveness } from "@/lib/domain/liveness";
import type { TMetricCharts } from "@/lib/domain/metric-charts";
import { publicView, type TPublicStatus } from "@/lib/domain/public-status";
import { runEnding } from "@/lib/domain/run-ending";
import { formatUtcDateTime } from "@/lib/domain/time-format";
import type { TStatusConnection } from "@/lib/share/client/status-feed";
import { AnnouncementList } from "./announcement-list";
import { LiveBadge } from "./live-badge";
import { StatusCharts } from "./status-charts";
import { StatusFacts } from "./status-facts";
import { StatusLightCard } from "./status-light-card";
import { UserText } from "@/components/ui/user-text";

export type TStatusViewProps = {
  status: TPublicStatus;
  connection: TStatusConnection;
  liveness: TLiveness;
  /** Links made with "include charts" only. */
  charts: TMetricCharts | null;
  now: Date;
  renderedAt: string;
};

export function StatusView({ status, connection, liveness, charts, now, renderedAt }: TStatusViewProps) {
  const isStale = liveness.state === "stale";
  const view = publicView(status, now);
  return (
    <main className="mx-auto flex min-h-screen max-w-2xl flex-col gap-4 px-4 py-5 sm:px-6 sm:py-8">
      <header className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Deployment status</p>
          <h1 className="mt-1 text-2xl font-bold break-words text-slate-900 sm:text-3xl" data-testid="status-run-name"><UserText>{view.name}</UserText></h1>
          <p className="mt-1 text-base break-words text-slate-700">
            <UserText>{view.service}</UserText> <span aria-hidden="true">·</span> version <span className="font-mono"><UserText>{view.targetVersion}</UserText></span>
          </p>
        </div>
        {/* The socket can look open while nothing arrives: the badge follows the heartbeat too. */}
        <LiveBadge connection={isStale && connection === "live" ? "reconnecting" : connection} />
      </header>
      {/* A lost connection replaces the verdict: a stale "On track" is worse than none. */}
      {liveness.state === "stale" ? <ConnectionLost liveness={liveness} variant="phone" /> : <StatusLightCard view={view} />}
      <div className={`flex flex-col gap-4 ${isStale ? STALE_LOOK : ""}`}>
        <StatusFacts view={view} />
        <AnnouncementList announcements={view.announcements} />
        {charts && <StatusCharts charts={charts} metrics={status.run.metrics} now={now} ending={runEnding(status.run)} />}
      </div>
      <footer className="mt-auto pt-4 text-xs text-slate-600">
        A read-only view shared by the deployment team. Times are UTC; this page updates by itself. Opened {formatUtcDateTime(renderedAt)}.
      </footer>
    </main>
  );
}
