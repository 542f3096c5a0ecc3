// The server's heartbeat to every socket of the given namespaces (lib/domain/liveness.ts): clients
// treat silence as a lost connection, and learn the server's clock from it. Each heartbeat is acked,
// so the server measures the round trip and sends it with the next one (NTP's half-way assumption,
// lib/domain/clock-offset.ts) without a client→server event of its own.
// Each socket still beats once a HEARTBEAT_INTERVAL_MS, but the sockets are spread over SLICES
// phases of the interval: beating a room of 500 at once (500 encodes, writes and ack timers in one
// go) held the event loop for tens of milliseconds every second, and a run event arriving then
// waited behind it (issue 20's tail profile, README "Where the fan-out's time goes").
import "server-only";
import type { Socket } from "socket.io";
import { HEARTBEAT_INTERVAL_MS } from "../../domain/liveness";
import type { TClientToServerEvents, TInterServerEvents, TServerToClientEvents, TSocketData } from "../events";
import type { TIo } from "./io";

type TSocket = Socket<TClientToServerEvents, TServerToClientEvents, TInterServerEvents, TSocketData>;

/** Phases of one interval the sockets are spread over (round robin as they connect). */
export const SLICES = 10;

/** Starts beating (a first beat on connect, so a new screen learns the clock at once); stops when the HTTP server closes. */
export function startHeartbeat(io: TIo, namespaces: readonly string[]): void {
  const rtts = new WeakMap<TSocket, number>();
  const slices = new WeakMap<TSocket, number>();
  let connected = 0;
  const beat = (socket: TSocket) => {
    const sentAt = Date.now();
    // Only this process's sockets: each instance beats for its own (no broadcast through the adapter).
    socket.timeout(HEARTBEAT_INTERVAL_MS * 5).emit("server:heartbeat", { serverTime: sentAt, rttMs: rtts.get(socket) ?? null }, (error: Error | null) => {
      if (!error) rtts.set(socket, Date.now() - sentAt);
    });
  };
  const onConnection = (socket: TSocket) => {
    slices.set(socket, connected++ % SLICES);
    beat(socket);
  };
  for (const name of namespaces) io.of(name).on("connection", onConnection);
  let tick = 0;
  const timer = setInterval(() => {
    const slice = tick++ % SLICES;
    for (const name of namespaces) for (const socket of io.of(name).sockets.values()) if (slices.get(socket) === slice) beat(socket);
  }, HEARTBEAT_INTERVAL_MS / SLICES);
  timer.unref();
  io.httpServer?.once("close", () => clearInterval(timer));
}
