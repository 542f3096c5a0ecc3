// GET /api/v1/runs/<id>/gate – go, wait, no_go or rollback with the reasons, for a pipeline deciding whether to promote (gate:read); ?wait=30s long-polls.
import { apiRoute } from "@/lib/api/route";
import { API_OPERATIONS } from "@/lib/api/operations";
import { getApiGate } from "@/lib/api/gate";

export const dynamic = "force-dynamic";

export const GET = apiRoute(API_OPERATIONS.gate, async ({ params, query, request, ...caller }) => getApiGate(caller, params.id, query, request.signal));
