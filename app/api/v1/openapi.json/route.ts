// GET /api/v1/openapi.json – the pipeline API's OpenAPI 3.1 document (public: it describes, it grants nothing).
import { apiRoute } from "@/lib/api/route";
import { API_OPERATIONS } from "@/lib/api/operations";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { runtime } from "@/lib/runtime";

export const dynamic = "force-dynamic";

export const GET = apiRoute(API_OPERATIONS.openapi, async () => buildOpenApiDocument(runtime().appUrl));
