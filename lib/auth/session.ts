// Who is asking, from request headers (cookie). Shared by Next code and the Socket.IO handshake.
import { ZRole, type TRole } from "../domain/roles";
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
