// Opening a share link (the status page, its socket): rate-limited per client IP, with failed
// lookups counted apart so guessing tokens is cut off long before the limit for a whole office
// sharing one address opening a real link.
import { hit, isAllowed, type TRateLimit } from "../security/rate-limit";
import { resolveShareToken, type TResolvedShareLink } from "./share-links";

export const SHARE_LOOKUP_LIMIT: TRateLimit = { max: 300, windowMs: 60_000 };
export const SHARE_FAILURE_LIMIT: TRateLimit = { max: 30, windowMs: 60_000 };

export type TShareAccess = { kind: "ok"; link: TResolvedShareLink } | { kind: "invalid" } | { kind: "rate_limited" };

export async function openShareLink(token: unknown, clientIp: string, now = new Date()): Promise<TShareAccess> {
  const ip = clientIp || "unknown";
  if (!isAllowed("share-failures", SHARE_FAILURE_LIMIT, ip)) return { kind: "rate_limited" };
  if (!hit("share-lookups", SHARE_LOOKUP_LIMIT, ip)) return { kind: "rate_limited" };
  const link = await resolveShareToken(token, now);
  if (!link) {
    hit("share-failures", SHARE_FAILURE_LIMIT, ip);
    return { kind: "invalid" };
  }
  return { kind: "ok", link };
}
