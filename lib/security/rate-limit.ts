// Fixed-window counters per key (a client IP), bounded in memory. Kept on globalThis because the
// socket server (server.ts's modules) and the pages (Next's bundles) load separate copies of this
// file: one process, one count.

export type TRateLimit = { max: number; windowMs: number };

type TWindow = { startedAt: number; count: number };

/** Past this many tracked keys, expired windows are swept; a flood of fresh keys cannot grow memory without bound. */
const MAX_KEYS = 10_000;

const store = globalThis as typeof globalThis & { __warroomRateLimits?: Map<string, Map<string, TWindow>> };

function windows(name: string): Map<string, TWindow> {
  store.__warroomRateLimits ??= new Map();
  let map = store.__warroomRateLimits.get(name);
  if (!map) {
    map = new Map();
    store.__warroomRateLimits.set(name, map);
  }
  return map;
}

function sweep(map: Map<string, TWindow>, limit: TRateLimit, now: number): void {
  for (const [key, w] of map) if (now - w.startedAt >= limit.windowMs) map.delete(key);
  // Still full of live windows: forget the oldest half rather than grow.
  if (map.size >= MAX_KEYS) [...map.keys()].slice(0, Math.ceil(map.size / 2)).forEach((k) => map.delete(k));
}

function current(name: string, limit: TRateLimit, key: string, now: number): TWindow {
  const map = windows(name);
  let w = map.get(key);
  if (!w || now - w.startedAt >= limit.windowMs) {
    if (!w && map.size >= MAX_KEYS) sweep(map, limit, now);
    w = { startedAt: now, count: 0 };
    map.set(key, w);
  }
  return w;
}

/** Counts one attempt; false once the key has used up its window. */
export function hit(name: string, limit: TRateLimit, key: string, now = Date.now()): boolean {
  return take(name, limit, key, now).isAllowed;
}

export type TTake = { isAllowed: true } | { isAllowed: false; retryAfterMs: number };

/** Counts one attempt; when it is over the limit, also how long until the key's window starts afresh. */
export function take(name: string, limit: TRateLimit, key: string, now = Date.now()): TTake {
  const w = current(name, limit, key, now);
  w.count += 1;
  return w.count <= limit.max ? { isAllowed: true } : { isAllowed: false, retryAfterMs: Math.max(1, w.startedAt + limit.windowMs - now) };
}

/** How much of the key's window is used, and how long until it starts afresh; counts nothing. */
export function usage(name: string, limit: TRateLimit, key: string, now = Date.now()): { count: number; resetsInMs: number } {
  const w = current(name, limit, key, now);
  return { count: w.count, resetsInMs: Math.max(1, w.startedAt + limit.windowMs - now) };
}

/** Counts `amount` attempts at once (after `usage` said they fit). */
export function spend(name: string, limit: TRateLimit, key: string, amount: number, now = Date.now()): void {
  current(name, limit, key, now).count += amount;
}

/** Whether the key has attempts left, without counting one. */
export function isAllowed(name: string, limit: TRateLimit, key: string, now = Date.now()): boolean {
  return current(name, limit, key, now).count < limit.max;
}

/** Tests only: forget every count. */
export function resetRateLimits(): void {
  store.__warroomRateLimits?.clear();
}
