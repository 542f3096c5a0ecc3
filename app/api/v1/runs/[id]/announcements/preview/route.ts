// POST /api/v1/runs/<id>/announcements/preview – Fill an announcement template and answer its text, posting nothing (runs:read).
import { apiRoute } from "@/lib/api/route";
import { API_OPERATIONS } from "@/lib/api/operations";
import { previewAnnouncement } from "@/lib/api/run-commands";

export const dynamic = "force-dynamic";

export const POST = apiRoute(API_OPERATIONS.previewAnnouncement, async ({ params, body, ...caller }) => previewAnnouncement(caller, params.id, body));
