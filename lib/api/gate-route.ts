// GET /api/v1/runs/<id>/gate as one web handler: Next's route (app/api/v1/runs/[id]/gate) exports it,
// and server.ts answers the same requests with it directly (gate-fast-path.ts), so the two cannot differ.
import { apiRoute } from "./route";
import { API_OPERATIONS } from "./operations";
import { getApiGate } from "./gate";

export const gateRoute = apiRoute(API_OPERATIONS.gate, async ({ params, query, request, ...caller }) => getApiGate(caller, params.id, query, request.signal));
