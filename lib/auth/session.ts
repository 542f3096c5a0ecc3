// Who is asking, from request headers (cookie). Shared by Next code and the Socket.IO handshake.
import { can, type TPermission, ZRole, type TRole } from "../domain/roles";
import { AppError } from "../errors";
import { auth } from "./auth";

export type TSessionUser = { id: string; name: string; email: string; role: TRole };

export async function userFromHeaders(headers: Headers): Promise<TSessionUser | null> {
  const session = await auth().api.getSession({ headers });
  if (!session) return null;
  const role = ZRole.safeParse((session.user as { role?: unknown }).role);
  return {
    id: session.user.id,
    name: session.user.name,
    email: session.user.email,
    role: role.success ? role.data : "viewer",
  };
}

/** The user when signed in and (if a permission is named) allowed it; else the refusal to answer with. */
export function allowedUser(user: TSessionUser | null, permission?: TPermission): TSessionUser {
  if (!user) throw new AppError("unauthenticated", "Sign in first.");
  if (permission && !can(user.role, permission)) throw new AppError("forbidden", "Your role does not allow this.");
  return user;
}
