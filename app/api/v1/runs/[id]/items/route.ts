// POST /api/v1/runs/<id>/items – Tick, skip, fail or undo a checklist item by id, key or exact text (checklist:write); Idempotency-Key honoured.
import { apiRoute } from "@/lib/api/route";
import { API_OPERATIONS } from "@/lib/api/operations";
import { applyItemAction } from "@/lib/api/run-commands";

export const dynamic = "force-dynamic";

export const POST = apiRoute(API_OPERATIONS.itemAction, async ({ params, body, idempotency, ...caller }) => applyItemAction(caller, params.id, body, idempotency));
