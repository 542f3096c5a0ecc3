// GET /metrics: this instance's metrics in Prometheus's text format, answered in front of Next
// (lib/http/dispatch.ts) for the scrapers that METRICS_TOKEN / METRICS_ALLOW let in
// (lib/domain/metrics-access.ts). Each instance is scraped on its own address.
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { judgeMetricsAccess } from "../domain/metrics-access";
import { env } from "../env";
import { log } from "../log";
import { sendError } from "../security/http";
import { metrics } from "./metrics";

export function isMetricsRequest(method: string | undefined, url: string): boolean {
  return (method === "GET" || method === "HEAD") && (url === "/metrics" || url.startsWith("/metrics?"));
}

export async function serveMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { METRICS_TOKEN, METRICS_ALLOW } = env();
  const verdict = judgeMetricsAccess(
    { token: METRICS_TOKEN ?? null, allow: METRICS_ALLOW ?? null },
    { peer: req.socket.remoteAddress, authorization: req.headers.authorization },
  );
  if (!verdict.isAllowed) {
    if (verdict.status === 401) res.setHeader("www-authenticate", 'Bearer realm="warroom metrics"');
    return sendError(res, verdict.status, verdict.code, verdict.message);
  }
  const { registry } = metrics();
  try {
    const body = await registry.metrics();
    res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch (error) {
    log.error("metrics could not be collected", { message: (error as Error).message });
    sendError(res, 500, "internal", "The metrics could not be collected.");
  }
}
