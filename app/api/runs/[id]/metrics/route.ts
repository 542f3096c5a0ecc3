// POST /api/runs/<id>/metrics – a monitoring script pushes samples (bearer token of the run).
// GET  /api/runs/<id>/metrics – the run's chart data for a signed-in screen (downsampled series).
// In production server.ts answers the POST itself with the same handler (lib/metrics/ingest-endpoint.ts).
import { requireUser } from "@/lib/auth/current-user";
import { handleMetricsPush, metricsErrorResponse } from "@/lib/metrics/ingest-endpoint";
import { getMetricCharts } from "@/lib/metrics/queries";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: TContext) {
  const { id } = await params;
  return handleMetricsPush(request, id);
}

export async function GET(_request: Request, { params }: TContext) {
  try {
    await requireUser("runs.read");
    const { id } = await params;
    return Response.json(await getMetricCharts(id), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return metricsErrorResponse(error, "metrics charts");
  }
}
