"use server";
// Server actions for the Locks page: take and release a service lock, add and remove a freeze
// window. Each goes through runAction (authenticate → locks.manage → the command of lib/locks).
import { revalidatePath } from "next/cache";
import { formList, formValues } from "../actions/form";
import { runAction, type TActionResult } from "../actions/safe-action";
import { zonedInstant } from "../domain/service-guards";
import { releaseLock, removeFreeze, saveFreeze, takeLock } from "./commands";

const PAGE = "/locks";

export type TLocksFormState = TActionResult<null> | null;

const done = (result: TActionResult<unknown>): TActionResult<null> => {
  if (result.ok) revalidatePath(PAGE);
  return result.ok ? { ok: true, data: null } : result;
};

export async function takeLockAction(_prev: TLocksFormState, form: unknown): Promise<TLocksFormState> {
  const v = formValues(form);
  return done(await runAction("locks.manage", (user) => takeLock(user, { service: v.service ?? "", reason: v.reason ?? "" })));
}

export async function releaseLockAction(service: string): Promise<TActionResult<null>> {
  return done(await runAction("locks.manage", (user) => releaseLock(user, { service: String(service) })));
}

/** A `datetime-local` value ("2026-11-27T00:00") read in the form's time zone, as an ISO instant. */
function zonedIso(local: string | undefined, timeZone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local ?? "");
  if (!match) return local || undefined;
  try {
    const [, y, mo, d, h, mi] = match.map(Number);
    return new Date(zonedInstant({ year: y, month: mo, day: d }, h * 60 + mi, timeZone)).toISOString();
  } catch {
    return local;
  }
}

export async function saveFreezeAction(_prev: TLocksFormState, form: unknown): Promise<TLocksFormState> {
  const v = formValues(form);
  const timeZone = v.timeZone?.trim() || "UTC";
  const common = { service: v.service ?? "", reason: v.reason ?? "", timeZone };
  const input =
    v.kind === "weekly"
      ? { ...common, kind: "weekly", weekdays: formList(form, "weekdays").map(Number), start: v.start ?? "", end: v.end ?? "" }
      : { ...common, kind: "range", startsAt: zonedIso(v.startsAt, timeZone), endsAt: zonedIso(v.endsAt, timeZone) };
  return done(await runAction("locks.manage", (user) => saveFreeze(user, input)));
}

export async function removeFreezeAction(id: string): Promise<TActionResult<null>> {
  return done(await runAction("locks.manage", (user) => removeFreeze(user, { id: String(id) })));
}
