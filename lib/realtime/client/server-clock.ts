"use client";
// The server's clock as this browser reads it: every countdown on every screen is computed against
// it, so a bridge PC or a phone whose clock is minutes off shows the war room's countdowns. Learnt
// from the heartbeats of whichever socket the page has (lib/realtime/client/link-monitor.ts).
import { useEffect, useState } from "react";
import { addClockSample, clockOffset, clockSample, type TClockSample } from "../../domain/clock-offset";
import type { THeartbeat } from "../events";

let samples: TClockSample[] = [];
let offsetMs = 0;
const listeners = new Set<() => void>();

export function recordHeartbeat(heartbeat: THeartbeat, receivedAt: number): void {
  samples = addClockSample(samples, clockSample(heartbeat.serverTime, heartbeat.rttMs, receivedAt));
  const next = clockOffset(samples);
  if (next === offsetMs) return;
  offsetMs = next;
  for (const listener of listeners) listener();
}

/** Converts a time read off this browser's clock (ms) to the server's. */
export function toServerTime(browserTime: number): number {
  return browserTime + offsetMs;
}

/**
 * The server's current time, ticking every `intervalMs`. Starts at the server's render time so the
 * first client render matches the HTML (no hydration mismatch); `frozenAt` (server ms) holds it
 * still, for a screen that has lost its connection and must not count down as if it knew.
 */
export function useServerNow(renderedAt: string, options: { intervalMs?: number; frozenAt?: number | null } = {}): Date {
  const { intervalMs = 1000, frozenAt = null } = options;
  const [now, setNow] = useState(() => new Date(renderedAt));
  useEffect(() => {
    if (frozenAt !== null) {
      setNow(new Date(frozenAt));
      return;
    }
    const tick = () => setNow(new Date(toServerTime(Date.now())));
    tick();
    const timer = setInterval(tick, intervalMs);
    listeners.add(tick);
    return () => {
      clearInterval(timer);
      listeners.delete(tick);
    };
  }, [intervalMs, frozenAt]);
  return now;
}
