// Who is calling the pipeline API (/api/v1): an API key (bearer) holding the route's scope, or a
// signed-in person whose role has the route's permission. Either way the handler gets one actor for
// runCommand, so the timeline names who did it ("API key “ci-deploy”" or the person).
import "server-only";
import { allowedUser, userFromHeaders } from "../auth/session";
import type { TPermission } from "../domain/roles";
import { AppError } from "../errors";
import { runtime } from "../runtime";
import { authenticateApiKey, requireScope, type TApiKeyCaller } from "./keys";
import type { TApiScope, TScopedActor } from "./scopes";

export type TApiCaller = { actor: TScopedActor; apiKey: TApiKeyCaller | null };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export async function authenticateApiCaller(
  auth: { permission: TPermission; scope: TApiScope },
  request: Request,
  runId: string | undefined,
): Promise<TApiCaller> {
  if (request.headers.has("authorization")) {
    const apiKey = await authenticateApiKey(request.headers.get("authorization"));
    requireScope(apiKey, auth.scope, runId);
    return { actor: apiKey.actor, apiKey };
  }
  // A cookie rides along on cross-site requests; a browser sends its Origin with them, so a session
  // may change things only from Warroom's own pages (API keys are never sent automatically).
  if (!SAFE_METHODS.has(request.method) && request.headers.has("cookie")) {
    const origin = request.headers.get("origin");
    if (origin !== new URL(runtime().appUrl).origin) throw new AppError("forbidden", "A signed-in change must come from Warroom's own pages; pipelines use an API key.");
  }
  const user = allowedUser(await userFromHeaders(request.headers), auth.permission);
  return { actor: user, apiKey: null };
}

/** The field an error names, for `{"error": {"code", "message", "field"}}`. */
export function errorField(error: unknown): string | undefined {
  const issues = (error as { issues?: { path: PropertyKey[] }[] })?.issues;
  if (Array.isArray(issues) && issues[0]?.path.length) return issues[0].path.map(String).join(".");
  const field = (error as { details?: { field?: unknown } })?.details?.field;
  return typeof field === "string" ? field : undefined;
}
