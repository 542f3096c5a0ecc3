// Watches one socket for signs of life (lib/domain/liveness.ts): when it last heard the server, by any
// event or heartbeat, and whether it is connected. Silence on a socket that still looks connected
// (half-open: the network went, nobody told the socket) is ended by dropping the transport, so
// socket.io reconnects by itself and the feeds replay what was missed. Framework-free.
import type { Socket } from "socket.io-client";
import { type TLink, STALE_AFTER_MS } from "../../domain/liveness";
import type { TClientToServerEvents, THeartbeat, TServerToClientEvents } from "../events";
import { recordHeartbeat } from "./server-clock";

type TAnySocket = Socket<TServerToClientEvents, TClientToServerEvents>;

const WATCH_EVERY_MS = 500;

export class LinkMonitor {
  private lastMessageAt: number | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly socket: TAnySocket) {}

  get link(): TLink {
    return {
      isConnected: this.socket.connected,
      isOnline: typeof navigator === "undefined" || navigator.onLine,
      lastMessageAt: this.lastMessageAt,
    };
  }

  /** Called on every change of connection; the screens also re-read `link` as time passes. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Listen; returns the function that stops. */
  start(): () => void {
    const heard = () => {
      this.lastMessageAt = Date.now();
    };
    const changed = () => {
      for (const listener of this.listeners) listener();
    };
    const onConnect = () => {
      heard();
      changed();
    };
    const onHeartbeat = (heartbeat: THeartbeat, ack: () => void) => {
      recordHeartbeat(heartbeat, Date.now());
      if (typeof ack === "function") ack();
    };
    this.socket.on("connect", onConnect);
    this.socket.on("disconnect", changed);
    this.socket.on("server:heartbeat", onHeartbeat);
    this.socket.onAny(heard);
    window.addEventListener("online", changed);
    window.addEventListener("offline", changed);
    if (this.socket.connected) heard();
    const watchdog = setInterval(() => {
      const silentFor = this.lastMessageAt === null ? 0 : Date.now() - this.lastMessageAt;
      if (this.socket.connected && silentFor > STALE_AFTER_MS) {
        // Closing the transport (not the socket) keeps socket.io's own reconnection with backoff.
        this.socket.io.engine?.close();
        changed();
      }
    }, WATCH_EVERY_MS);
    return () => {
      clearInterval(watchdog);
      this.socket.off("connect", onConnect);
      this.socket.off("disconnect", changed);
      this.socket.off("server:heartbeat", onHeartbeat);
      this.socket.offAny(heard);
      window.removeEventListener("online", changed);
      window.removeEventListener("offline", changed);
    };
  }
}
