// POST /api/v1/templates/import/preview – what a Markdown runbook would import as; writes nothing (templates:write).
import { apiRoute } from "@/lib/api/route";
import { API_OPERATIONS } from "@/lib/api/operations";
import { previewRunbookImport } from "@/lib/templates/runbooks";

export const dynamic = "force-dynamic";

export const POST = apiRoute(API_OPERATIONS.previewTemplateImport, async ({ body, actor }) => previewRunbookImport(actor, body));
