// Path parameters shared by the app/api routes.
import { z } from "zod";

/** /api/runs/<id>/…: any string; a route answers 404 for ids that name no run (too long ones included). */
export const ZRunIdParams = z.object({ id: z.string() });
