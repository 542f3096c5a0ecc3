// Credentials sent as tokens (a status link's, a metric script's): failed attempts are counted per
// client IP, and an address that keeps failing is refused for the rest of the minute before any
// lookup. A real token is 192–256 random bits, so this is about load and noise, not guessing odds.
import { hit, isAllowed, type TRateLimit } from "./rate-limit";

export const TOKEN_FAILURE_LIMIT: TRateLimit = { max: 30, windowMs: 60_000 };

export type TTokenKind = "share-link" | "metric-token";

export function isTokenClientBlocked(kind: TTokenKind, clientIp: string): boolean {
  return !isAllowed(`${kind}-failures`, TOKEN_FAILURE_LIMIT, clientIp || "unknown");
}

export function recordTokenFailure(kind: TTokenKind, clientIp: string): void {
  hit(`${kind}-failures`, TOKEN_FAILURE_LIMIT, clientIp || "unknown");
}
