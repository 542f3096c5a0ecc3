// Who a war-room socket acts as right now. The handshake's user is not trusted for the socket's life:
// before every command and join the socket's grant is checked against the user's current
// authorization epoch (cached briefly, lib/auth/epoch.ts). A stale socket is answered with a clear
// error and then disconnected; the page's reconnect goes through the handshake with the new role.
import "server-only";
import { checkGrant } from "../auth/epoch";
import type { TActor } from "../auth/users";
import { AppError } from "../errors";
import type { TServerSocket } from "../realtime/server/server";

const STALE = Symbol("stale socket");

export async function socketActor(socket: TServerSocket): Promise<TActor> {
  const { user, grant } = socket.data;
  const verdict = await checkGrant(user.id, grant);
  if (!verdict.ok) throw new AppError("unauthenticated", verdict.message, STALE);
  return { id: user.id, name: user.name, role: verdict.role };
}

/** After answering a refused call: drop the socket if the refusal was its staleness. */
export function dropIfStale(socket: TServerSocket, error: unknown): void {
  if (error instanceof AppError && error.details === STALE) socket.disconnect(true);
}
