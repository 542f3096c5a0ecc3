// What one try's answer means for each kind: delivered, worth another try (and how long to wait at
// least), or final, with a reason a lead can act on. Only the status and the Retry-After header are
// read; a receiver's body never is. Pure.
import { describeAttempt, isRetryable, type TAttemptResult } from "../webhook-payload";
import type { TDestinationKind } from "./kinds";

export type TVerdict = { kind: "delivered" } | { kind: "retry"; reason: string; waitAtLeastMs: number } | { kind: "final"; reason: string };

/** A Retry-After longer than this is not waited out in one go: the next try comes after this and may be told again. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Retry-After in seconds (RFC 9110: delay-seconds or an HTTP date), in ms, capped; null when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  const seconds = /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  return Number.isFinite(seconds) ? Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.ceil(seconds))) : null;
}

/** How each kind names a final HTTP refusal, beyond the status. */
function refusal(kind: TDestinationKind, status: number): string {
  if (status === 404 && kind === "discord") return `HTTP 404: the Discord webhook no longer exists (not retried)`;
  if (status === 400 && kind === "pagerduty") return `HTTP 400: PagerDuty refused the event (check the routing key; not retried)`;
  if (status === 401 || status === 403) return `HTTP ${status}: refused (check the address or key; not retried)`;
  if (status === 404 || status === 410) return `HTTP ${status}: no such webhook (not retried)`;
  if (status === 413) return `HTTP 413: the message was too large (not retried)`;
  return `HTTP ${status}: refused (not retried)`;
}

export function judgeAttempt(kind: TDestinationKind, result: TAttemptResult, retryAfter: string | null, now: number): TVerdict {
  if (result.kind === "ok") return { kind: "delivered" };
  // The two announcement formats keep their words ("HTTP 500", "connection refused").
  if (kind === "slack" || kind === "json") {
    return isRetryable(result) ? { kind: "retry", reason: describeAttempt(result), waitAtLeastMs: 0 } : { kind: "final", reason: describeAttempt(result) };
  }
  if (result.kind === "refused") return { kind: "final", reason: describeAttempt(result) };
  if (result.kind !== "http") return { kind: "retry", reason: describeAttempt(result), waitAtLeastMs: 0 };
  const { status } = result;
  if (status === 429) return { kind: "retry", reason: "HTTP 429: rate limited", waitAtLeastMs: retryAfterMs(retryAfter, now) ?? 0 };
  if (status === 408 || status >= 500) return { kind: "retry", reason: `HTTP ${status}: the service failed`, waitAtLeastMs: retryAfterMs(retryAfter, now) ?? 0 };
  if (status >= 300 && status < 400) return { kind: "final", reason: describeAttempt(result) };
  return { kind: "final", reason: refusal(kind, status) };
}
