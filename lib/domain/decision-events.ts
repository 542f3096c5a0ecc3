// Decision-tree walks on the timeline: their payloads, and how each event changes what a screen holds.
// Pure, like applyRunEvent (which calls in here): the server's snapshot and the folded events agree.
import type { TDecisionAction, TDecisionTree, TWalkStatus } from "./decision-trees";

export const DECISION_EVENTS = {
  started: "decision.started",
  stepped: "decision.stepped",
  applied: "decision.applied",
  abandoned: "decision.abandoned",
} as const;

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
type TEvent = { type: string; payload: unknown };

const mapWalk = (decisions: TRunDecisions, walkId: string, change: (w: TWalkView) => TWalkView): TRunDecisions => ({
  ...decisions,
  walks: decisions.walks.map((w) => (w.id === walkId ? change(w) : w)),
});

function foldDecisions(decisions: TRunDecisions, event: TEvent): TRunDecisions {
  switch (event.type) {
    case DECISION_EVENTS.started: {
      const { walk } = event.payload as TWalkStartedPayload;
      return { ...decisions, walks: [...decisions.walks, walk].slice(-WALKS_IN_SNAPSHOT) };
    }
    case DECISION_EVENTS.stepped: {
      const p = event.payload as TWalkSteppedPayload;
      return mapWalk(decisions, p.walkId, (w) => ({ ...w, path: p.path, status: p.status, action: p.action, version: p.version }));
    }
    case DECISION_EVENTS.applied: {
      const p = event.payload as TWalkAppliedPayload;
      return mapWalk(decisions, p.walkId, (w) => ({ ...w, status: "applied", outcome: p.outcome, endedByName: p.endedByName, endedAt: p.endedAt, version: p.version }));
    }
    case DECISION_EVENTS.abandoned: {
      const p = event.payload as TWalkAbandonedPayload;
      return mapWalk(decisions, p.walkId, (w) => ({ ...w, status: "abandoned", endedByName: p.endedByName, endedAt: p.endedAt, version: p.version }));
    }
    default:
      return decisions;
  }
}

/** Fold one event into the decision walks of a snapshot (other event types pass through). */
export function applyDecisionEvent<T extends TFoldable>(snapshot: T, event: TEvent): T {
  const current = snapshot.decisions ?? EMPTY_DECISIONS;
  const decisions = foldDecisions(current, event);
  return decisions === current ? snapshot : { ...snapshot, decisions };
}

/** The walks as one comparable string (part of stateFingerprint). */
export function decisionsFingerprint(snapshot: TFoldable): string {
  return (snapshot.decisions ?? EMPTY_DECISIONS).walks.map((w) => `${w.id}:${w.status}:${w.version}:${w.path.join(">")}`).join(";");
}
