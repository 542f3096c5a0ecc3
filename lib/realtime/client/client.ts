"use client";
// The browser's one Socket.IO connection and the hook that reports its state. Components use the
// hooks here, never the socket directly.
import { useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { TClientToServerEvents, TServerToClientEvents } from "../events";

export type TClientSocket = Socket<TServerToClientEvents, TClientToServerEvents>;
export type TConnectionState = "connecting" | "connected" | "reconnecting" | "offline";

let socket: TClientSocket | undefined;

export function getSocket(): TClientSocket {
  // WebSocket first; tryAllTransports makes HTTP long-polling a real fallback where a proxy refuses
  // the upgrade (without it the client retries WebSocket only). Polling needs sticky sessions when
  // several instances serve Warroom (README: Running several instances).
  socket ??= io({ withCredentials: true, transports: ["websocket", "polling"], tryAllTransports: true });
  return socket;
}

function stateOf(s: TClientSocket, hasConnectedOnce: boolean): TConnectionState {
  if (typeof navigator !== "undefined" && !navigator.onLine) return "offline";
  if (s.connected) return "connected";
  return hasConnectedOnce ? "reconnecting" : "connecting";
}

export function useConnectionState(): TConnectionState {
  const [state, setState] = useState<TConnectionState>("connecting");
  useEffect(() => {
    const s = getSocket();
    let hasConnectedOnce = s.connected;
    let isRefused = false;
    const update = () => setState(isRefused ? "offline" : stateOf(s, hasConnectedOnce));
    const onConnect = () => {
      hasConnectedOnce = true;
      isRefused = false;
      update();
    };
    // The server refuses sockets without a session: retrying will not help until sign-in.
    const onConnectError = (error: Error) => {
      isRefused = error.message === "unauthorized";
      update();
    };
    s.on("connect", onConnect);
    s.on("disconnect", update);
    s.on("connect_error", onConnectError);
    s.io.on("reconnect_attempt", update);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    update();
    return () => {
      s.off("connect", onConnect);
      s.off("disconnect", update);
      s.off("connect_error", onConnectError);
      s.io.off("reconnect_attempt", update);
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);
  return state;
}
