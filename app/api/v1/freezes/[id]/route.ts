// DELETE /api/v1/freezes/<id> – remove a freeze window (locks:write).
import { apiRoute } from "@/lib/api/route";
import { API_OPERATIONS } from "@/lib/api/operations";
import { removeApiFreeze } from "@/lib/api/locks";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute(API_OPERATIONS.removeFreeze, async ({ params, ...caller }) => removeApiFreeze(caller, params.id));
