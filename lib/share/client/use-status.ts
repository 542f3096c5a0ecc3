"use client";
// The status page's live state: a StatusFeed on the page's own /status socket, authenticated by the
// link's token (never a cookie), and the clock the light and the estimate are judged against.
import { useEffect, useState } from "react";
import { io } from "socket.io-client";
import type { TMetricCharts } from "../../domain/metric-charts";
import type { TPublicStatus } from "../../domain/public-status";
import { LinkMonitor } from "../../realtime/client/link-monitor";
import { STATUS_NAMESPACE } from "../../realtime/events";
import { StatusFeed, type TStatusConnection, type TStatusSocket } from "./status-feed";

export function useStatusLive(initial: TPublicStatus, token: string, initialCharts: TMetricCharts | null) {
  const [status, setStatus] = useState(initial);
  const [charts, setCharts] = useState(initialCharts);
  const [connection, setConnection] = useState<TStatusConnection>("connecting");
  // The page's socket's signs of life, for useLiveClock (silence is a lost connection too).
  const [monitor, setMonitor] = useState<LinkMonitor | null>(null);
  useEffect(() => {
    const socket: TStatusSocket = io(STATUS_NAMESPACE, { auth: { token }, transports: ["websocket", "polling"], tryAllTransports: true, withCredentials: false });
    const feed = new StatusFeed(socket, initial, {
      onStatus: setStatus,
      onConnection: setConnection,
      onCharts: setCharts,
      onTooFarBehind: () => window.location.reload(),
    });
    const stop = feed.start();
    const linkMonitor = new LinkMonitor(socket);
    const stopMonitor = linkMonitor.start();
    setMonitor(linkMonitor);
    return () => {
      stopMonitor();
      stop();
      socket.disconnect();
    };
    // One feed per link; later renders' `initial` is the same server-rendered status.
  }, [token]);
  return { status, connection, charts, monitor };
}
