// Opening a share link (the status page, its socket). The link is looked up first, so a live link
// always opens, whatever else came from the same address; a failed lookup counts against the client
// address and the token's prefix (lib/security/failure-limit.ts), and past the limit further
// failures are answered "rate limited" rather than "invalid", which stops a guesser's loop.
import "server-only";
import { credentialPrefix, recordCredentialFailure, TOKEN_FAILURE_LIMIT } from "../../security/failure-limit";
import { resolveShareToken, type TResolvedShareLink } from "./share-links";

export const SHARE_FAILURE_LIMIT = TOKEN_FAILURE_LIMIT;

export type TShareAccess = { kind: "ok"; link: TResolvedShareLink } | { kind: "invalid" } | { kind: "rate_limited"; retryAfterMs: number };

export async function openShareLink(token: unknown, clientIp: string, now = new Date()): Promise<TShareAccess> {
  const link = await resolveShareToken(token, now);
  if (link) return { kind: "ok", link };
  const verdict = recordCredentialFailure("share-link", { address: clientIp || "unknown", credential: credentialPrefix(typeof token === "string" ? token : "") }, SHARE_FAILURE_LIMIT, now.getTime());
  return verdict.isLimited ? { kind: "rate_limited", retryAfterMs: verdict.retryAfterMs } : { kind: "invalid" };
}
