// Share-link tokens: 192 random bits, shown once; only their SHA-256 is stored. A fast hash is right
// here (unlike passwords): the token is already unguessable, so there is nothing to slow down.
import "server-only";
import { createHash, randomBytes } from "node:crypto";

const TOKEN_BYTES = 24;
/** base64url of 24 bytes: exactly 32 characters from [A-Za-z0-9_-]. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

export function newShareToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

export function hashShareToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Cheap shape check before any database lookup: garbage never reaches a query. */
export function isWellFormedToken(token: unknown): token is string {
  return typeof token === "string" && TOKEN_PATTERN.test(token);
}
