// After a status link's revocation (or expiry) has committed: tell every page open on it, then drop
// their sockets on every instance, through the adapter. Their reconnects are refused at the handshake.
// With broadcast.ts, the only way features reach sockets: status-link pages and the instance count.
import "server-only";
import { roomForShareLink, STATUS_NAMESPACE } from "../realtime/events";
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
