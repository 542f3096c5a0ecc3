// The go/no-go poll's timeline events in plain words. The payloads arrive parsed with the
// catalogue's schemas (describe-event.ts).
import type { TDescribers } from "./describe-types";
import { ANSWER_WORDS, OUTCOME_WORDS } from "./go-no-go";

const quoted = (text: string) => `“${text}”`;

const describeOpened: TDescribers["poll.opened"] = (actor, p) => {
  const n = p.questions.length;
  const what = `${n} ${n === 1 ? "question" : "questions"}, roll call ${p.positionLabels.join(" → ")}`;
  return p.reopenedFrom
    ? `${actor} reopened the Go/No-Go poll as round ${p.round} (${what})`
    : `${actor} opened the Go/No-Go poll, round ${p.round} (${what})`;
};

const describeVoted: TDescribers["poll.voted"] = (actor, p) => {
  const who = `${actor} (${p.positionLabel})`;
  const withReason = (text: string, reason?: string | null) => (reason ? `${text}: ${reason}` : text);
  const changes = p.changes;
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
};

const describeClosed: TDescribers["poll.closed"] = (actor, p) => {
  const base = `${actor} closed the Go/No-Go poll, round ${p.round}: ${OUTCOME_WORDS[p.outcome]}`;
  const labels = new Map((p.decision?.roll ?? []).map((r) => [r.position, r.label]));
  const reasons = (p.decision?.reasons ?? []).map((r) => `${labels.get(r.position) ?? r.position}: ${r.reason}`);
  return reasons.length ? `${base} (${reasons.join("; ")})` : base;
};

const describeOverridden: TDescribers["poll.overridden"] = (actor, p) => {
  return `${actor} OVERRODE the Go/No-Go RESCHEDULE (round ${p.round}) to PROCEED: ${p.reason}`;
};

const describeReassigned: TDescribers["run.role_reassigned"] = (actor, p) => {
  return `${actor} made ${p.toName} ${p.roleLabel}${p.fromName ? ` (was ${p.fromName})` : ""}`;
};

export const POLL_DESCRIBERS = {
  "poll.opened": describeOpened,
  "poll.voted": describeVoted,
  "poll.closed": describeClosed,
  "poll.overridden": describeOverridden,
  "run.role_reassigned": describeReassigned,
} satisfies Partial<TDescribers>;
