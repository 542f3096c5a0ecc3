// Standard Webhooks signing (https://www.standardwebhooks.com/) with the reference library: a secret
// `whsec_` + base64 of 32 random bytes, made by Warroom and shown once; each request carries
// webhook-id (the delivery's id, the same on every retry so a receiver can drop repeats),
// webhook-timestamp and webhook-signature over "{id}.{timestamp}.{body}".
import "server-only";
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

export const newSigningSecret = (): string => `whsec_${randomBytes(32).toString("base64")}`;

export function signatureHeaders(secret: string, messageId: string, body: string, at: Date): Record<string, string> {
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(messageId, at, body),
  };
}
