// better-auth configured once per process (cached on globalThis like the Prisma client).
// Email + password only; sign-up is closed: the first admin comes from /setup and admins add
// everyone else (lib/auth/users.ts).
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { db } from "../db/client";
import { runtime } from "../runtime";

/** Header server.ts sets from the TCP peer, so a client cannot pick its own rate-limit bucket. */
export const CLIENT_IP_HEADER = "x-warroom-client-ip";

export const MIN_PASSWORD_LENGTH = 10;

export const UNUSED_AUTH_PATHS = [
  "/sign-up/email",
  "/sign-in/social",
  "/link-social",
  "/unlink-account",
  "/list-accounts",
  "/account-info",
  "/get-access-token",
  "/refresh-token",
  "/update-user",
  "/update-session",
  "/change-email",
  "/delete-user",
  "/delete-user/callback",
  "/request-password-reset",
  "/reset-password",
  "/send-verification-email",
  "/verify-email",
  "/verify-password",
];

function createAuth() {
  const { authSecret, appUrl, signInRateLimit } = runtime();
  return betterAuth({
    secret: authSecret,
    baseURL: appUrl,
    trustedOrigins: [appUrl],
    database: prismaAdapter(db(), { provider: "postgresql" }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: MIN_PASSWORD_LENGTH },
    // better-auth's endpoints Warroom does not use answer 404: less surface (profile and email
    // changes, social sign-in, password reset by email, account deletion).
    disabledPaths: UNUSED_AUTH_PATHS,
    user: {
      additionalFields: {
        role: { type: "string", required: false, defaultValue: "member", input: false },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      window: 60,
      max: 600,
      customRules: { "/sign-in/email": { window: 60, max: signInRateLimit } },
    },
    advanced: {
      useSecureCookies: appUrl.startsWith("https://"),
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    plugins: [nextCookies()],
  });
}

export type TAuth = ReturnType<typeof createAuth>;

const store = globalThis as typeof globalThis & { __warroomAuth?: TAuth };

export function auth(): TAuth {
  store.__warroomAuth ??= createAuth();
  return store.__warroomAuth;
}
