// After a status link's revocation (or expiry) has committed: tell every page open on it, then drop
// their sockets on every instance, through the adapter. Their reconnects are refused at the handshake.
// With broadcast.ts, the only way features reach sockets: status-link pages, a user's sockets, the
// workspace's locks and freezes, and the instance count.
import "server-only";
import { roomForShareLink, roomForUser, STATUS_NAMESPACE, WORKSPACE_ROOM, type TWorkspaceGuards } from "../realtime/events";
import { getIo } from "../realtime/server/io";

export function disconnectShareLink(linkId: string, reason: "revoked" | "expired" = "revoked"): void {
  const nsp = getIo()?.of(STATUS_NAMESPACE);
  if (!nsp) return;
  nsp.to(roomForShareLink(linkId)).emit("status:revoked", { reason });
  nsp.in(roomForShareLink(linkId)).disconnectSockets(true);
}

/** How many instances share the adapter (the metrics monitor splits runs between them); null: unknown yet. */
export async function instanceCount(): Promise<number | null> {
  const adapter = getIo()?.of("/").adapter;
  return adapter ? adapter.serverCount() : null;
}

/**
 * After a change to a user's powers has committed (role, sign-out, revoked session, disable): tell
 * every instance to forget its cached copy, then drop the user's sockets everywhere. Their reconnects
 * go through the handshake again, with the new role or not at all.
 */
export function disconnectUser(userId: string): void {
  const io = getIo();
  if (!io) return;
  io.in(roomForUser(userId)).disconnectSockets(true);
  // Only a cluster adapter carries server-side events (the in-memory one warns on each call).
  void io
    .of("/")
    .adapter.serverCount()
    .then((count) => count > 1 && io.serverSideEmit("user:auth-changed", userId));
}

/** After a lock or freeze changed: every runs list open, on every instance (through the adapter). */
export function broadcastWorkspaceGuards(guards: TWorkspaceGuards): void {
  getIo()?.to(WORKSPACE_ROOM).emit("guards:changed", guards);
}
