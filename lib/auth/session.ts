// Who is asking, from request headers (cookie). Shared by Next code and the Socket.IO handshake.
import { db } from "../db/client";
import { can, type TPermission, ZRole, type TRole } from "../domain/roles";
import { AppError } from "../errors";
import { auth } from "./auth";

export type TSessionUser = {
  id: string;
  name: string;
  email: string;
  role: TRole;
  /** The authorization epoch read together with the role (an open socket keeps it: lib/auth/epoch.ts). */
  epoch: number;
  sessionExpiresAt: number;
};

export async function userFromHeaders(headers: Headers): Promise<TSessionUser | null> {
  const session = await auth().api.getSession({ headers });
  if (!session) return null;
  // Role, epoch and "the session still exists" from one statement: a demotion or sign-out committed
  // after better-auth read the session either shows here or leaves the old epoch, which is then stale.
  const user = await db().user.findFirst({
    where: { id: session.user.id, disabledAt: null, sessions: { some: { id: session.session.id } } },
    select: { role: true, authEpoch: true },
  });
  if (!user) return null;
  const role = ZRole.safeParse(user.role);
  return {
    id: session.user.id,
    name: session.user.name,
    email: session.user.email,
    role: role.success ? role.data : "viewer",
    epoch: user.authEpoch,
    sessionExpiresAt: new Date(session.session.expiresAt).getTime(),
  };
}

/** The user when signed in and (if a permission is named) allowed it; else the refusal to answer with. */
export function allowedUser(user: TSessionUser | null, permission?: TPermission): TSessionUser {
  if (!user) throw new AppError("unauthenticated", "Sign in first.");
  if (permission && !can(user.role, permission)) throw new AppError("forbidden", "Your role does not allow this.");
  return user;
}
