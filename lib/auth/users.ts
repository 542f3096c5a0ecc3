// Accounts: the first admin at setup, admins adding users and changing roles. Passwords are hashed
// with better-auth's own hasher so its sign-in verifies them.
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import { db } from "../db/client";
import { can, type TRole, ZRole } from "../domain/roles";
import { AppError, parseInput } from "../errors";
import { MIN_PASSWORD_LENGTH } from "./auth";
import { afterAuthChange } from "./revoke";

export const ZNewUser = z.object({
  name: z.string().trim().min(1, "Name is required").max(100),
  email: z.email("Enter a valid email address").max(254).transform((e) => e.toLowerCase()),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(128, "Password must be at most 128 characters"),
  role: ZRole.default("member"),
});
export type TNewUser = z.input<typeof ZNewUser>;

export const ZSetRole = z.object({ userId: z.string().min(1).max(64), role: ZRole });

export type TActor = { id: string; name: string; role: TRole };
export type TUserSummary = { id: string; name: string; email: string; role: TRole };

// Serialises first-admin creation across concurrent requests and instances.
const SETUP_LOCK_KEY = 0x5741_5252; // "WARR"

export async function hasAnyUser(): Promise<boolean> {
  return (await db().user.count()) > 0;
}

// The password is hashed before the transaction opens: scrypt is deliberately slow, and on a busy
// machine it alone outlasted the transaction's 5 s (and held the setup lock meanwhile).
async function insertUser(tx: Pick<ReturnType<typeof db>, "user" | "account">, input: z.output<typeof ZNewUser>, password: string) {
  const id = randomUUID();
  const user = await tx.user.create({
    data: { id, name: input.name, email: input.email, role: input.role, emailVerified: false },
  });
  await tx.account.create({
    data: { id: randomUUID(), accountId: id, providerId: "credential", userId: id, password },
  });
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

/** Create the first admin; refused once any user exists (no default password anywhere). */
export async function createFirstAdmin(input: unknown): Promise<TUserSummary> {
  const data = parseInput(ZNewUser, { ...(input as object), role: "admin" });
  const password = await hashPassword(data.password);
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK_KEY})`;
    if ((await tx.user.count()) > 0) throw new AppError("setup_done", "Warroom is already set up: sign in instead.");
    return insertUser(tx, data, password);
  });
}

export async function createUser(actor: TActor, input: unknown): Promise<TUserSummary> {
  if (!can(actor.role, "users.manage")) throw new AppError("forbidden", "Only admins can add users.");
  const data = parseInput(ZNewUser, input);
  const password = await hashPassword(data.password);
  return db().$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: data.email } })) {
      throw new AppError("conflict", `A user with the email ${data.email} already exists.`);
    }
    return insertUser(tx, data, password);
  });
}

export async function setUserRole(actor: TActor, input: unknown): Promise<TUserSummary> {
  if (!can(actor.role, "users.manage")) throw new AppError("forbidden", "Only admins can change roles.");
  const { userId, role } = parseInput(ZSetRole, input);
  const summary = await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK_KEY})`;
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new AppError("not_found", "No such user.");
    if (user.role === "admin" && role !== "admin" && (await tx.user.count({ where: { role: "admin" } })) === 1) {
      throw new AppError("conflict", "Warroom needs at least one admin: make someone else admin first.");
    }
    const updated = await tx.user.update({ where: { id: userId }, data: { role, authEpoch: { increment: 1 } } });
    return { id: updated.id, name: updated.name, email: updated.email, role: updated.role };
  });
  afterAuthChange(userId);
  return summary;
}

export async function listUsers(): Promise<TUserSummary[]> {
  return db().user.findMany({
    select: { id: true, name: true, email: true, role: true },
    orderBy: { name: "asc" },
  });
}
