// Which code answers a request once guardRequest has let it in: metric pushes and gate reads are
// served directly (lib/metrics/ingest-fast-path.ts, lib/api/gate-fast-path.ts), GET /metrics is
// Warroom's own exporter, server actions pass the body gate (lib/security/action-guard.ts), and
// everything goes to Next.
import type { IncomingMessage, ServerResponse } from "node:http";
import { gateRunId, serveGate } from "../api/gate-fast-path";
import { metricsPushRunId, serveMetricsPush } from "../metrics/ingest-fast-path";
import { isMetricsRequest, serveMetrics } from "../observability/metrics-endpoint";
import { withCheckedActionBody } from "../security/action-guard";

type TNodeHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

export function dispatchRequest(req: IncomingMessage, res: ServerResponse, next: TNodeHandler, appUrl: string): void {
  const pushRunId = metricsPushRunId(req.method, req.url ?? "/");
  if (pushRunId !== undefined) {
    // pushMetrics answers every error itself; only a client that vanished mid-body lands here.
    void serveMetricsPush(req, res, pushRunId, appUrl).catch(() => req.destroy());
    return;
  }
  const gateRun = gateRunId(req.method, req.url ?? "/");
  if (gateRun !== undefined) {
    // The handler answers every error itself; only a client that vanished lands here.
    void serveGate(req, res, gateRun, appUrl).catch(() => req.destroy());
    return;
  }
  // Warroom's own metrics for Prometheus (lib/observability/metrics-endpoint.ts).
  if (isMetricsRequest(req.method, req.url ?? "/")) return void serveMetrics(req, res);
  withCheckedActionBody(req, res, next, appUrl);
}
