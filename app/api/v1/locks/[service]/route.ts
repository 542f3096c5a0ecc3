// DELETE /api/v1/locks/<service> – release the service's lock (locks:write).
import { apiRoute } from "@/lib/api/route";
import { API_OPERATIONS } from "@/lib/api/operations";
import { releaseApiLock } from "@/lib/api/locks";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute(API_OPERATIONS.releaseLock, async ({ params, ...caller }) => releaseApiLock(caller, params.service));
