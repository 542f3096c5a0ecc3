"use client";
// Where one command sent from a panel stands (the poll's votes): "waiting to send" while the
// connection is down (socket.io holds the command until it is back), then "Sent" for a moment if it
// had to wait, or "Refused" with why. A disabled, faded button said none of this.
import { useCallback, useEffect, useRef, useState } from "react";
import { useConnectionState } from "@/lib/realtime/client/client";
import type { TAck } from "@/lib/realtime/events";
import { SENT_SHOWN_MS, type TSendState } from "./send-state-note";

export function useSendState() {
  const connection = useConnectionState();
  const [phase, setPhase] = useState<"idle" | "pending" | "sent" | { refused: string }>("idle");
  const hasWaited = useRef(false);
  const isConnected = connection === "connected";

  useEffect(() => {
    if (phase === "pending" && !isConnected) hasWaited.current = true;
  }, [phase, isConnected]);

  useEffect(() => {
    if (phase !== "sent") return;
    const timer = setTimeout(() => setPhase("idle"), SENT_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [phase]);

  /** Sends through `send` and records how it went; resolves to the reply. */
  const track = useCallback(async <T,>(send: () => Promise<TAck<T>>): Promise<TAck<T>> => {
    hasWaited.current = !isConnected;
    setPhase("pending");
    const reply = await send();
    if ("error" in reply) setPhase({ refused: reply.error.message });
    else setPhase(hasWaited.current ? "sent" : "idle");
    return reply;
  }, [isConnected]);

  const state: TSendState | undefined =
    phase === "idle" ? undefined
    : phase === "pending" ? { kind: isConnected ? "sending" : "waiting" }
    : phase === "sent" ? { kind: "sent" }
    : { kind: "refused", reason: phase.refused };
  return { state, track };
}
