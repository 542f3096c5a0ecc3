// Builds the Socket.IO server on an existing HTTP server: origin check, session authentication,
// and the handlers per feature. Used by server.ts and by the integration tests alike.
import type { Server as HttpServer } from "node:http";
import { Server, type ServerOptions } from "socket.io";
import type { TSessionUser } from "../../auth/session";
import type { TClientToServerEvents, TInterServerEvents, TServerToClientEvents, TSocketData } from "../events";
import type { TIo } from "./io";
import { isAllowedOrigin } from "./origin";
import { registerCommandHandlers } from "../../wiring/socket-commands";
import { registerRunHandlers } from "./run-handlers";
import { registerStatusNamespace } from "../../share/server/status-socket";
import { registerTokenHandlers } from "../../wiring/token-commands";

export type TRealtimeDeps = {
  allowedOrigins: string[];
  /** Resolves the user from the handshake's cookie; null refuses the connection. */
  authenticate: (headers: Headers) => Promise<TSessionUser | null>;
  /** How broadcasts reach other instances (lib/realtime/adapter.ts); omitted: this process only. */
  adapter?: ServerOptions["adapter"];
};

export function createRealtimeServer(httpServer: HttpServer, deps: TRealtimeDeps): TIo {
  const io = new Server<TClientToServerEvents, TServerToClientEvents, TInterServerEvents, TSocketData>(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
    allowRequest: (req, callback) => {
      callback(null, isAllowedOrigin(req.headers.origin, req.headers.host, deps.allowedOrigins));
    },
  });

  io.use(async (socket, next) => {
    try {
      const headers = new Headers();
      const cookie = socket.handshake.headers.cookie;
      if (cookie) headers.set("cookie", cookie);
      const user = await deps.authenticate(headers);
      if (!user) return next(new Error("unauthorized"));
      socket.data.user = { id: user.id, name: user.name, role: user.role };
      next();
    } catch {
      next(new Error("unavailable"));
    }
  });

  io.on("connection", (socket) => {
    socket.emit("session:ready", { user: socket.data.user });
    registerRunHandlers(io, socket);
    registerCommandHandlers(socket);
    registerTokenHandlers(socket);
  });
  // Stakeholder status links: their own namespace, authenticated by the link, read-only.
  registerStatusNamespace(io);

  return io;
}
