// better-auth configured once per process (cached on globalThis like the Prisma client).
// Email + password only; sign-up is closed: the first admin comes from /setup and admins add
// everyone else (lib/auth/users.ts).
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { db } from "../db/client";
import { runtime } from "../runtime";
import { MIN_PASSWORD_LENGTH } from "./password-length";
import { afterAuthChange } from "./revoke";

/** Header server.ts sets to the client's address (the TCP peer, or through TRUSTED_PROXIES), so a client cannot pick its own rate-limit bucket. */
export const CLIENT_IP_HEADER = "x-warroom-client-ip";

export const ACCOUNT_DISABLED = "This account is disabled — ask an admin";

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
  // The session list answers every session's raw token (a script in a page could take them all);
  // revoking by token and changing a password are not offered either (admins reset passwords with
  // one-time links, which apply the password policy; better-auth's own change checks only the length).
  "/list-sessions",
  "/revoke-session",
  "/revoke-sessions",
  "/revoke-other-sessions",
  "/change-password",
];

function createAuth() {
  const { authSecret, appUrl } = runtime();
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
    databaseHooks: {
      session: {
        // Sign-in checks the password first, so only someone who knows it learns the account is disabled.
        create: {
          before: async (session) => {
            const user = await db().user.findUnique({ where: { id: session.userId }, select: { disabledAt: true } });
            if (user?.disabledAt) throw new APIError("FORBIDDEN", { message: ACCOUNT_DISABLED, code: "ACCOUNT_DISABLED" });
          },
        },
        // Sign-out and revoked sessions: the row's deletion has bumped the epoch (a database rule, same
        // transaction); now drop the user's open sockets everywhere.
        delete: { after: async (session) => afterAuthChange(session.userId) },
      },
    },
    rateLimit: {
      enabled: true,
      window: 60,
      max: 600,
      // Sign-in has a failure limit instead, which counts only wrong passwords (lib/auth/sign-in-limit.ts):
      // a request limit here would refuse the right password after enough wrong ones from one address.
      customRules: { "/sign-in/email": false },
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
