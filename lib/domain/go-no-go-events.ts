// The go/no-go poll's timeline events: their payloads, and how each one changes what a screen holds.
// Pure, like applyRunEvent (which calls in here): the server's snapshot and the folded events agree.
import { EMPTY_GO_NO_GO, type TFrozenDecision, type TGoNoGoState, type TPollOutcome, type TPollRound, type TPollVote } from "./go-no-go";
import { type TAcceptedChange } from "./go-no-go-rules";
import type { TRunEvent, TRunEventType } from "./events/catalogue";
import { foldWith, ignored, type TFoldTable } from "./events/tables";

export const POLL_EVENTS = {
  opened: "poll.opened",
  voted: "poll.voted",
  closed: "poll.closed",
  overridden: "poll.overridden",
  roleReassigned: "run.role_reassigned",
} as const satisfies Record<string, TRunEventType>;

export type TPollOpenedPayload = {
  pollId: string;
  round: number;
  questions: string[];
  positions: string[];
  /** Display names as they were, so the record reads the same later. */
  positionLabels: string[];
  openedByName: string;
  openedAt: string;
  /** The round this one repeats, when reopened. */
  reopenedFrom: number | null;
};

export type TPollVotedPayload = {
  pollId: string;
  round: number;
  position: string;
  positionLabel: string;
  voterName: string;
  votedAt: string;
  /** Every answer that changed, with what it was before (null: first answer). */
  changes: TAcceptedChange[];
};

export type TPollClosedPayload = {
  pollId: string;
  round: number;
  outcome: TPollOutcome;
  closedByName: string;
  closedAt: string;
  /** Null on a status link: the frozen record is the team's (lib/domain/public-status.ts). */
  decision: TFrozenDecision | null;
};

export type TPollOverriddenPayload = { pollId: string; round: number; reason: string; byName: string; at: string };

export type TRoleReassignedPayload = {
  role: string;
  roleLabel: string;
  fromUserId: string | null;
  fromName: string | null;
  toUserId: string;
  toName: string;
};

export type TRunRoleHolder = { role: string; userId: string; userName: string };

type TFoldable = { goNoGo: TGoNoGoState; roles: TRunRoleHolder[] };

function mapRound(state: TGoNoGoState, pollId: string, change: (round: TPollRound) => TPollRound): TGoNoGoState {
  return { ...state, rounds: state.rounds.map((r) => (r.id === pollId ? change(r) : r)) };
}

const withPoll = (s: TFoldable, goNoGo: TGoNoGoState): TFoldable => (goNoGo === s.goNoGo ? s : { ...s, goNoGo });

/** What each event does to the poll rounds and the role holders. */
export const GO_NO_GO_FOLD = {
  "run.status_changed": (s, event) => (event.payload.to === "go_no_go" ? withPoll(s, { ...s.goNoGo, enteredSeq: event.seq }) : s),
  "poll.opened": (s, event) => {
    const p = event.payload;
    const round: TPollRound = {
      id: p.pollId,
      round: p.round,
      questions: p.questions,
      positions: p.positions,
      status: "open",
      openedSeq: event.seq,
      openedByName: p.openedByName,
      openedAt: p.openedAt,
      closedByName: null,
      closedAt: null,
      outcome: null,
      override: null,
      votes: [],
      decision: null,
    };
    return withPoll(s, { ...s.goNoGo, rounds: [...s.goNoGo.rounds, round] });
  },
  "poll.voted": (s, event) => {
    const p = event.payload;
    return withPoll(
      s,
      mapRound(s.goNoGo, p.pollId, (round) => {
        const changed = new Map(p.changes.map((c) => [c.questionIndex, c]));
        const kept = round.votes.filter((v) => v.position !== p.position || !changed.has(v.questionIndex));
        const added = p.changes.map(
          (c): TPollVote => ({
            position: p.position,
            questionIndex: c.questionIndex,
            answer: c.answer,
            reason: c.reason,
            voterName: p.voterName,
            votedAt: p.votedAt,
            version: c.version,
          }),
        );
        return { ...round, votes: [...kept, ...added] };
      }),
    );
  },
  "poll.closed": (s, { payload: p }) =>
    withPoll(
      s,
      mapRound(s.goNoGo, p.pollId, (round) => ({
        ...round,
        status: "closed",
        outcome: p.outcome,
        closedByName: p.closedByName,
        closedAt: p.closedAt,
        decision: p.decision,
      })),
    ),
  "poll.overridden": (s, { payload: p }) =>
    withPoll(s, mapRound(s.goNoGo, p.pollId, (round) => ({ ...round, override: { reason: p.reason, byName: p.byName, at: p.at } }))),
  "run.role_reassigned": (s, { payload: p }) => {
    const holder = { role: p.role, userId: p.toUserId, userName: p.toName };
    const roles = s.roles.some((r) => r.role === p.role) ? s.roles.map((r) => (r.role === p.role ? holder : r)) : [...s.roles, holder];
    return { ...s, roles };
  },
  ...ignored(
    "run.created",
    "item.changed",
    "rollout.advanced",
    "check.completed",
    "metrics.states_changed",
    "metrics.rule_saved",
    "metrics.metric_declared",
    "metrics.token_created",
    "metrics.token_revoked",
    "rollback.triggered",
    "rollback.acknowledged",
    "rollback.decided",
    "announcement.posted",
    "announcement.delivery",
    "announcement.redelivery",
    "comms.template_saved",
    "comms.webhook_saved",
    "comms.webhook_removed",
    "decision.started",
    "decision.stepped",
    "decision.applied",
    "decision.abandoned",
    "share.created",
    "share.revoked",
    "lock.taken",
    "lock.released",
    "freeze.saved",
    "freeze.removed",
    "guard.overridden",
    "flagger.event",
    "run.marked_faulty",
    "hidden",
  ),
} satisfies TFoldTable<TFoldable>;

/** Fold one event into the poll state and the role holders (other event types pass through). */
export function applyGoNoGoEvent<T extends TFoldable>(snapshot: T, event: TRunEvent): T {
  const before: TFoldable = { goNoGo: snapshot.goNoGo ?? EMPTY_GO_NO_GO, roles: snapshot.roles };
  const after = foldWith(GO_NO_GO_FOLD, before, event);
  return after.goNoGo === snapshot.goNoGo && after.roles === snapshot.roles ? snapshot : { ...snapshot, goNoGo: after.goNoGo, roles: after.roles };
}

/** The poll state and role holders, as one comparable string (part of stateFingerprint). */
export function goNoGoFingerprint(snapshot: TFoldable): string {
  const rounds = snapshot.goNoGo.rounds.map((r) => {
    const votes = r.votes
      .map((v) => `${v.position}.${v.questionIndex}=${v.answer}@${v.version}`)
      .sort()
      .join(",");
    return `${r.id}:${r.round}:${r.openedSeq}:${r.status}:${r.outcome ?? "-"}:${r.override ? "override" : "-"}:[${votes}]`;
  });
  const roles = snapshot.roles
    .map((r) => `${r.role}=${r.userId}`)
    .sort()
    .join(",");
  return `${snapshot.goNoGo.enteredSeq}|${rounds.join(";")}|${roles}`;
}
