// POST /api/v1/runs/<id>/status – Move the run's status (status:write); Idempotency-Key honoured.
import { apiRoute } from "@/lib/api/route";
import { API_OPERATIONS } from "@/lib/api/operations";
import { moveStatus } from "@/lib/api/run-commands";

export const dynamic = "force-dynamic";

export const POST = apiRoute(API_OPERATIONS.status, async ({ params, body, idempotency, ...caller }) => moveStatus(caller, params.id, body, idempotency));
