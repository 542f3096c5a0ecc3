// POST /api/v1/runs/<id>/metrics – push metric samples: the very handler of /api/runs/<id>/metrics
// (a run key or workspace key with metrics:write; the metric tokens of old are such run keys).
import { pushMetrics } from "@/lib/metrics/ingest-endpoint";

export const dynamic = "force-dynamic";

export const POST = pushMetrics;
