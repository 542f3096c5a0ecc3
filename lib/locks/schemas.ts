// Inputs of the lock and freeze commands, one zod schema each (the API, the admin page and the
// socket command parse with these).
import { z } from "zod";
import { isValidTimeZone } from "../domain/service-guards";

const ZText = (max: number, what: string) => z.string({ error: `${what} is required` }).trim().min(1, `${what} must not be empty`).max(max);
const ZService = ZText(100, "service");
const ZTimeZone = z.string().trim().refine(isValidTimeZone, "must be an IANA time zone such as Europe/Paris or UTC").default("UTC");
// Kept as text (parsing twice, at the API and in the command, must give the same): minuteOfDay converts.
const ZClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time of day as HH:MM");
export const minuteOfDay = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3));
const ZInstant = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time with a time zone" });
/** Blank means every service (a form's empty field, or null over the API). */
const ZFreezeService = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), ZService.nullable().default(null));

export const ZTakeLock = z.strictObject({ service: ZService, reason: ZText(1000, "reason") }).meta({ id: "TakeLock" });
export const ZServiceParams = z.object({ service: ZService.meta({ description: "The service (matched without regard to case)" }) });

export const ZSaveFreeze = z
  .discriminatedUnion(
    "kind",
    [
      z.strictObject({ kind: z.literal("range"), service: ZFreezeService, reason: ZText(1000, "reason"), startsAt: ZInstant, endsAt: ZInstant, timeZone: ZTimeZone }),
      z.strictObject({
        kind: z.literal("weekly"),
        service: ZFreezeService,
        reason: ZText(1000, "reason"),
        weekdays: z.array(z.number().int().min(0).max(6)).min(1, "choose at least one day").transform((days) => [...new Set(days)].sort()),
        start: ZClock.meta({ description: "Local time the freeze starts on each of the days, HH:MM" }),
        end: ZClock.meta({ description: "Local time it ends, HH:MM; at or before the start: the next day" }),
        timeZone: ZTimeZone,
      }),
    ],
    { error: "kind must be range or weekly" },
  )
  .superRefine((freeze, ctx) => {
    if (freeze.kind === "range" && Date.parse(freeze.endsAt) <= Date.parse(freeze.startsAt)) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "must be after startsAt" });
  })
  .meta({ id: "SaveFreeze" });

export const ZFreezeParams = z.object({ id: z.string().min(1).max(64).meta({ description: "The freeze window's id" }) });

export const ZOverrideGuards = z.object({
  runId: z.string().min(1).max(64),
  reason: z.string().trim().min(10, "reason: say in a sentence why this run may deploy through the lock or freeze (10 characters at least)").max(1000),
  commandId: z.string().min(1).max(100).optional(),
});
