// GET /api/v1/reference – the pipeline API's reference page, rendered on the server from the OpenAPI document.
import { apiRoute } from "@/lib/api/route";
import { API_OPERATIONS } from "@/lib/api/operations";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { renderReference } from "@/lib/api/reference-html";
import { runtime } from "@/lib/runtime";

export const dynamic = "force-dynamic";

export const GET = apiRoute(
  API_OPERATIONS.reference,
  async () => new Response(renderReference(buildOpenApiDocument(runtime().appUrl)), { headers: { "content-type": "text/html; charset=utf-8" } }),
);
