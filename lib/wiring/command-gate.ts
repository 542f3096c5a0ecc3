// Every socket command and run join passes this gate first. The socket's and its user's allowances
// (lib/domain/command-allowance.ts; limits in lib/security/limits.ts) are checked in memory, before
// the command costs a pooled database connection or a place in a run's row-lock queue, so one
// member's flood is refused at the door while a lead's change goes through. A refusal is
// `rate_limited` with `retryAfterMs`; the war room sends the command again after it, under the same
// commandId. Replays (joins that have missed events to send) are also bounded per socket.
import "server-only";
import { admit, freshAllowance, isIdle, released, type TAllowance, type TAllowanceLimits } from "../domain/command-allowance";
import { RateLimitedError } from "../errors";
import { limits } from "../security/limits";
import { take } from "../security/rate-limit";
import type { TAckError } from "../realtime/events";
import type { TServerSocket } from "../realtime/server/server";

const socketAllowances = new WeakMap<TServerSocket, TAllowance>();
const userAllowances = new Map<string, TAllowance>();
/** Past this many users tracked, idle ones are forgotten (a fresh allowance says the same). */
const SWEEP_AT = 1000;

export function socketCommandLimits(): TAllowanceLimits {
  const { commandsPerSecond, commandsInFlight } = limits();
  return { perSecond: commandsPerSecond, burst: 2 * commandsPerSecond, inFlight: commandsInFlight };
}

/** A user's sockets together (several tabs, the bridge) get twice a socket's allowance. */
export function userCommandLimits(): TAllowanceLimits {
  const socket = socketCommandLimits();
  return { perSecond: 2 * socket.perSecond, burst: 2 * socket.burst, inFlight: 2 * socket.inFlight };
}

export type TGatePass = { isAdmitted: true; release: () => void } | { isAdmitted: false; refusal: TAckError };

/**
 * Admits one command of the socket (call `release` once it is answered), or says why not. A refusal
 * is a plain answer, not a thrown error: a flood is thousands of them, and each should cost as little
 * as possible.
 */
export function passGate(socket: TServerSocket, now = Date.now()): TGatePass {
  const socketLimits = socketCommandLimits();
  const userLimits = userCommandLimits();
  const userId = socket.data.user.id;
  const admission = admit(
    [
      { allowance: socketAllowances.get(socket) ?? freshAllowance(socketLimits, now), limits: socketLimits },
      { allowance: userAllowances.get(userId) ?? freshAllowance(userLimits, now), limits: userLimits },
    ],
    now,
  );
  if (!admission.isAdmitted) {
    const message =
      admission.reason === "rate"
        ? `Too many commands at once: at most ${socketLimits.perSecond} a second per screen. Send again in ${admission.retryAfterMs} ms.`
        : `Your earlier commands are still being answered (at most ${socketLimits.inFlight} at a time per screen): send again in a moment.`;
    return { isAdmitted: false, refusal: { error: { code: "rate_limited", message, retryAfterMs: admission.retryAfterMs } } };
  }
  if (userAllowances.size >= SWEEP_AT) sweepIdle(userLimits, now);
  socketAllowances.set(socket, admission.next[0]!);
  userAllowances.set(userId, admission.next[1]!);
  let isReleased = false;
  const release = () => {
    if (isReleased) return;
    isReleased = true;
    const ofSocket = socketAllowances.get(socket);
    if (ofSocket) socketAllowances.set(socket, released(ofSocket));
    const ofUser = userAllowances.get(userId);
    if (ofUser) userAllowances.set(userId, released(ofUser));
  };
  return { isAdmitted: true, release };
}

function sweepIdle(userLimits: TAllowanceLimits, now: number): void {
  for (const [userId, allowance] of userAllowances) if (isIdle(allowance, userLimits, now)) userAllowances.delete(userId);
}

/** A join that has missed events to replay: at most limits().replaysPerMinute per socket. */
export function admitReplay(socket: TServerSocket, now = Date.now()): void {
  const perMinute = limits().replaysPerMinute;
  const spent = take("socket-replays", { max: perMinute, windowMs: 60_000 }, socket.id, now);
  if (!spent.isAllowed) {
    throw new RateLimitedError(`This screen has caught up ${perMinute} times in the last minute: try again in ${Math.ceil(spent.retryAfterMs / 1000)} s.`, spent.retryAfterMs);
  }
}

/** A status link's (re)join reads its run and replays: at most limits().replaysPerMinute per socket. */
export function admitStatusJoin(socketId: string, now = Date.now()): void {
  const perMinute = limits().replaysPerMinute;
  const spent = take("status-joins", { max: perMinute, windowMs: 60_000 }, socketId, now);
  if (!spent.isAllowed) throw new RateLimitedError(`This page has caught up ${perMinute} times in the last minute: try again in ${Math.ceil(spent.retryAfterMs / 1000)} s.`, spent.retryAfterMs);
}

/** Tests only: forget every user's allowance (sockets' go with their sockets). */
export function resetCommandAllowances(): void {
  userAllowances.clear();
}
