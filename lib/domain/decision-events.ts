// Decision-tree walks on the timeline: their payloads, and how each event changes what a screen holds.
// Pure, like applyRunEvent (which calls in here): the server's snapshot and the folded events agree.
import type { TDecisionAction, TDecisionTree, TWalkStatus } from "./decision-trees";
import type { TRunEvent, TRunEventType } from "./events/catalogue";
import { foldWith, ignored, type TFoldTable } from "./events/tables";

export const DECISION_EVENTS = {
  started: "decision.started",
  stepped: "decision.stepped",
  applied: "decision.applied",
  abandoned: "decision.abandoned",
} as const satisfies Record<string, TRunEventType>;

export type TWalkView = {
  id: string;
  treeKey: string;
  treeTitle: string;
  signal: string | null;
  evidence: string[];
  /** Node ids chosen after the root, in order. */
  path: string[];
  status: TWalkStatus;
  action: TDecisionAction | null;
  outcome: string | null;
  startedByName: string;
  startedAt: string;
  endedByName: string | null;
  endedAt: string | null;
  version: number;
};

export type TRunDecisions = {
  /** The run's playbook trees (copied at creation). */
  trees: TDecisionTree[];
  /** Oldest first, bounded. */
  walks: TWalkView[];
};

export const EMPTY_DECISIONS: TRunDecisions = { trees: [], walks: [] };
export const WALKS_IN_SNAPSHOT = 50;

export type TWalkStartedPayload = { walk: TWalkView };
export type TWalkSteppedPayload = {
  walkId: string;
  treeTitle: string;
  step: "choose" | "back";
  /** The node chosen, or the one gone back to. */
  nodeLabel: string;
  path: string[];
  status: "open" | "decided";
  action: TDecisionAction | null;
  version: number;
};
export type TWalkAppliedPayload = {
  walkId: string;
  treeTitle: string;
  action: TDecisionAction | null;
  actionLabel: string;
  outcome: string;
  /** Seq of the status change the action made, if it made one. */
  statusSeq: number | null;
  endedByName: string;
  endedAt: string;
  version: number;
};
export type TWalkAbandonedPayload = { walkId: string; treeTitle: string; endedByName: string; endedAt: string; version: number };

type TFoldable = { decisions: TRunDecisions };

const mapWalk = (decisions: TRunDecisions, walkId: string, change: (w: TWalkView) => TWalkView): TRunDecisions => ({
  ...decisions,
  walks: decisions.walks.map((w) => (w.id === walkId ? change(w) : w)),
});

/** What each event does to the decision walks of a snapshot. */
export const DECISIONS_FOLD = {
  "decision.started": (d, { payload: { walk } }) => ({ ...d, walks: [...d.walks, walk].slice(-WALKS_IN_SNAPSHOT) }),
  "decision.stepped": (d, { payload: p }) =>
    mapWalk(d, p.walkId, (w) => ({ ...w, path: p.path, status: p.status, action: p.action, version: p.version })),
  "decision.applied": (d, { payload: p }) =>
    mapWalk(d, p.walkId, (w) => ({ ...w, status: "applied", outcome: p.outcome, endedByName: p.endedByName, endedAt: p.endedAt, version: p.version })),
  "decision.abandoned": (d, { payload: p }) =>
    mapWalk(d, p.walkId, (w) => ({ ...w, status: "abandoned", endedByName: p.endedByName, endedAt: p.endedAt, version: p.version })),
  ...ignored(
    "run.created",
    "item.changed",
    "run.status_changed",
    "rollout.advanced",
    "check.completed",
    "poll.opened",
    "poll.voted",
    "poll.closed",
    "poll.overridden",
    "run.role_reassigned",
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
} satisfies TFoldTable<TRunDecisions>;

/** Fold one event into the decision walks of a snapshot (other event types pass through). */
export function applyDecisionEvent<T extends TFoldable>(snapshot: T, event: TRunEvent): T {
  const current = snapshot.decisions ?? EMPTY_DECISIONS;
  const decisions = foldWith(DECISIONS_FOLD, current, event);
  return decisions === current ? snapshot : { ...snapshot, decisions };
}

/** The walks as one comparable string (part of stateFingerprint). */
export function decisionsFingerprint(snapshot: TFoldable): string {
  return (snapshot.decisions ?? EMPTY_DECISIONS).walks.map((w) => `${w.id}:${w.status}:${w.version}:${w.path.join(">")}`).join(";");
}
