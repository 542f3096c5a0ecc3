// zod schemas for every run command's input, shared by forms, socket handlers and route handlers.
import { z } from "zod";
import { RUN_ROLE_KINDS } from "../domain/run-roles";
import { ZCheckRoundNote, ZItemAction, ZRunStatus, ZTimeScale } from "../domain/run-schemas";

export { RUN_ROLE_KINDS, RUN_ROLE_LABELS, type TRunRoleKind } from "../domain/run-roles";

const ZId = z.string().trim().min(1).max(64);
export const ZCommandId = z.string().trim().min(8).max(100).optional();

export const ZRunRoleKind = z.enum(RUN_ROLE_KINDS);

export const ZCreateRun = z.object({
  templateId: ZId,
  name: z.string().trim().min(1, "Name is required").max(200),
  service: z.string().trim().min(1, "Service is required").max(100),
  targetVersion: z.string().trim().min(1, "Version is required").max(100),
  commit: z
    .string()
    .trim()
    .regex(/^[0-9a-f]{7,40}$/i, "Commit must be a 7–40 character hex hash")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** When the change was committed (API/CLI): lead time for changes runs from here to completion. */
  commitAt: z.coerce.date({ error: "Commit time must be a date and time" }).optional(),
  plannedStart: z.coerce.date({ error: "Planned start must be a date and time" }),
  plannedDurationMin: z.coerce.number().int().min(15, "At least 15 minutes").max(24 * 60, "At most 24 hours"),
  roles: z.partialRecord(ZRunRoleKind, ZId.optional().or(z.literal("").transform(() => undefined))).default({}),
  /** 1: real time. N: a rehearsal whose rule windows and rollout checkpoints run N times faster. */
  timeScale: ZTimeScale.default(1),
});
export type TCreateRunInput = z.input<typeof ZCreateRun>;

export const ZItemCommand = z.object({
  runId: ZId,
  itemId: ZId,
  action: ZItemAction,
  /** The item version the person saw (compare-and-set). */
  version: z.number().int().min(0),
  commandId: ZCommandId,
});
export type TItemCommandInput = z.input<typeof ZItemCommand>;

export const ZStatusCommand = z.object({
  runId: ZId,
  to: ZRunStatus,
  reason: z.string().trim().max(1000).optional(),
  /** New planned start when rescheduling. */
  plannedStart: z.coerce.date().optional(),
  version: z.number().int().min(0),
  commandId: ZCommandId,
});
export type TStatusCommandInput = z.input<typeof ZStatusCommand>;

export const ZRolloutCommand = z.object({
  runId: ZId,
  /** The percentage the person saw, so two leads cannot double-advance. */
  fromPercent: z.number().int().min(0).max(100),
  /** The step a pipeline means to reach ("--step 50"): refused unless it is the next one. */
  toPercent: z.number().int().min(1).max(100).optional(),
  /**
   * Step on although the metrics hold the checkpoint (no rule gates it, or its feed is silent): a
   * lead's deliberate decision, recorded on the timeline and in the record with this reason.
   */
  overrideReason: z.string().trim().min(10, "overrideReason: say in a sentence why the step is safe without the metrics (10 characters at least)").max(1000).optional(),
  commandId: ZCommandId,
});
export type TRolloutCommandInput = z.input<typeof ZRolloutCommand>;

export const ZCheckRoundCommand = z.object({
  runId: ZId,
  /** A recurring section ("Every 5 Minutes"): one round covers all its checks. */
  sectionId: ZId,
  note: ZCheckRoundNote,
  commandId: ZCommandId,
});
export type TCheckRoundCommandInput = z.input<typeof ZCheckRoundCommand>;
