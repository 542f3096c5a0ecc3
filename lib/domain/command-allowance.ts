// How many socket commands a socket (or a user's sockets together) may send: a token bucket for the
// rate (`perSecond`, up to `burst` at once) and a cap on commands awaiting their answer (`inFlight`).
// A command starts only if every allowance it falls under has room, and then costs each of them one.
// Pure: the clock is passed in, allowances are values.

export type TAllowanceLimits = { perSecond: number; burst: number; inFlight: number };
export type TAllowance = { tokens: number; refilledAt: number; inFlight: number };

export type TAdmission =
  | { isAdmitted: true; next: TAllowance[] }
  | { isAdmitted: false; reason: "rate" | "in_flight"; retryAfterMs: number };

/** How soon to try again when only answers to earlier commands can make room. */
export const IN_FLIGHT_RETRY_MS = 250;

export const freshAllowance = (limits: TAllowanceLimits, now: number): TAllowance => ({ tokens: limits.burst, refilledAt: now, inFlight: 0 });

export function refilled(allowance: TAllowance, limits: TAllowanceLimits, now: number): TAllowance {
  const elapsed = Math.max(0, now - allowance.refilledAt);
  return { ...allowance, tokens: Math.min(limits.burst, allowance.tokens + (elapsed / 1000) * limits.perSecond), refilledAt: now };
}

export function admit(entries: readonly { allowance: TAllowance; limits: TAllowanceLimits }[], now: number): TAdmission {
  const current = entries.map(({ allowance, limits }) => ({ allowance: refilled(allowance, limits, now), limits }));
  const busy = current.find(({ allowance, limits }) => allowance.inFlight >= limits.inFlight);
  if (busy) return { isAdmitted: false, reason: "in_flight", retryAfterMs: IN_FLIGHT_RETRY_MS };
  const waits = current.filter(({ allowance }) => allowance.tokens < 1).map(({ allowance, limits }) => Math.ceil(((1 - allowance.tokens) / limits.perSecond) * 1000));
  if (waits.length) return { isAdmitted: false, reason: "rate", retryAfterMs: Math.max(...waits) };
  return { isAdmitted: true, next: current.map(({ allowance }) => ({ ...allowance, tokens: allowance.tokens - 1, inFlight: allowance.inFlight + 1 })) };
}

/** A command was answered: its place in flight is free again. */
export const released = (allowance: TAllowance): TAllowance => ({ ...allowance, inFlight: Math.max(0, allowance.inFlight - 1) });

/** Nothing in flight and the bucket full again: the allowance says nothing a fresh one would not. */
export const isIdle = (allowance: TAllowance, limits: TAllowanceLimits, now: number): boolean =>
  allowance.inFlight === 0 && refilled(allowance, limits, now).tokens >= limits.burst;
