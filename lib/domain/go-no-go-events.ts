// The go/no-go poll's timeline events: their payloads, and how each one changes what a screen holds.
// Pure, like applyRunEvent (which calls in here): the server's snapshot and the folded events agree.
import {
  EMPTY_GO_NO_GO,
  type TAcceptedChange,
  type TFrozenDecision,
  type TGoNoGoState,
  type TPollOutcome,
  type TPollRound,
  type TPollVote,
} from "./go-no-go";

export const POLL_EVENTS = {
  opened: "poll.opened",
  voted: "poll.voted",
  closed: "poll.closed",
  overridden: "poll.overridden",
  roleReassigned: "run.role_reassigned",
} as const;

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
  decision: TFrozenDecision;
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
type TEvent = { seq: number; type: string; payload: unknown };

function mapRound(state: TGoNoGoState, pollId: string, change: (round: TPollRound) => TPollRound): TGoNoGoState {
  return { ...state, rounds: state.rounds.map((r) => (r.id === pollId ? change(r) : r)) };
}

function foldPoll(state: TGoNoGoState, event: TEvent): TGoNoGoState {
  switch (event.type) {
    case "run.status_changed": {
      const p = event.payload as { to?: string };
      return p.to === "go_no_go" ? { ...state, enteredSeq: event.seq } : state;
    }
    case POLL_EVENTS.opened: {
      const p = event.payload as TPollOpenedPayload;
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
      return { ...state, rounds: [...state.rounds, round] };
    }
    case POLL_EVENTS.voted: {
      const p = event.payload as TPollVotedPayload;
      return mapRound(state, p.pollId, (round) => {
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
      });
    }
    case POLL_EVENTS.closed: {
      const p = event.payload as TPollClosedPayload;
      return mapRound(state, p.pollId, (round) => ({
        ...round,
        status: "closed",
        outcome: p.outcome,
        closedByName: p.closedByName,
        closedAt: p.closedAt,
        decision: p.decision,
      }));
    }
    case POLL_EVENTS.overridden: {
      const p = event.payload as TPollOverriddenPayload;
      return mapRound(state, p.pollId, (round) => ({ ...round, override: { reason: p.reason, byName: p.byName, at: p.at } }));
    }
    default:
      return state;
  }
}

function foldRoles(roles: TRunRoleHolder[], event: TEvent): TRunRoleHolder[] {
  if (event.type !== POLL_EVENTS.roleReassigned) return roles;
  const p = event.payload as TRoleReassignedPayload;
  const holder = { role: p.role, userId: p.toUserId, userName: p.toName };
  return roles.some((r) => r.role === p.role) ? roles.map((r) => (r.role === p.role ? holder : r)) : [...roles, holder];
}

/** Fold one event into the poll state and the role holders (other event types pass through). */
export function applyGoNoGoEvent<T extends TFoldable>(snapshot: T, event: TEvent): T {
  const goNoGo = foldPoll(snapshot.goNoGo ?? EMPTY_GO_NO_GO, event);
  const roles = foldRoles(snapshot.roles, event);
  return goNoGo === snapshot.goNoGo && roles === snapshot.roles ? snapshot : { ...snapshot, goNoGo, roles };
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
