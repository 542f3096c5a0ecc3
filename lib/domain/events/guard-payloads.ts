// Payloads of service locks, freeze windows, their override for one run, and Flagger's events.
// A lock or freeze is a workspace record; each run of its service under way records it on its own
// timeline (so its screens and its gate hear of it). zod/mini: parsed in the browser too.
import { z } from "zod/mini";

export const ZLockPayload = z.object({ id: z.string(), service: z.string(), reason: z.string(), holderName: z.string(), takenAt: z.string() });

export const ZLockTakenPayload = z.object({ lock: ZLockPayload });
export const ZLockReleasedPayload = z.object({ lockId: z.string(), service: z.string(), releasedByName: z.string() });

const ZFreezeCommon = { id: z.string(), service: z.nullable(z.string()), reason: z.string(), createdByName: z.string() };
export const ZFreezePayload = z.union([
  z.object({ ...ZFreezeCommon, kind: z.literal("range"), startsAt: z.string(), endsAt: z.string(), timeZone: z.string() }),
  z.object({ ...ZFreezeCommon, kind: z.literal("weekly"), weekdays: z.array(z.number()), startMinute: z.number(), endMinute: z.number(), timeZone: z.string() }),
]);

export const ZFreezeSavedPayload = z.object({ freeze: ZFreezePayload });
export const ZFreezeRemovedPayload = z.object({ freezeId: z.string(), service: z.nullable(z.string()), reason: z.string() });

/** A lead's or admin's override, for this run, of the locks and freezes holding it then ("lock:<id>"). */
export const ZGuardOverriddenPayload = z.object({ keys: z.array(z.string()), messages: z.array(z.string()), reason: z.string(), byName: z.string(), at: z.string() });

/** Flagger's `event` webhook (its eventMessage and eventType), for the canary it names. */
export const ZFlaggerEventPayload = z.object({ canary: z.string(), phase: z.string(), eventType: z.string(), message: z.string() });

export type TLockTakenPayload = z.infer<typeof ZLockTakenPayload>;
export type TFreezeSavedPayload = z.infer<typeof ZFreezeSavedPayload>;
export type TGuardOverriddenPayload = z.infer<typeof ZGuardOverriddenPayload>;
