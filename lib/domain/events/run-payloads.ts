// Payloads of the run's own events: created, checklist items, status moves, rollout steps and
// recurring-check rounds. zod/mini: the browser parses every event it receives with these.
import { z } from "zod/mini";
import { ITEM_STATES } from "../checklist";
import { RUN_STATUSES } from "../run-status";
import { PHASE_KEYS } from "../template-vocabulary";

export const ZPhaseKeyMini = z.enum(PHASE_KEYS);

export const ZRunCreatedPayload = z.object({
  name: z.string(),
  service: z.string(),
  targetVersion: z.string(),
  template: z.string(),
  /** Rehearsals only: how many times faster the run's clocks run. */
  timeScale: z.optional(z.number()),
});

export const ZItemChangedPayload = z.object({
  itemId: z.string(),
  phaseKey: ZPhaseKeyMini,
  text: z.string(),
  state: z.enum(ITEM_STATES),
  note: z.nullable(z.string()),
  version: z.number(),
  changedByName: z.string(),
  changedAt: z.string(),
  /**
   * Ticked by hand while the item's linked rule or checkpoint was breaching or inconclusive: what it
   * showed then (the person's reason is the note). Null otherwise; absent in events stored before links.
   */
  override: z.optional(z.nullable(z.string())),
});

export const ZStatusChangedPayload = z.object({
  from: z.enum(RUN_STATUSES),
  to: z.enum(RUN_STATUSES),
  version: z.number(),
  reason: z.nullable(z.string()),
  phases: z.array(z.object({ id: z.string(), startedAt: z.nullable(z.string()), completedAt: z.nullable(z.string()) })),
  startedAt: z.nullable(z.string()),
  endedAt: z.nullable(z.string()),
  plannedStart: z.string(),
});

export const ZRolloutAdvancedPayload = z.object({
  percent: z.number(),
  label: z.string(),
  checkpoint: z.string(),
  /** Null when the metrics hold the checkpoint (a rule is breaching as the step is taken). */
  checkpointStartedAt: z.nullable(z.string()),
  version: z.number(),
  /** The step was taken while the metrics held the checkpoint: who decided it and why. */
  override: z.optional(z.object({ reason: z.string(), heldBecause: z.array(z.string()) })),
});

export const ZCheckRoundPayload = z.object({
  sectionId: z.string(),
  sectionTitle: z.string(),
  phaseKey: ZPhaseKeyMini,
  note: z.nullable(z.string()),
  byName: z.string(),
  completedAt: z.string(),
});

/** A completed run found faulty later: a failed change in the change failure rate (validation-window.ts). */
export const ZMarkedFaultyPayload = z.object({
  reason: z.string(),
  markedAt: z.string(),
  /** Whether its validation window was still open when it was marked. */
  wasValidating: z.boolean(),
});

export type TRunCreatedPayload = z.infer<typeof ZRunCreatedPayload>;
export type TItemChangedPayload = z.infer<typeof ZItemChangedPayload>;
export type TStatusChangedPayload = z.infer<typeof ZStatusChangedPayload>;
export type TRolloutAdvancedPayload = z.infer<typeof ZRolloutAdvancedPayload>;
export type TCheckRoundPayload = z.infer<typeof ZCheckRoundPayload>;
export type TMarkedFaultyPayload = z.infer<typeof ZMarkedFaultyPayload>;
