// POST /api/v1/runs/<id>/rollout – Step the rollout to its next percentage (rollout:write); Idempotency-Key honoured.
import { apiRoute } from "@/lib/api/route";
import { API_OPERATIONS } from "@/lib/api/operations";
import { stepRollout } from "@/lib/api/run-commands";

export const dynamic = "force-dynamic";

export const POST = apiRoute(API_OPERATIONS.rollout, async ({ params, body, idempotency, ...caller }) => stepRollout(caller, params.id, body, idempotency));
