// Payloads of the go/no-go poll's events and of role reassignment. The types stay beside their rules
// (go-no-go.ts, go-no-go-events.ts); each schema is annotated with its type, so a field added to one
// and not the other fails the typecheck. zod/mini: parsed in the browser too.
import { z } from "zod/mini";
import { POLL_ANSWERS, type TFrozenDecision } from "../go-no-go";
import { type TAcceptedChange } from "../go-no-go-rules";
import type {
  TPollClosedPayload,
  TPollOpenedPayload,
  TPollOverriddenPayload,
  TPollVotedPayload,
  TRoleReassignedPayload,
} from "../go-no-go-events";

const ZAnswer = z.enum(POLL_ANSWERS);
const ZOutcome = z.enum(["proceed", "reschedule"]);
const ZCount = z.object({ done: z.number(), total: z.number(), failed: z.number() });

export const ZPollOpenedPayload: z.ZodMiniType<TPollOpenedPayload> = z.object({
  pollId: z.string(),
  round: z.number(),
  questions: z.array(z.string()),
  positions: z.array(z.string()),
  positionLabels: z.array(z.string()),
  openedByName: z.string(),
  openedAt: z.string(),
  reopenedFrom: z.nullable(z.number()),
});

const ZAcceptedChange: z.ZodMiniType<TAcceptedChange> = z.object({
  questionIndex: z.number(),
  question: z.string(),
  answer: ZAnswer,
  reason: z.nullable(z.string()),
  version: z.number(),
  previous: z.nullable(z.object({ answer: ZAnswer, reason: z.nullable(z.string()) })),
});

export const ZPollVotedPayload: z.ZodMiniType<TPollVotedPayload> = z.object({
  pollId: z.string(),
  round: z.number(),
  position: z.string(),
  positionLabel: z.string(),
  voterName: z.string(),
  votedAt: z.string(),
  // A vote records at least one answer (lib/domain/go-no-go.ts refuses an empty one).
  changes: z.array(ZAcceptedChange).check(z.minLength(1)),
});

const ZFrozenDecision: z.ZodMiniType<TFrozenDecision> = z.object({
  round: z.number(),
  outcome: ZOutcome,
  closedAt: z.string(),
  closedByName: z.string(),
  questions: z.array(z.string()),
  roll: z.array(
    z.object({
      position: z.string(),
      label: z.string(),
      holderName: z.nullable(z.string()),
      answers: z.array(z.object({ answer: ZAnswer, reason: z.nullable(z.string()), voterName: z.string(), changes: z.number() })),
    }),
  ),
  tally: z.array(z.object({ index: z.number(), question: z.string(), go: z.number(), noGo: z.number(), pending: z.number() })),
  reasons: z.array(
    z.object({ position: z.string(), questionIndex: z.number(), question: z.string(), reason: z.string(), voterName: z.string() }),
  ),
  context: z.object({
    runStatus: z.string(),
    checklist: ZCount,
    phases: z.array(z.object({ key: z.string(), title: z.string(), done: z.number(), total: z.number(), failed: z.number() })),
    rolloutPercent: z.number(),
  }),
  metrics: z.nullable(
    z.array(z.object({ metric: z.string(), label: z.string(), value: z.number(), unit: z.string(), sampledAt: z.string() })),
  ),
});

export const ZPollClosedPayload: z.ZodMiniType<TPollClosedPayload> = z.object({
  pollId: z.string(),
  round: z.number(),
  outcome: ZOutcome,
  closedByName: z.string(),
  closedAt: z.string(),
  decision: z.nullable(ZFrozenDecision),
});

export const ZPollOverriddenPayload: z.ZodMiniType<TPollOverriddenPayload> = z.object({
  pollId: z.string(),
  round: z.number(),
  reason: z.string(),
  byName: z.string(),
  at: z.string(),
});

export const ZRoleReassignedPayload: z.ZodMiniType<TRoleReassignedPayload> = z.object({
  role: z.string(),
  roleLabel: z.string(),
  fromUserId: z.nullable(z.string()),
  fromName: z.nullable(z.string()),
  toUserId: z.string(),
  toName: z.string(),
});
