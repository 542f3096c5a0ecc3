// GET /api/runs/<id>/record?format=markdown|json – the run's deployment record as a download, for
// signed-in users (the report page at /runs/<id>/record links here).
import { requireUser } from "@/lib/auth/current-user";
import { recordToMarkdown } from "@/lib/domain/record-markdown";
import { AppError, toErrorResponse } from "@/lib/errors";
import { loadDeploymentRecord } from "@/lib/record/queries";

export const dynamic = "force-dynamic";

/** "midi-api-2025-11-03-deployment-record": a file name that is safe everywhere. */
function fileName(service: string, date: string): string {
  const slug = service.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "run";
  return `${slug}-${date}-deployment-record`;
}

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requireUser("runs.read");
    const { id } = await params;
    const format = new URL(request.url).searchParams.get("format") ?? "markdown";
    if (format !== "markdown" && format !== "json") throw new AppError("invalid_input", "format must be markdown or json");
    const record = id.length <= 64 ? await loadDeploymentRecord(id) : null;
    if (!record) throw new AppError("not_found", "No such run.");
    const name = fileName(record.run.service, record.date);
    const headers = { "cache-control": "no-store" };
    if (format === "json") {
      return Response.json(record, { headers: { ...headers, "content-disposition": `attachment; filename="${name}.json"` } });
    }
    return new Response(recordToMarkdown(record), {
      headers: { ...headers, "content-type": "text/markdown; charset=utf-8", "content-disposition": `attachment; filename="${name}.md"` },
    });
  } catch (error) {
    const { status, body } = toErrorResponse(error);
    return Response.json(body, { status, headers: { "cache-control": "no-store" } });
  }
}
