"use client";
// The control tower's live board: joins the tower's room on the browser's one socket and reads the
// whole board again whenever the server says something on it changed (and after every reconnect, so
// nothing missed while away stays missed). At most one read in flight; changes arriving meanwhile
// cause one more read, not one each.
import { useEffect, useState } from "react";
import type { TTowerBoard } from "../../domain/tower";
import { getSocket } from "./client";

const READ_TIMEOUT_MS = 8000;
const RETRY_MS = 2000;

export type TTowerLive = { board: TTowerBoard; error: string | null };

export function useTowerLive(initial: TTowerBoard): TTowerLive {
  const [board, setBoard] = useState(initial);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const socket = getSocket();
    let isReading = false;
    let isWanted = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const read = () => {
      if (isReading) {
        isWanted = true;
        return;
      }
      isReading = true;
      isWanted = false;
      socket.timeout(READ_TIMEOUT_MS).emit("tower:join", {}, (timedOut, reply) => {
        isReading = false;
        if (timedOut || "error" in reply) {
          const wait = !timedOut && "error" in reply ? (reply.error.retryAfterMs ?? RETRY_MS) : RETRY_MS;
          if (!timedOut && "error" in reply && reply.error.code !== "rate_limited") setError(reply.error.message);
          clearTimeout(retry);
          if (socket.connected) retry = setTimeout(read, wait);
          return;
        }
        setError(null);
        setBoard(reply.data);
        if (isWanted) read();
      });
    };
    socket.on("connect", read);
    socket.on("tower:changed", read);
    if (socket.connected) read();
    return () => {
      clearTimeout(retry);
      socket.off("connect", read);
      socket.off("tower:changed", read);
      socket.emit("tower:leave");
    };
  }, []);

  return { board, error };
}
