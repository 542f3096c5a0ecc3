// Identical reads asked for at the same moment share one query. When a poll closes, hundreds of
// pipelines ask for the same run's gate with the same API key within a second; each asking the
// database on its own queued 1,500 queries behind a 10-connection pool, and the lead's own vote then
// found no connection in time ("too busy"; see the README's bench:gate). Sharing only what is in
// flight caches nothing: every answer is as fresh as a query started after the request arrived.
import "server-only";

const inFlight = new Map<string, Promise<unknown>>();

/** `read()` once for every caller asking for `key` while it is under way. */
export function sharedRead<T>(key: string, read: () => Promise<T>): Promise<T> {
  const running = inFlight.get(key);
  if (running) return running as Promise<T>;
  const started = read().finally(() => inFlight.delete(key));
  inFlight.set(key, started);
  return started;
}
