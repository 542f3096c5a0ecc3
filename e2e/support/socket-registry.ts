// The socket events a server really listens to, read off freshly connected server-side sockets of
// both namespaces (the war room's and the status links'): the registry the authorization matrix and
// the fuzz test are checked against, so a new handler cannot slip past them.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Socket as ServerSocket } from "socket.io";
import { io as connect } from "socket.io-client";
import { userFromHeaders } from "../../lib/auth/session";
import { STATUS_NAMESPACE } from "../../lib/realtime/events";
import { createSocketServer } from "../../lib/wiring/socket-server";

/** Socket.IO's and Node's own event names, not Warroom's. */
const RESERVED_EVENTS = new Set(["disconnect", "disconnecting", "error", "newListener", "removeListener"]);

export type TSocketRegistry = { main: string[]; status: string[] };

/** Needs a signed-in account's cookie and a live share-link token (the handshakes check both). */
export async function discoverSocketEvents(credentials: { cookie: string; shareToken: string }): Promise<TSocketRegistry> {
  const httpServer = createServer();
  const io = createSocketServer(httpServer, { allowedOrigins: [], authenticate: userFromHeaders });
  const seen: TSocketRegistry = { main: [], status: [] };
  const names = (s: ServerSocket) => s.eventNames().map(String).filter((e) => !RESERVED_EVENTS.has(e)).sort();
  const main = new Promise<void>((resolve) => io.once("connection", (s: ServerSocket) => ((seen.main = names(s)), resolve())));
  const status = new Promise<void>((resolve) => io.of(STATUS_NAMESPACE).once("connection", (s: ServerSocket) => ((seen.status = names(s)), resolve())));
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const a = connect(url, { transports: ["websocket"], forceNew: true, extraHeaders: { cookie: credentials.cookie } });
  const b = connect(`${url}${STATUS_NAMESPACE}`, { transports: ["websocket"], forceNew: true, auth: { token: credentials.shareToken } });
  try {
    await Promise.all([main, status]);
    // The handlers are registered in the same tick as "connection"; give async registrations a turn too.
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    a.close();
    b.close();
    await new Promise((resolve) => io.close(resolve));
  }
  return seen;
}
