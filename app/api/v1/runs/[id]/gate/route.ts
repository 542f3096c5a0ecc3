// GET /api/v1/runs/<id>/gate – go, hold or no_go with the reasons, for a pipeline deciding whether to promote (gate:read).
import { apiRoute } from "@/lib/api/route";
import { API_OPERATIONS } from "@/lib/api/operations";
import { getApiGate } from "@/lib/api/runs";

export const dynamic = "force-dynamic";

export const GET = apiRoute(API_OPERATIONS.gate, async ({ params, ...caller }) => getApiGate(caller, params.id));
