// The server's heartbeat to every socket of the given namespaces (lib/domain/liveness.ts): clients
// treat silence as a lost connection, and learn the server's clock from it. Each heartbeat is acked,
// so the server measures the round trip and sends it with the next one (NTP's half-way assumption,
// lib/domain/clock-offset.ts) without a client→server event of its own.
import "server-only";
import type { Socket } from "socket.io";
import { HEARTBEAT_INTERVAL_MS } from "../../domain/liveness";
import type { TClientToServerEvents, TInterServerEvents, TServerToClientEvents, TSocketData } from "../events";
import type { TIo } from "./io";

type TSocket = Socket<TClientToServerEvents, TServerToClientEvents, TInterServerEvents, TSocketData>;

/** Starts beating (a first beat on connect, so a new screen learns the clock at once); stops when the HTTP server closes. */
export function startHeartbeat(io: TIo, namespaces: readonly string[]): void {
  const rtts = new WeakMap<TSocket, number>();
  const beat = (socket: TSocket) => {
    const sentAt = Date.now();
    // Only this process's sockets: each instance beats for its own (no broadcast through the adapter).
    socket.timeout(HEARTBEAT_INTERVAL_MS * 5).emit("server:heartbeat", { serverTime: sentAt, rttMs: rtts.get(socket) ?? null }, (error: Error | null) => {
      if (!error) rtts.set(socket, Date.now() - sentAt);
    });
  };
  for (const name of namespaces) io.of(name).on("connection", beat);
  const timer = setInterval(() => {
    for (const name of namespaces) for (const socket of io.of(name).sockets.values()) beat(socket);
  }, HEARTBEAT_INTERVAL_MS);
  timer.unref();
  io.httpServer?.once("close", () => clearInterval(timer));
}
