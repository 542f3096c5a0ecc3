// The pipeline API's locks and freezes: the commands of lib/locks, and Shipit's answer to taking a
// held lock — 409 with the holder and the reason, and the lock itself.
import "server-only";
import { LockHeldError, releaseLock, removeFreeze, saveFreeze, takeLock } from "../locks/commands";
import { listGuards } from "../locks/queries";
import type { TApiCaller } from "./caller";

export async function listApiGuards() {
  return listGuards();
}

export async function takeApiLock(caller: TApiCaller, body: unknown): Promise<object> {
  try {
    return { lock: await takeLock(caller.actor, body) };
  } catch (error) {
    if (!(error instanceof LockHeldError)) throw error;
    return Response.json({ error: { code: "conflict", message: error.message, field: "service" }, lock: error.held }, { status: 409 });
  }
}

export async function releaseApiLock(caller: TApiCaller, service: string) {
  return { lock: await releaseLock(caller.actor, { service }) };
}

export async function saveApiFreeze(caller: TApiCaller, body: unknown) {
  return { freeze: await saveFreeze(caller.actor, body) };
}

export async function removeApiFreeze(caller: TApiCaller, id: string) {
  return { freeze: await removeFreeze(caller.actor, { id }) };
}
