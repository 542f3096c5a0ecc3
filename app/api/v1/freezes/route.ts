// POST /api/v1/freezes – add a freeze window, global or per service, a date range or weekly in a time zone (locks:write).
import { apiRoute } from "@/lib/api/route";
import { API_OPERATIONS } from "@/lib/api/operations";
import { saveApiFreeze } from "@/lib/api/locks";

export const dynamic = "force-dynamic";

export const POST = apiRoute(API_OPERATIONS.saveFreeze, async ({ body, ...caller }) => saveApiFreeze(caller, body));
