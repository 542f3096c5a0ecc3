// One wrapper for every server action: authenticate → authorize → run, and turn any thrown error
// into a result the form can show (never a crash page, never a leaked stack).
import "server-only";
import { requireUser } from "../auth/current-user";
import type { TSessionUser } from "../auth/session";
import type { TPermission } from "../domain/roles";
import { toErrorResponse } from "../errors";
import { log } from "../log";

export type TActionResult<T> = { ok: true; data: T } | { ok: false; error: string; code: string };

export async function runAction<T>(
  permission: TPermission | null,
  body: (user: TSessionUser) => Promise<T>,
): Promise<TActionResult<T>> {
  try {
    const user = await requireUser(permission ?? undefined);
    return { ok: true, data: await body(user) };
  } catch (error) {
    return toActionError(error);
  }
}

export function toActionError(error: unknown): { ok: false; error: string; code: string } {
  // Next's redirect()/notFound() signal by throwing; let them through.
  if (error && typeof error === "object" && "digest" in error && String(error.digest).startsWith("NEXT_")) throw error;
  const { status, body } = toErrorResponse(error);
  if (status >= 500) log.error("server action failed", { message: (error as Error)?.message });
  return { ok: false, error: body.error.message, code: body.error.code };
}
