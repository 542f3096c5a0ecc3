// POST /api/runs/<id>/metrics – a monitoring script pushes samples (bearer token of the run).
// GET  /api/runs/<id>/metrics – the run's chart data for a signed-in screen (downsampled series).
import { requireUser } from "@/lib/auth/current-user";
import { toErrorResponse } from "@/lib/errors";
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
  try {
    const { id } = await params;
    const result = await ingestMetrics({ runId: id, request });
    return Response.json(result, { status: 200, headers: { "cache-control": "no-store" } });
  } catch (error) {
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
