// GET /api/runs/<id>/timeline?before=<seq> – the page of the run's timeline before that seq (newest
// first): the war room's "Load older" (the snapshot carries only the latest TIMELINE_LIMIT events).
import { z } from "zod";
import { TIMELINE_LIMIT } from "@/lib/domain/run-snapshot";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { ZRunIdParams } from "@/lib/http/route-params";
import { db } from "@/lib/db/client";
import { eventsBefore } from "@/lib/timeline/events";

export const dynamic = "force-dynamic";

const ZTimelinePageQuery = z.object({
  before: z.coerce.number({ error: "must be a seq number" }).int("must be a whole seq number").min(1, "must be at least 1").max(2 ** 31 - 1, "is too large"),
});

export const GET = route({ auth: { permission: "runs.read" }, what: "timeline page", params: ZRunIdParams, query: ZTimelinePageQuery }, async ({ params: { id }, query }) => {
  const run = id.length <= 64 ? await db().run.findUnique({ where: { id }, select: { id: true } }) : null;
  if (!run) throw new AppError("not_found", "No such run.");
  return eventsBefore(id, query.before, TIMELINE_LIMIT);
});
