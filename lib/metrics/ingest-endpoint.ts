// The HTTP face of metric ingestion (POST /api/runs/<id>/metrics) as a plain web handler, so the
// same code answers whether server.ts serves the request directly (its fast path: monitoring
// scripts are the busiest callers, and Next's request handling costs more than the work) or Next's
// route handler does (app/api/runs/[id]/metrics/route.ts, used by tests and `npm run dev`).
import { CLIENT_IP_HEADER } from "../auth/auth";
import { can } from "../domain/roles";
import { AppError, toErrorResponse } from "../errors";
import { log } from "../log";
import { isTokenClientBlocked, recordTokenFailure } from "../security/token-attempts";
import { ingestMetrics } from "./ingest";

export function metricsErrorResponse(error: unknown, what: string): Response {
  const { status, body } = toErrorResponse(error);
  if (status >= 500) log.error(`${what} failed`, { message: (error as Error)?.message });
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (status === 401) headers["www-authenticate"] = 'Bearer realm="warroom-metrics"';
  return Response.json(body, { status, headers });
}

export async function handleMetricsPush(request: Request, runId: string): Promise<Response> {
  // A script that keeps sending bad tokens is cut off for the minute (lib/security/token-attempts.ts).
  const clientIp = request.headers.get(CLIENT_IP_HEADER) ?? "";
  if (isTokenClientBlocked("metric-token", clientIp)) {
    return metricsErrorResponse(new AppError("rate_limited", "Too many requests with a bad token: wait a minute."), "metrics ingest");
  }
  try {
    // What a metric token may do is decided by the one permission table, like every other caller.
    if (!can("metric_token", "metrics.ingest")) throw new AppError("forbidden", "Metric tokens cannot push samples.");
    const result = await ingestMetrics({ runId, request });
    return Response.json(result, { status: 200, headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof AppError && error.code === "unauthenticated") recordTokenFailure("metric-token", clientIp);
    return metricsErrorResponse(error, "metrics ingest");
  }
}
