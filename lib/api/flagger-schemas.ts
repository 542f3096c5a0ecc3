// Flagger's webhook body, its hooks and the answers, as zod schemas (lib/api/flagger.ts has the
// contract and the handler; the OpenAPI document is generated from these).
import { z } from "zod";
import type { TGateStage } from "./gate-rule";

export const FLAGGER_HOOKS = ["confirm-rollout", "confirm-traffic-increase", "confirm-promotion", "rollback", "event"] as const;
export type TFlaggerHook = (typeof FLAGGER_HOOKS)[number];

/** The stage each confirm hook asks about unless metadata.stage says otherwise. */
export const DEFAULT_STAGE: Record<TFlaggerHook, TGateStage | undefined> = {
  "confirm-rollout": undefined,
  "confirm-traffic-increase": "canary",
  "confirm-promotion": "production",
  rollback: undefined,
  event: undefined,
};

export const ZFlaggerQuery = z.object({
  hook: z.enum(FLAGGER_HOOKS, { error: `must be one of ${FLAGGER_HOOKS.join(", ")}` }).meta({ description: "Which of the Canary's webhooks this URL is (Flagger's payload does not say)" }),
});

export const ZFlaggerPayload = z
  .object({
    name: z.string().min(1).max(253).meta({ description: "The Canary's name" }),
    namespace: z.string().min(1).max(253),
    phase: z.string().max(50).meta({ description: "The canary's phase (Progressing, WaitingPromotion, …)" }),
    checksum: z.string().max(200).optional(),
    metadata: z
      .record(z.string(), z.string())
      .optional()
      .meta({ description: "runId, or service (default: the canary's name) and version; optionally stage, step; token (the API key) when no Authorization header can be sent; eventMessage/eventType on event hooks" }),
  })
  .meta({ id: "FlaggerWebhook" });

export const ZFlaggerAnswer = z
  .object({
    hook: z.enum(FLAGGER_HOOKS),
    runId: z.string(),
    decision: z.enum(["go", "wait", "no_go", "rollback"]),
    reasons: z.array(z.object({ source: z.string(), decision: z.string(), message: z.string() })),
    recordedSeq: z.number().int().optional().meta({ description: "event hooks: the timeline event recorded" }),
  })
  .meta({ id: "FlaggerAnswer" });

export const ZFlaggerRefusal = z
  .object({ error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }), gate: ZFlaggerAnswer })
  .meta({ id: "FlaggerRefusal" });

