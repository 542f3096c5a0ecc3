// One-time links an admin issues instead of choosing anyone's password: an invite (a new account
// sets its first password) or a password reset. The secret is shown once, in the link; only its
// SHA-256 is stored, so a database reader cannot use an outstanding link. A link works once and
// expires (72 h by default); issuing a new one for the same user voids the older ones.
import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import { db } from "../db/client";
import { can } from "../domain/roles";
import { AppError, parseInput } from "../errors";
import { ACCESS_LINK_TTL_HOURS } from "./access-link-ttl";
import { ZPassword } from "./password-policy";
import { afterAuthChange } from "./revoke";
import type { TActor } from "./users";

export { ACCESS_LINK_TTL_HOURS };
export type TAccessLinkKind = "invite" | "reset";
/** The path the invitee opens; the secret travels in the query and is never stored. */
export const setPasswordPath = (token: string) => `/set-password?token=${encodeURIComponent(token)}`;

const ZToken = z.string().min(20).max(100);
export const ZRedeemAccessLink = z.object({ token: ZToken, password: ZPassword });
const ZIssueReset = z.object({ userId: z.string().min(1).max(64) });

const sha256 = (token: string) => createHash("sha256").update(token).digest("hex");
const LINK_UNUSABLE = "This link is invalid, already used or expired — ask an admin for a new one.";

type TTx = Pick<ReturnType<typeof db>, "accessLink">;

/** Inside the transaction that needs it (creating a user, or a reset): returns the link's secret. */
export async function issueAccessLink(tx: TTx, input: { userId: string; kind: TAccessLinkKind; createdById: string; now?: Date }): Promise<string> {
  const now = input.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  await tx.accessLink.deleteMany({ where: { userId: input.userId, usedAt: null } });
  await tx.accessLink.create({
    data: {
      kind: input.kind,
      userId: input.userId,
      tokenHash: sha256(token),
      createdById: input.createdById,
      expiresAt: new Date(now.getTime() + ACCESS_LINK_TTL_HOURS * 3_600_000),
    },
  });
  return token;
}

/** An admin's password reset for someone: a new one-time link (the old password works until it is used). */
export async function issuePasswordReset(actor: TActor, input: unknown): Promise<{ token: string }> {
  if (!can(actor.role, "users.manage")) throw new AppError("forbidden", "Only admins can reset passwords.");
  const { userId } = parseInput(ZIssueReset, input);
  const token = await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { disabledAt: true } });
    if (!user) throw new AppError("not_found", "No such user.");
    if (user.disabledAt) throw new AppError("conflict", "This account is disabled: enable it first.");
    return issueAccessLink(tx, { userId, kind: "reset", createdById: actor.id });
  });
  return { token };
}

/** What the set-password page shows before the password is chosen (nothing is consumed). */
export async function describeAccessLink(token: unknown, now = new Date()): Promise<{ kind: TAccessLinkKind; name: string; email: string } | null> {
  const parsed = ZToken.safeParse(token);
  if (!parsed.success) return null;
  const link = await db().accessLink.findUnique({ where: { tokenHash: sha256(parsed.data) }, include: { user: true } });
  if (!link || link.usedAt || link.expiresAt <= now || link.user.disabledAt) return null;
  return { kind: link.kind, name: link.user.name, email: link.user.email };
}

/** The invitee (or the user resetting) sets their password; the link is spent, and every session ends. */
export async function redeemAccessLink(input: unknown, now = new Date()): Promise<{ email: string }> {
  const { token, password } = parseInput(ZRedeemAccessLink, input);
  // Hashed before the transaction: scrypt is deliberately slow (see lib/auth/users.ts insertUser).
  const passwordHash = await hashPassword(password);
  const user = await db().$transaction(async (tx) => {
    const link = await tx.accessLink.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
    if (!link || link.expiresAt <= now || link.user.disabledAt) throw new AppError("not_found", LINK_UNUSABLE);
    // Spent by whichever request gets here first: a concurrent second use finds it used.
    const spent = await tx.accessLink.updateMany({ where: { id: link.id, usedAt: null }, data: { usedAt: now } });
    if (spent.count !== 1) throw new AppError("not_found", LINK_UNUSABLE);
    const account = await tx.account.findFirst({ where: { userId: link.userId, providerId: "credential" } });
    if (account) await tx.account.update({ where: { id: account.id }, data: { password: passwordHash } });
    else await tx.account.create({ data: { id: randomUUID(), accountId: link.userId, providerId: "credential", userId: link.userId, password: passwordHash } });
    // A new password signs the account out everywhere (the session rule bumps the epoch).
    await tx.session.deleteMany({ where: { userId: link.userId } });
    return link.user;
  });
  afterAuthChange(user.id);
  return { email: user.email };
}
