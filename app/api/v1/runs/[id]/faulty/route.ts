// POST /api/v1/runs/<id>/faulty – Mark a completed run faulty with a reason (runs:write); Idempotency-Key honoured.
import { apiRoute } from "@/lib/api/route";
import { API_OPERATIONS } from "@/lib/api/operations";
import { markFaulty } from "@/lib/api/run-commands";

export const dynamic = "force-dynamic";

export const POST = apiRoute(API_OPERATIONS.markFaulty, async ({ params, body, idempotency, ...caller }) => markFaulty(caller, params.id, body, idempotency));
