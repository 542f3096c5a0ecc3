// GET /api/v1/runs/<id> – a run and its checklist items with their stable keys (runs:read).
import { apiRoute } from "@/lib/api/route";
import { API_OPERATIONS } from "@/lib/api/operations";
import { getApiRun } from "@/lib/api/runs";

export const dynamic = "force-dynamic";

export const GET = apiRoute(API_OPERATIONS.getRun, async ({ params, ...caller }) => getApiRun(caller, params.id));
