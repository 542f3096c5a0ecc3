// GET /api/runs/<id> – the run's snapshot as JSON (what the war room starts from), for scripts and
// tools of signed-in users. Changes go through the socket commands, never through here.
import { requireUser } from "@/lib/auth/current-user";
import { AppError, toErrorResponse } from "@/lib/errors";
import { getRunSnapshot } from "@/lib/runs/queries";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requireUser("runs.read");
    const { id } = await params;
    const snapshot = id.length <= 64 ? await getRunSnapshot(id) : null;
    if (!snapshot) throw new AppError("not_found", "No such run.");
    return Response.json(snapshot, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    const { status, body } = toErrorResponse(error);
    return Response.json(body, { status, headers: { "cache-control": "no-store" } });
  }
}
