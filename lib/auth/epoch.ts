// The per-user authorization epoch: what an open socket checks before every command and join.
// A socket remembers the epoch it was granted with at its handshake; anything that changes what the
// user may do bumps the column (role change, disable, and — by a database rule — any deleted
// session: sign-out, revocation), so a differing value means the socket's powers are stale.
// Reads are cached per process for a short time so a busy socket costs no query per command; the
// instance that makes a change forgets its entry at once, and the others are told through the
// Socket.IO adapter (lib/timeline/sockets.ts), so the TTL only bounds a lost notice.
import type { TTx } from "../timeline/command";
import { db } from "../db/client";
import { type TRole, ZRole } from "../domain/roles";

export type TAuthState = { epoch: number; role: TRole; isDisabled: boolean };
/** What a socket was granted at its handshake. */
export type TSocketGrant = { epoch: number; sessionExpiresAt: number };

const TTL_MS = 1_000;

type TCache = Map<string, { state: TAuthState | null; readAt: number }>;
// On globalThis: server.ts and Next's bundles load this module separately but share one process.
const store = globalThis as typeof globalThis & { __warroomAuthStates?: TCache };
const cache = (): TCache => (store.__warroomAuthStates ??= new Map());

async function readAuthState(userId: string): Promise<TAuthState | null> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { authEpoch: true, role: true, disabledAt: true } });
  if (!user) return null;
  return { epoch: user.authEpoch, role: ZRole.parse(user.role), isDisabled: user.disabledAt !== null };
}

/** The user's current epoch, role and status (null: no such user), at most TTL_MS old. */
export async function authState(userId: string, now = Date.now()): Promise<TAuthState | null> {
  const hit = cache().get(userId);
  if (hit && now - hit.readAt < TTL_MS) return hit.state;
  const state = await readAuthState(userId);
  cache().set(userId, { state, readAt: now });
  return state;
}

export function forgetAuthState(userId: string): void {
  cache().delete(userId);
}

/** Call inside the transaction that changes the user's powers. */
export async function bumpAuthEpoch(tx: Pick<TTx, "user">, userId: string): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { authEpoch: { increment: 1 } } });
}

export type TGrantVerdict = { ok: true; role: TRole } | { ok: false; message: string };

/** Whether a socket granted `grant` may still act for the user now, and with which role. */
export async function checkGrant(userId: string, grant: TSocketGrant, now = Date.now()): Promise<TGrantVerdict> {
  if (now >= grant.sessionExpiresAt) return { ok: false, message: "Your session has expired: sign in again." };
  const state = await authState(userId, now);
  if (!state || state.isDisabled) return { ok: false, message: "This account is disabled — ask an admin." };
  if (state.epoch !== grant.epoch) {
    return { ok: false, message: "Your access has changed (role, sign-out or revoked session): reload the page to continue." };
  }
  return { ok: true, role: state.role };
}
