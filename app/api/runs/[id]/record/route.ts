// GET /api/runs/<id>/record?format=markdown|json – the run's deployment record as a download, for
// signed-in users (the report page at /runs/<id>/record links here).
import { z } from "zod";
import { recordToMarkdown } from "@/lib/domain/record-markdown";
import { stripBidiControlsDeep } from "@/lib/domain/safe-text";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { ZRunIdParams } from "@/lib/http/route-params";
import { loadDeploymentRecord } from "@/lib/record/queries";

export const dynamic = "force-dynamic";

const ZRecordQuery = z.object({ format: z.enum(["markdown", "json"], { error: "must be markdown or json" }).default("markdown") });

/** "midi-api-2025-11-03-deployment-record": a file name that is safe everywhere. */
function fileName(service: string, date: string): string {
  const slug = service.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "run";
  return `${slug}-${date}-deployment-record`;
}

export const GET = route(
  { auth: { permission: "runs.read" }, what: "deployment record", params: ZRunIdParams, query: ZRecordQuery },
  async ({ params: { id }, query: { format } }) => {
    const record = id.length <= 64 ? await loadDeploymentRecord(id) : null;
    if (!record) throw new AppError("not_found", "No such run.");
    const name = fileName(record.run.service, record.date);
    if (format === "json") {
      return Response.json(stripBidiControlsDeep(record), { headers: { "content-disposition": `attachment; filename="${name}.json"` } });
    }
    return new Response(recordToMarkdown(record), {
      headers: { "content-type": "text/markdown; charset=utf-8", "content-disposition": `attachment; filename="${name}.md"` },
    });
  },
);
