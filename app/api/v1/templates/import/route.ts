// POST /api/v1/templates/import – import a Markdown runbook as a new template; answers its id and the preview (templates:write).
import { apiRoute } from "@/lib/api/route";
import { API_OPERATIONS } from "@/lib/api/operations";
import { importRunbookTemplate } from "@/lib/templates/runbooks";

export const dynamic = "force-dynamic";

export const POST = apiRoute(API_OPERATIONS.importTemplate, async ({ body, actor }) => importRunbookTemplate(actor, body));
