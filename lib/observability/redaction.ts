// What never reaches a log line. Two layers: pino's redact paths censor fields by name (a caller
// that logs `{ headers }` or `{ webhook: { secret } }` by mistake), and scrubSecrets rewrites the
// secrets that hide inside text (a connection string in a driver's error message, a bearer token
// echoed in an exception). Tested in lib/log.test.ts.

export const REDACTED = "[redacted]";

/** Field names whose value is a secret wherever they appear (top level, or one or two levels down). */
export const SECRET_FIELDS = [
  "password",
  "newPassword",
  "currentPassword",
  "token",
  "tokenHash",
  "secret",
  "authSecret",
  "apiKey",
  "authorization",
  "cookie",
  "set-cookie",
  "credentials",
  "databaseUrl",
  "redisUrl",
] as const;

const segment = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`);

/** pino's redact paths: each secret field at the top level, under any key, and two levels down. */
export const REDACT_PATHS: string[] = SECRET_FIELDS.flatMap((key) => {
  const tail = segment(key);
  return [tail.startsWith(".") ? key : tail, `*${tail}`, `*.*${tail}`];
});

// scheme://user:password@host → scheme://user:[redacted]@host (DATABASE_URL, REDIS_URL in error
// text); one already masked by redactUrl (user:***@) is left as it is.
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*):(?!\*\*\*@)[^\s@/]+@/gi;
// "Bearer <anything>" as a header value would read, and Warroom's own API keys (wrm_…).
const BEARER = /\b(Bearer\s+)[^\s"',;]+/gi;
const API_KEY = /\bwrm_[A-Za-z0-9_-]{8,}/g;
// Tokens carried in a query string (set-password links, status-link lookups).
const QUERY_TOKEN = /([?&](?:token|secret|password|key)=)[^&\s"']+/gi;

export function scrubSecrets(text: string): string {
  return text
    .replace(URL_PASSWORD, `$1:${REDACTED}@`)
    .replace(BEARER, `$1${REDACTED}`)
    .replace(API_KEY, `wrm_${REDACTED}`)
    .replace(QUERY_TOKEN, `$1${REDACTED}`);
}

const MAX_DEPTH = 6;

/** Every string in a log line's fields, scrubbed (objects and arrays walked, a few levels deep). */
export function scrubFields<T>(value: T, depth = 0): T {
  if (typeof value === "string") return scrubSecrets(value) as T;
  if (value === null || typeof value !== "object" || depth >= MAX_DEPTH) return value;
  if (value instanceof Error) return { name: value.name, message: scrubSecrets(value.message) } as T;
  if (Array.isArray(value)) return value.map((item) => scrubFields(item, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = scrubFields(item, depth + 1);
  return out as T;
}
