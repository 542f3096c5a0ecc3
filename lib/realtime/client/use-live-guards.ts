"use client";
// The workspace's locks and freezes on a page that lists runs: as rendered, then as every change
// arrives (guards:changed to the workspace room, lib/timeline/sockets.ts), and judged against a clock
// that moves, since a freeze window starts and ends with time alone.
import { useEffect, useState } from "react";
import type { TWorkspaceGuards } from "../events";
import { getSocket } from "./client";

/** A freeze's edge shows within this long without a reload. */
const REJUDGE_EVERY_MS = 15_000;

export function useLiveGuards(initial: TWorkspaceGuards & { now: number }): TWorkspaceGuards & { now: number } {
  const [guards, setGuards] = useState<TWorkspaceGuards>(initial);
  // The render's time first, so the page hydrates as the server drew it.
  const [now, setNow] = useState(initial.now);
  useEffect(() => {
    const socket = getSocket();
    socket.on("guards:changed", setGuards);
    const timer = setInterval(() => setNow(Date.now()), REJUDGE_EVERY_MS);
    return () => {
      socket.off("guards:changed", setGuards);
      clearInterval(timer);
    };
  }, []);
  return { locks: guards.locks, freezes: guards.freezes, now };
}
