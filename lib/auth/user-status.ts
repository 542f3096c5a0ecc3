// Disabling and re-enabling an account. A disabled account keeps its row (its timeline entries and
// run positions stay as they were) but has no sessions, cannot sign in, and its open sockets are
// dropped. Warroom always keeps one active admin.
import "server-only";
import { z } from "zod";
import { db } from "../db/client";
import { can } from "../domain/roles";
import { AppError, parseInput } from "../errors";
import { bumpAuthEpoch } from "./epoch";
import { afterAuthChange } from "./revoke";
import type { TActor } from "./users";

// Serialises first-admin creation and every change that could leave no active admin, across instances.
export const ACCOUNTS_LOCK_KEY = 0x5741_5252; // "WARR"

type TTxUsers = Pick<ReturnType<typeof db>, "user">;

export const ZUserStatus = z.object({ userId: z.string().min(1).max(64), isDisabled: z.boolean() });

/** Refuses a change that would leave no active admin (call under the accounts lock). */
export async function assertAnotherActiveAdmin(tx: TTxUsers, userId: string): Promise<void> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true, disabledAt: true } });
  if (!user || user.role !== "admin" || user.disabledAt) return;
  const activeAdmins = await tx.user.count({ where: { role: "admin", disabledAt: null } });
  if (activeAdmins <= 1) throw new AppError("conflict", "Warroom needs at least one active admin: make someone else admin first.");
}

export async function setUserDisabled(actor: TActor, input: unknown): Promise<{ id: string; isDisabled: boolean }> {
  if (!can(actor.role, "users.manage")) throw new AppError("forbidden", "Only admins can disable or enable users.");
  const { userId, isDisabled } = parseInput(ZUserStatus, input);
  await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ACCOUNTS_LOCK_KEY})`;
    const user = await tx.user.findUnique({ where: { id: userId }, select: { disabledAt: true } });
    if (!user) throw new AppError("not_found", "No such user.");
    if (isDisabled === (user.disabledAt !== null)) return;
    if (isDisabled) await assertAnotherActiveAdmin(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { disabledAt: isDisabled ? new Date() : null } });
    await bumpAuthEpoch(tx, userId);
    if (isDisabled) await tx.session.deleteMany({ where: { userId } });
  });
  afterAuthChange(userId);
  return { id: userId, isDisabled };
}
