// Opening a share link (the status page, its socket): rate-limited per client IP, with failed
// lookups counted apart so guessing tokens is cut off long before the limit for a whole office
// sharing one address opening a real link.
import "server-only";
import { hit, type TRateLimit } from "../../security/rate-limit";
import { isTokenClientBlocked, recordTokenFailure, TOKEN_FAILURE_LIMIT } from "../../security/token-attempts";
import { resolveShareToken, type TResolvedShareLink } from "./share-links";

export const SHARE_LOOKUP_LIMIT: TRateLimit = { max: 300, windowMs: 60_000 };
export const SHARE_FAILURE_LIMIT: TRateLimit = TOKEN_FAILURE_LIMIT;

export type TShareAccess = { kind: "ok"; link: TResolvedShareLink } | { kind: "invalid" } | { kind: "rate_limited" };

export async function openShareLink(token: unknown, clientIp: string, now = new Date()): Promise<TShareAccess> {
  const ip = clientIp || "unknown";
  if (isTokenClientBlocked("share-link", ip)) return { kind: "rate_limited" };
  if (!hit("share-lookups", SHARE_LOOKUP_LIMIT, ip)) return { kind: "rate_limited" };
  const link = await resolveShareToken(token, now);
  if (!link) {
    recordTokenFailure("share-link", ip);
    return { kind: "invalid" };
  }
  return { kind: "ok", link };
}
