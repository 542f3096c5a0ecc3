// Cross-site WebSocket hijacking guard: a browser handshake must come from our own origin.
// Non-browser clients send no Origin; they still need a valid session cookie.

export function isAllowedOrigin(origin: string | undefined, host: string | undefined, allowed: string[]): boolean {
  if (!origin) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (allowed.some((a) => safeOrigin(a) === parsed.origin)) return true;
  // Same-origin: the page was served by this very host (covers any port or hostname users open).
  return host !== undefined && parsed.host === host;
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
