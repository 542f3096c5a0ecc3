// After a revocation has committed: tell every page open on the link, then drop their sockets (on
// every instance, through the adapter). Their reconnects are refused at the handshake.
import { roomForShareLink, STATUS_NAMESPACE } from "../../realtime/events";
import { getIo } from "../../realtime/server/io";

export function disconnectShareLink(linkId: string, reason: "revoked" | "expired" = "revoked"): void {
  const nsp = getIo()?.of(STATUS_NAMESPACE);
  if (!nsp) return;
  nsp.to(roomForShareLink(linkId)).emit("status:revoked", { reason });
  nsp.in(roomForShareLink(linkId)).disconnectSockets(true);
}
