// GET /api/v1/runs/<id>/gate – go, wait, no_go or rollback with the reasons, for a pipeline deciding whether to promote (gate:read); ?wait=30s long-polls.
// server.ts answers these itself with the same handler (lib/api/gate-fast-path.ts); this serves `next dev` and tests.
import { gateRoute } from "@/lib/api/gate-route";

export const dynamic = "force-dynamic";

export const GET = gateRoute;
