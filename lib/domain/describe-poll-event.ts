// The go/no-go poll's timeline events in plain words. Payloads are stored JSON: each is checked, and
// describeEvent falls back to a generic line for anything unexpected.
// zod/mini: these run in the browser (bridge, war room), where the full zod would add ~30 kB.
import { z } from "zod/mini";
import { ANSWER_WORDS, OUTCOME_WORDS, POLL_ANSWERS } from "./go-no-go";
import { POLL_EVENTS } from "./go-no-go-events";

const ZAnswer = z.enum(POLL_ANSWERS);
const ZOpened = z.object({ round: z.number(), questions: z.array(z.string()), positionLabels: z.array(z.string()), reopenedFrom: z.nullish(z.number()) });
const ZVoted = z.object({
  positionLabel: z.string(),
  changes: z
    .array(
      z.object({
        question: z.string(),
        answer: ZAnswer,
        reason: z.nullish(z.string()),
        previous: z.nullish(z.object({ answer: ZAnswer, reason: z.nullish(z.string()) })),
      }),
    )
    .check(z.minLength(1)),
});
const ZClosed = z.object({
  round: z.number(),
  outcome: z.enum(["proceed", "reschedule"]),
  decision: z.nullish(z.partial(z.object({ reasons: z.array(z.object({ position: z.string(), reason: z.string() })), roll: z.array(z.object({ position: z.string(), label: z.string() })) }))),
});
const ZOverridden = z.object({ round: z.number(), reason: z.string() });
const ZReassigned = z.object({ roleLabel: z.string(), fromName: z.nullish(z.string()), toName: z.string() });

const quoted = (text: string) => `“${text}”`;

function describeOpened(actor: string, payload: unknown): string | null {
  const p = ZOpened.safeParse(payload);
  if (!p.success) return null;
  const n = p.data.questions.length;
  const what = `${n} ${n === 1 ? "question" : "questions"}, roll call ${p.data.positionLabels.join(" → ")}`;
  return p.data.reopenedFrom
    ? `${actor} reopened the Go/No-Go poll as round ${p.data.round} (${what})`
    : `${actor} opened the Go/No-Go poll, round ${p.data.round} (${what})`;
}

function describeVoted(actor: string, payload: unknown): string | null {
  const p = ZVoted.safeParse(payload);
  if (!p.success) return null;
  const who = `${actor} (${p.data.positionLabel})`;
  const withReason = (text: string, reason?: string | null) => (reason ? `${text}: ${reason}` : text);
  const changes = p.data.changes;
  if (changes.length === 1) {
    const c = changes[0];
    if (c.previous) {
      return withReason(`${who} changed ${quoted(c.question)} from ${ANSWER_WORDS[c.previous.answer]} to ${ANSWER_WORDS[c.answer]}`, c.reason);
    }
    return withReason(`${who} answered ${ANSWER_WORDS[c.answer]} to ${quoted(c.question)}`, c.reason);
  }
  const noGo = changes.filter((c) => c.answer === "no_go");
  const changed = changes.filter((c) => c.previous).length;
  const counts = noGo.length === 0 ? `all GO` : `${changes.length - noGo.length} GO, ${noGo.length} NO-GO`;
  const reasons = noGo.map((c) => `${quoted(c.question)}: ${c.reason ?? ""}`).join("; ");
  return `${who} answered ${changes.length} questions, ${counts}${changed ? ` (${changed} changed)` : ""}${reasons ? ` (${reasons})` : ""}`;
}

function describeClosed(actor: string, payload: unknown): string | null {
  const p = ZClosed.safeParse(payload);
  if (!p.success) return null;
  const base = `${actor} closed the Go/No-Go poll, round ${p.data.round}: ${OUTCOME_WORDS[p.data.outcome]}`;
  const labels = new Map((p.data.decision?.roll ?? []).map((r) => [r.position, r.label]));
  const reasons = (p.data.decision?.reasons ?? []).map((r) => `${labels.get(r.position) ?? r.position}: ${r.reason}`);
  return reasons.length ? `${base} (${reasons.join("; ")})` : base;
}

function describeOverridden(actor: string, payload: unknown): string | null {
  const p = ZOverridden.safeParse(payload);
  if (!p.success) return null;
  return `${actor} OVERRODE the Go/No-Go RESCHEDULE (round ${p.data.round}) to PROCEED: ${p.data.reason}`;
}

function describeReassigned(actor: string, payload: unknown): string | null {
  const p = ZReassigned.safeParse(payload);
  if (!p.success) return null;
  return `${actor} made ${p.data.toName} ${p.data.roleLabel}${p.data.fromName ? ` (was ${p.data.fromName})` : ""}`;
}

export const POLL_DESCRIBERS: Record<string, (actor: string, payload: unknown) => string | null> = {
  [POLL_EVENTS.opened]: describeOpened,
  [POLL_EVENTS.voted]: describeVoted,
  [POLL_EVENTS.closed]: describeClosed,
  [POLL_EVENTS.overridden]: describeOverridden,
  [POLL_EVENTS.roleReassigned]: describeReassigned,
};
