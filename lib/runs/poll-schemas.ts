// zod schemas for the go/no-go poll's commands (shared by the panel's forms and the socket handlers).
import { z } from "zod";
import { POLL_ANSWERS } from "../domain/go-no-go";
import { ZCommandId, ZRunRoleKind } from "./schemas";

const ZId = z.string().trim().min(1).max(64);

export const MAX_POLL_QUESTIONS = 30;

/** "tech_lead" → "Tech Lead"; unknown keys read as themselves. */
export { positionLabel } from "../domain/run-roles";

const unique = (values: string[]) => new Set(values.map((v) => v.toLowerCase())).size === values.length;

export const ZPollQuestions = z
  .array(z.string().trim().min(1, "A question cannot be empty").max(300, "A question is at most 300 characters"))
  .min(1, "Ask at least one question")
  .max(MAX_POLL_QUESTIONS, `At most ${MAX_POLL_QUESTIONS} questions`)
  .refine(unique, "Each question only once");

export const ZPollPositions = z
  .array(ZRunRoleKind)
  .min(1, "Name at least one position")
  .max(4)
  .refine(unique, "Each position only once");

export const ZOpenPoll = z.object({
  runId: ZId,
  questions: ZPollQuestions,
  /** Roll-call order. */
  positions: ZPollPositions,
  commandId: ZCommandId,
});

export const ZReopenPoll = z.object({
  runId: ZId,
  /** The latest round as the lead saw it: reopening repeats its questions and positions. */
  pollId: ZId,
  commandId: ZCommandId,
});

export const ZPollAnswer = z.object({
  questionIndex: z.number().int().min(0).max(MAX_POLL_QUESTIONS - 1),
  answer: z.enum(POLL_ANSWERS),
  reason: z.string().trim().max(500, "A reason is at most 500 characters").optional(),
  /** The version of this answer the voter saw (0: none yet), so a stale change is refused. */
  version: z.number().int().min(0),
});

export const ZVotePoll = z.object({
  runId: ZId,
  pollId: ZId,
  position: ZRunRoleKind,
  answers: z.array(ZPollAnswer).min(1, "Answer at least one question").max(MAX_POLL_QUESTIONS),
  commandId: ZCommandId,
});

export const ZClosePoll = z.object({ runId: ZId, pollId: ZId, commandId: ZCommandId });

export const ZOverridePoll = z.object({
  runId: ZId,
  pollId: ZId,
  reason: z.string().max(1000, "A reason is at most 1000 characters"),
  commandId: ZCommandId,
});

export const ZReassignRole = z.object({
  runId: ZId,
  role: ZRunRoleKind,
  userId: ZId,
  commandId: ZCommandId,
});

export type TOpenPollInput = z.input<typeof ZOpenPoll>;
export type TVotePollInput = z.input<typeof ZVotePoll>;
