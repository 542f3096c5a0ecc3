// POST /api/v1/runs/<id>/announcements – Post an announcement from a template (announce:write); Idempotency-Key honoured.
import { apiRoute } from "@/lib/api/route";
import { API_OPERATIONS } from "@/lib/api/operations";
import { announce } from "@/lib/api/run-commands";

export const dynamic = "force-dynamic";

export const POST = apiRoute(API_OPERATIONS.announce, async ({ params, body, idempotency, ...caller }) => announce(caller, params.id, body, idempotency));
