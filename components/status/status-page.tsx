"use client";
// The status page once live: the /status socket's feed (lib/share/client/use-status.ts) and the
// server clock drive the same view the server rendered first. Loaded late by status-live.tsx: a
// phone paints the server's page without waiting for any of this.
import { useLiveClock } from "@/lib/realtime/client/use-live-clock";
import type { TMetricCharts } from "@/lib/domain/metric-charts";
import type { TPublicStatus } from "@/lib/domain/public-status";
import { useStatusLive } from "@/lib/share/client/use-status";
import { LinkInvalid } from "./link-invalid";
import { StatusView } from "./status-view";

export type TStatusPageProps = {
  initial: TPublicStatus;
  token: string;
  renderedAt: string;
  /** Links made with "include charts" only. */
  initialCharts: TMetricCharts | null;
};

export function StatusPage({ initial, token, renderedAt, initialCharts }: TStatusPageProps) {
  const { status, connection, charts, monitor } = useStatusLive(initial, token, initialCharts);
  // Server time, held at the last message when the connection is lost (the estimate stops moving).
  const { now, liveness } = useLiveClock(renderedAt, monitor);
  if (connection === "invalid") return <LinkInvalid />;
  return <StatusView status={status} connection={connection} liveness={liveness} charts={charts} now={now} renderedAt={renderedAt} />;
}
