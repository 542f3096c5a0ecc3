// GET /api/health – database status, version and uptime; 503 when the database is down.
import { route } from "@/lib/http/route";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "public", what: "health check" }, async () => {
  const health = await checkHealth();
  return Response.json(health, { status: health.database.status === "up" ? 200 : 503 });
});
