// Accounts: the first admin at setup, admins inviting users and changing roles. Passwords are hashed
// with better-auth's own hasher so its sign-in verifies them; an admin never chooses anyone's
// password (invites and resets are one-time links: lib/auth/access-links.ts).
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import { db } from "../db/client";
import { can, type TRole, ZRole } from "../domain/roles";
import { AppError, parseInput } from "../errors";
import { issueAccessLink } from "./access-links";
import { ZPassword } from "./password-policy";
import { afterAuthChange } from "./revoke";
import { ACCOUNTS_LOCK_KEY, assertAnotherActiveAdmin } from "./user-status";

export const ZInvitee = z.object({
  name: z.string().trim().min(1, "Name is required").max(100),
  email: z.email("Enter a valid email address").max(254).transform((e) => e.toLowerCase()),
  role: ZRole.default("member"),
});
/** The first admin is the only account whose password is chosen on creation (by that admin, at /setup). */
export const ZFirstAdmin = ZInvitee.extend({ password: ZPassword });
export type TInvitee = z.input<typeof ZInvitee>;

export const ZSetRole = z.object({ userId: z.string().min(1).max(64), role: ZRole });

export type TActor = { id: string; name: string; role: TRole };
export type TUserSummary = { id: string; name: string; email: string; role: TRole };
export type TUserListing = TUserSummary & { isDisabled: boolean };
/** A new account and its invite link's secret (shown to the admin once, never stored). */
export type TInvitedUser = { user: TUserSummary; inviteToken: string };

const summary = (u: TUserSummary): TUserSummary => ({ id: u.id, name: u.name, email: u.email, role: u.role });

export async function hasAnyUser(): Promise<boolean> {
  return (await db().user.count()) > 0;
}

/** Create the first admin; refused once any user exists (no default password anywhere). */
export async function createFirstAdmin(input: unknown): Promise<TUserSummary> {
  const data = parseInput(ZFirstAdmin, { ...(input as object), role: "admin" });
  // Hashed before the transaction opens: scrypt is deliberately slow, and on a busy machine it alone
  // outlasted the transaction's 5 s (and held the setup lock meanwhile).
  const password = await hashPassword(data.password);
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ACCOUNTS_LOCK_KEY})`;
    if ((await tx.user.count()) > 0) throw new AppError("setup_done", "Warroom is already set up: sign in instead.");
    const id = randomUUID();
    const user = await tx.user.create({ data: { id, name: data.name, email: data.email, role: "admin", emailVerified: false } });
    await tx.account.create({ data: { id: randomUUID(), accountId: id, providerId: "credential", userId: id, password } });
    return summary(user);
  });
}

/** An admin adds someone: the account exists at once, with no password until the invite is used. */
export async function createUser(actor: TActor, input: unknown): Promise<TInvitedUser> {
  if (!can(actor.role, "users.manage")) throw new AppError("forbidden", "Only admins can add users.");
  const data = parseInput(ZInvitee, input);
  return db().$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: data.email } })) {
      throw new AppError("conflict", `A user with the email ${data.email} already exists.`);
    }
    const user = await tx.user.create({ data: { id: randomUUID(), name: data.name, email: data.email, role: data.role, emailVerified: false } });
    const inviteToken = await issueAccessLink(tx, { userId: user.id, kind: "invite", createdById: actor.id });
    return { user: summary(user), inviteToken };
  });
}

export async function setUserRole(actor: TActor, input: unknown): Promise<TUserSummary> {
  if (!can(actor.role, "users.manage")) throw new AppError("forbidden", "Only admins can change roles.");
  const { userId, role } = parseInput(ZSetRole, input);
  const { user, isChanged } = await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ACCOUNTS_LOCK_KEY})`;
    const current = await tx.user.findUnique({ where: { id: userId } });
    if (!current) throw new AppError("not_found", "No such user.");
    if (current.role === role) return { user: summary(current), isChanged: false };
    if (role !== "admin") await assertAnotherActiveAdmin(tx, userId);
    // The epoch moves with the role, in one write: the user's open sockets are stale from this commit.
    const updated = await tx.user.update({ where: { id: userId }, data: { role, authEpoch: { increment: 1 } } });
    return { user: summary(updated), isChanged: true };
  });
  if (isChanged) afterAuthChange(userId);
  return user;
}

export async function listUsers(): Promise<TUserListing[]> {
  const users = await db().user.findMany({
    select: { id: true, name: true, email: true, role: true, disabledAt: true },
    orderBy: { name: "asc" },
  });
  return users.map(({ disabledAt, ...user }) => ({ ...user, isDisabled: disabledAt !== null }));
}
