// GET  /api/v1/runs – runs, newest first, for pipelines (API key with runs:read).
// POST /api/v1/runs – create a run from a template by id or name (runs:write; Idempotency-Key honoured).
import { apiRoute } from "@/lib/api/route";
import { API_OPERATIONS } from "@/lib/api/operations";
import { createApiRun, listApiRuns } from "@/lib/api/runs";

export const dynamic = "force-dynamic";

export const GET = apiRoute(API_OPERATIONS.listRuns, async ({ query, ...caller }) => listApiRuns(caller, query));

export const POST = apiRoute(API_OPERATIONS.createRun, async ({ body, idempotency, ...caller }) => createApiRun(caller, body, idempotency));
