// The zod schemas of a run's own rules (checklist actions, recurring-check notes, statuses, the
// rehearsal time scale), for the server's boundaries (lib/runs/schemas.ts). Apart from the rules
// themselves so the screens that use them do not ship zod to the browser.
import { z } from "zod";
import type { TItemAction } from "./checklist";
import { RUN_STATUSES } from "./run-status";
import { MAX_TIME_SCALE } from "./time-scale";

export const ZItemAction = z.discriminatedUnion("kind", [
  // A reason is needed only to tick an item whose linked rule or checkpoint is not passing.
  z.object({ kind: z.literal("done"), reason: z.string().trim().max(1000).optional() }),
  z.object({ kind: z.literal("skip"), reason: z.string().trim().min(1, "Skipping needs a reason").max(1000) }),
  z.object({ kind: z.literal("fail"), note: z.string().trim().min(1, "A failed item needs a note").max(1000) }),
  z.object({ kind: z.literal("reopen") }),
]) satisfies z.ZodType<TItemAction, unknown>;

export const ZCheckRoundNote = z.string().trim().max(1000).optional().transform((v) => (v ? v : null));

export const ZRunStatus = z.enum(RUN_STATUSES);

export const ZTimeScale = z.coerce.number().int().min(1).max(MAX_TIME_SCALE);
