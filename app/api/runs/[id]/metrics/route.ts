// POST /api/runs/<id>/metrics – a monitoring script pushes samples (bearer token of the run).
// GET  /api/runs/<id>/metrics – the run's chart data for a signed-in screen (downsampled series).
import { requireUser } from "@/lib/auth/current-user";
import { CLIENT_IP_HEADER } from "@/lib/auth/auth";
import { can } from "@/lib/domain/roles";
import { AppError, toErrorResponse } from "@/lib/errors";
import { isTokenClientBlocked, recordTokenFailure } from "@/lib/security/token-attempts";
import { log } from "@/lib/log";
import { ingestMetrics } from "@/lib/metrics/ingest";
import { getMetricCharts } from "@/lib/metrics/queries";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

function errorResponse(error: unknown, what: string): Response {
  const { status, body } = toErrorResponse(error);
  if (status >= 500) log.error(`${what} failed`, { message: (error as Error)?.message });
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (status === 401) headers["www-authenticate"] = 'Bearer realm="warroom-metrics"';
  return Response.json(body, { status, headers });
}

export async function POST(request: Request, { params }: TContext) {
  // A script that keeps sending bad tokens is cut off for the minute (lib/security/token-attempts.ts).
  const clientIp = request.headers.get(CLIENT_IP_HEADER) ?? "";
  if (isTokenClientBlocked("metric-token", clientIp)) {
    return errorResponse(new AppError("rate_limited", "Too many requests with a bad token: wait a minute."), "metrics ingest");
  }
  try {
    // What a metric token may do is decided by the one permission table, like every other caller.
    if (!can("metric_token", "metrics.ingest")) throw new AppError("forbidden", "Metric tokens cannot push samples.");
    const { id } = await params;
    const result = await ingestMetrics({ runId: id, request });
    return Response.json(result, { status: 200, headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof AppError && error.code === "unauthenticated") recordTokenFailure("metric-token", clientIp);
    return errorResponse(error, "metrics ingest");
  }
}

export async function GET(_request: Request, { params }: TContext) {
  try {
    await requireUser("runs.read");
    const { id } = await params;
    return Response.json(await getMetricCharts(id), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "metrics charts");
  }
}
