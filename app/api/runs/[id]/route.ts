// GET /api/runs/<id> – the run's snapshot as JSON (what the war room starts from), for scripts and
// tools of signed-in users. Changes go through the socket commands, never through here.
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { ZRunIdParams } from "@/lib/http/route-params";
import { getRunSnapshot } from "@/lib/runs/queries";

export const dynamic = "force-dynamic";

export const GET = route({ auth: { permission: "runs.read" }, what: "run snapshot", params: ZRunIdParams }, async ({ params: { id } }) => {
  const snapshot = id.length <= 64 ? await getRunSnapshot(id) : null;
  if (!snapshot) throw new AppError("not_found", "No such run.");
  return snapshot;
});
