// POST /api/runs/<id>/metrics – a monitoring script pushes samples (bearer token of the run).
// GET  /api/runs/<id>/metrics – the run's chart data for a signed-in screen (downsampled series).
// In production server.ts answers the POST itself with the same handler (lib/metrics/ingest-endpoint.ts).
import { route } from "@/lib/http/route";
import { ZRunIdParams } from "@/lib/http/route-params";
import { pushMetrics } from "@/lib/metrics/ingest-endpoint";
import { getMetricCharts } from "@/lib/metrics/queries";

export const dynamic = "force-dynamic";

export const POST = pushMetrics;

export const GET = route({ auth: { permission: "runs.read" }, what: "metrics charts", params: ZRunIdParams }, async ({ params: { id } }) => getMetricCharts(id));
