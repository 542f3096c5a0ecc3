// GET /api/health – database status, version and uptime; 503 when the database is down.
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.database.status === "up" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
