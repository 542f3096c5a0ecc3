// Failure limits for credentials: metric tokens and API keys, status links, sign-in. A credential
// that validates is never refused by them — the credential is checked first and only a failure is
// counted, per client address and per credential prefix (a token's first characters, a sign-in's
// account) — so a flood of bad attempts from an office's shared address, or with a revoked token's
// prefix, cannot lock the real credential out. Past the limit, further failures are answered 429
// with when to try again instead of 401, which tells a misconfigured script to stop.
import { take, type TRateLimit } from "./rate-limit";

export const TOKEN_FAILURE_LIMIT: TRateLimit = { max: 30, windowMs: 60_000 };

export type TCredentialKind = "share-link" | "metric-token" | "api-key" | "sign-in";

export type TFailureVerdict = { isLimited: false } | { isLimited: true; retryAfterMs: number };

/** The part of a presented token failures are counted under: as much as Warroom shows of a real one (wrm_ + 6). */
export const CREDENTIAL_PREFIX_CHARS = 10;

export function credentialPrefix(secret: string): string {
  return secret.slice(0, CREDENTIAL_PREFIX_CHARS);
}

/** Counts a failed attempt under its address and its credential; says whether either is past the limit. */
export function recordCredentialFailure(
  kind: TCredentialKind,
  attempt: { address: string; credential: string },
  limit: TRateLimit = TOKEN_FAILURE_LIMIT,
  now = Date.now(),
): TFailureVerdict {
  const byAddress = take(`${kind}-failures-by-address`, limit, attempt.address || "unknown", now);
  const byCredential = take(`${kind}-failures-by-credential`, limit, attempt.credential, now);
  const waits = [byAddress, byCredential].flatMap((t) => (t.isAllowed ? [] : [t.retryAfterMs]));
  return waits.length ? { isLimited: true, retryAfterMs: Math.max(...waits) } : { isLimited: false };
}

/** Whole seconds for a Retry-After header (at least 1). */
export const retryAfterSeconds = (ms: number) => String(Math.max(1, Math.ceil(ms / 1000)));
