// The HTTP face of metric ingestion (POST /api/runs/<id>/metrics) as one route handler, so the same
// code answers whether server.ts serves the request directly (its fast path: monitoring scripts are
// the busiest callers, and Next's request handling costs more than the work) or Next's route does
// (app/api/runs/[id]/metrics/route.ts, used by tests and `npm run dev`).
import { route } from "../http/route";
import { ZRunIdParams } from "../http/route-params";
import { ingestMetrics } from "./ingest";

export const pushMetrics = route({ auth: "metric-token", what: "metrics ingest", params: ZRunIdParams }, async ({ request, params, tokenRun }) =>
  ingestMetrics({ runId: params.id, request, tokenRun }),
);
