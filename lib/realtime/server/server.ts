// Builds the Socket.IO server on an existing HTTP server: origin check and session authentication.
// What sockets may do is handed in by the server wiring (lib/wiring/socket-server.ts): this folder
// knows sockets, rooms and presence, and no feature.
import "server-only";
import type { Server as HttpServer } from "node:http";
import { Server, type ServerOptions, type Socket } from "socket.io";
import { can } from "../../domain/roles";
import { roomForUser, WORKSPACE_ROOM, type TClientToServerEvents, type TInterServerEvents, type TServerToClientEvents, type TSocketData, type TSocketUser } from "../events";
import type { TIo } from "./io";
import { isAllowedOrigin } from "./origin";

export type TServerSocket = Socket<TClientToServerEvents, TServerToClientEvents, TInterServerEvents, TSocketData>;

export type TRealtimeDeps = {
  allowedOrigins: string[];
  /**
   * Resolves the user from the handshake's cookie, with the authorization epoch and session expiry
   * the socket is granted with (checked again before each command); null refuses the connection.
   */
  authenticate: (headers: Headers) => Promise<(TSocketUser & { epoch: number; sessionExpiresAt: number }) | null>;
  /** How broadcasts reach other instances (lib/realtime/server/adapter.ts); omitted: this process only. */
  adapter?: ServerOptions["adapter"];
  /** Registers what an authenticated socket of the main namespace may do. */
  onConnection: (io: TIo, socket: TServerSocket) => void;
  /** Registers other namespaces (the status links'). */
  namespaces?: (io: TIo) => void;
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
      socket.data.grant = { epoch: user.epoch, sessionExpiresAt: user.sessionExpiresAt };
      next();
    } catch {
      next(new Error("unavailable"));
    }
  });

  io.on("connection", (socket) => {
    // Joined before anything else, so a revocation that reaches this user reaches this socket.
    void socket.join(roomForUser(socket.data.user.id));
    // A role change disconnects the socket, so this membership follows the role.
    if (can(socket.data.user.role, "runs.read")) void socket.join(WORKSPACE_ROOM);
    socket.emit("session:ready", { user: socket.data.user });
    deps.onConnection(io, socket);
  });
  deps.namespaces?.(io);

  return io;
}
