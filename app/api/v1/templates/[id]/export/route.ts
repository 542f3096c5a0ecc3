// GET /api/v1/templates/{id}/export – the template as a Markdown runbook, as a download (templates:read).
import { apiRoute } from "@/lib/api/route";
import { API_OPERATIONS } from "@/lib/api/operations";
import { exportTemplateMarkdown, runbookFileName } from "@/lib/templates/runbooks";

export const dynamic = "force-dynamic";

export const GET = apiRoute(API_OPERATIONS.exportTemplate, async ({ params, actor }) => {
  const { name, markdown } = await exportTemplateMarkdown(actor, params.id);
  return new Response(markdown, {
    headers: { "content-type": "text/markdown; charset=utf-8", "content-disposition": `attachment; filename="${runbookFileName(name)}"` },
  });
});
