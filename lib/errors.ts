// One error type for everything a caller did wrong, with a code that maps to an HTTP status.
// Anything else that escapes is a bug and is reported as a generic 500 that leaks nothing.
import { z } from "zod";

export const ERROR_STATUS = {
  bad_request: 400,
  invalid_input: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  setup_done: 409,
  illegal_transition: 409,
  rate_limited: 429,
  quota_exceeded: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unavailable: 503,
} as const;

export type TErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/**
 * A limit was reached (lib/security/limits.ts): the same call may succeed after `retryAfterMs`.
 * Sockets answer it with `retryAfterMs` beside the message, HTTP with a Retry-After header.
 */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super("rate_limited", message);
    this.name = "RateLimitedError";
  }
}

/** "email: Invalid email address; password: Too small" — one line a person can act on. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}

/** Parse input or throw an invalid_input AppError naming what is wrong. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError("invalid_input", describeZodError(result.error));
  return result.data;
}

export type TErrorBody = { error: { code: TErrorCode | "internal"; message: string; retryAfterMs?: number } };

/** Turn anything thrown into a status and a body that is safe to show. */
export function toErrorResponse(error: unknown): { status: number; body: TErrorBody } {
  if (error instanceof RateLimitedError) {
    return { status: error.status, body: { error: { code: error.code, message: error.message, retryAfterMs: Math.ceil(error.retryAfterMs) } } };
  }
  if (error instanceof AppError) {
    return { status: error.status, body: { error: { code: error.code, message: error.message } } };
  }
  if (error instanceof z.ZodError) {
    return { status: 422, body: { error: { code: "invalid_input", message: describeZodError(error) } } };
  }
  if (isUnstorableText(error)) {
    return { status: 422, body: { error: { code: "invalid_input", message: "The input contains a character that cannot be stored (such as U+0000)." } } };
  }
  if (isDatabaseDown(error)) {
    return { status: 503, body: { error: { code: "unavailable", message: "The database is unavailable; try again shortly." } } };
  }
  if (isOverloaded(error)) {
    return { status: 503, body: { error: { code: "unavailable", message: "Warroom is too busy to take this change now; try again in a moment." } } };
  }
  return { status: 500, body: { error: { code: "internal", message: "Something went wrong on our side." } } };
}

/** PostgreSQL refusing text it cannot store (a NUL byte, an untranslatable character): the caller's input, not our bug. */
function isUnstorableText(error: unknown): boolean {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { code?: string } } } })?.meta?.driverAdapterError?.cause;
  return cause?.code === "22021" || cause?.code === "22P05";
}

// Socket and PostgreSQL codes for a lost server, and Prisma's P1001 (unreachable), P1002 (timed out),
// P1017 (server closed the connection).
const CONNECTION_ERRORS = ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "57P01", "57P03", "08006", "08001", "P1001", "P1002", "P1017"];

/** True when the error, or one it wraps (better-auth wraps Prisma's as `cause`), is a lost database. */
export function isDatabaseDown(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const text = `${(e as { code?: string })?.code ?? ""} ${(e as Error)?.message ?? ""}`;
    if (CONNECTION_ERRORS.some((c) => text.includes(c)) || /Can't reach database server/i.test(text)) return true;
  }
  return false;
}

/**
 * Prisma's P2028 when no connection freed up in time to start a transaction, or when the
 * transaction ran past its timeout on a saturated machine (Prisma rolled it back, so its commit or
 * next query is refused): the server is busy, not broken, and nothing was written; the caller may retry.
 */
export function isOverloaded(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return code === "P2028" && /Unable to start a transaction|on an expired transaction/i.test(message ?? "");
}
