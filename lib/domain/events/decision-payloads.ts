// Payloads of decision-tree walks. The types stay in decision-events.ts; each schema is annotated
// with its type. zod/mini: parsed in the browser too.
import { z } from "zod/mini";
import type { TWalkAbandonedPayload, TWalkAppliedPayload, TWalkStartedPayload, TWalkSteppedPayload } from "../decision-events";
import { DECISION_ACTIONS } from "../template-vocabulary";

const ZAction = z.nullable(z.enum(DECISION_ACTIONS));

export const ZWalkStartedPayload: z.ZodMiniType<TWalkStartedPayload> = z.object({
  walk: z.object({
    id: z.string(),
    treeKey: z.string(),
    treeTitle: z.string(),
    signal: z.nullable(z.string()),
    evidence: z.array(z.string()),
    path: z.array(z.string()),
    status: z.enum(["open", "decided", "applied", "abandoned"]),
    action: ZAction,
    outcome: z.nullable(z.string()),
    startedByName: z.string(),
    startedAt: z.string(),
    endedByName: z.nullable(z.string()),
    endedAt: z.nullable(z.string()),
    version: z.number(),
  }),
});

export const ZWalkSteppedPayload: z.ZodMiniType<TWalkSteppedPayload> = z.object({
  walkId: z.string(),
  treeTitle: z.string(),
  step: z.enum(["choose", "back"]),
  nodeLabel: z.string(),
  path: z.array(z.string()),
  status: z.enum(["open", "decided"]),
  action: ZAction,
  version: z.number(),
});

export const ZWalkAppliedPayload: z.ZodMiniType<TWalkAppliedPayload> = z.object({
  walkId: z.string(),
  treeTitle: z.string(),
  action: ZAction,
  actionLabel: z.string(),
  outcome: z.string(),
  statusSeq: z.nullable(z.number()),
  endedByName: z.string(),
  endedAt: z.string(),
  version: z.number(),
});

export const ZWalkAbandonedPayload: z.ZodMiniType<TWalkAbandonedPayload> = z.object({
  walkId: z.string(),
  treeTitle: z.string(),
  endedByName: z.string(),
  endedAt: z.string(),
  version: z.number(),
});
