// Whether a live screen may still claim to be live. A socket can look connected while nothing
// arrives (a half-open connection: Wi-Fi gone, a proxy holding the socket), so silence counts as much
// as a disconnect: the server sends a heartbeat every HEARTBEAT_INTERVAL_MS, and a screen that has
// heard nothing for longer than STALE_AFTER_MS says so. Pure: the clock is passed in.

/** How often the server says it is there (lib/realtime/server/heartbeat.ts). */
export const HEARTBEAT_INTERVAL_MS = 1000;

/**
 * Silence longer than this is a lost connection: three heartbeats missed, so a late one on a busy
 * server is not a false alarm, and a screen re-judging twice a second says so within 4 s of the loss
 * (the promise is 5 s; the rest is room for a loaded browser).
 */
export const STALE_AFTER_MS = 3 * HEARTBEAT_INTERVAL_MS;

export type TLink = {
  isConnected: boolean;
  /** The browser's own verdict (navigator.onLine): false is believed at once. */
  isOnline: boolean;
  /** Browser time (ms) of the last message from the server; null before the first one. */
  lastMessageAt: number | null;
};

export type TLiveness =
  | { state: "connecting" }
  | { state: "live" }
  /** `ageMs`: time since the last message, as this screen's own clock measures it. */
  | { state: "stale"; lastMessageAt: number; ageMs: number };

export function liveness(link: TLink, now: number): TLiveness {
  if (link.lastMessageAt === null) return { state: "connecting" };
  // A browser clock set back can put the last message in the future: it was just now.
  const ageMs = Math.max(0, now - link.lastMessageAt);
  const isStale = !link.isConnected || !link.isOnline || ageMs > STALE_AFTER_MS;
  return isStale ? { state: "stale", lastMessageAt: link.lastMessageAt, ageMs } : { state: "live" };
}
