// POST /api/v1/hooks/flagger?hook=<type> – Flagger's webhooks answered by the gate (gate:read; event hooks also rollout:write).
import { apiRoute } from "@/lib/api/route";
import { API_OPERATIONS } from "@/lib/api/operations";
import { answerFlagger, withFlaggerToken } from "@/lib/api/flagger";

export const dynamic = "force-dynamic";

export const POST = withFlaggerToken(apiRoute(API_OPERATIONS.flaggerHook, async ({ query, body, ...caller }) => answerFlagger(caller, query, body)));
