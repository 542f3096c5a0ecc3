// GET  /api/v1/locks – every service lock and freeze window (runs:read).
// POST /api/v1/locks – lock a service with a reason; a held lock is 409 with holder and reason (locks:write).
import { apiRoute } from "@/lib/api/route";
import { API_OPERATIONS } from "@/lib/api/operations";
import { listApiGuards, takeApiLock } from "@/lib/api/locks";

export const dynamic = "force-dynamic";

export const GET = apiRoute(API_OPERATIONS.listLocks, async () => listApiGuards());

export const POST = apiRoute(API_OPERATIONS.takeLock, async ({ body, ...caller }) => takeApiLock(caller, body));
