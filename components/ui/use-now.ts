"use client";
import { useEffect, useState } from "react";

/**
 * The current time, ticking every second. Starts at the server's render time so the first client
 * render matches the HTML (no hydration mismatch), then jumps to the browser clock on mount.
 */
export function useNow(initial: string, intervalMs = 1000): Date {
  const [now, setNow] = useState(() => new Date(initial));
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
