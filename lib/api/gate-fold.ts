// The gate's state moved on by a committed event itself, without reading the run again. When a poll
// closes, the pipelines waiting on the run are answered from the state they were already waiting
// with plus that one event, instead of after a fresh read of the run (five queries side by side:
// 100–250 ms on a loaded machine, the bulk of bench:gate's wait). Only the next event (seq one past
// the state's) is folded, and only the kinds whose payload says all the gate needs; everything else
// is read again. The watch reads again after a fold too, so a fold is never the last word.
import "server-only";
import type { TRunEvent, TRunEventType } from "../domain/events/catalogue";
import { applyGoNoGoEvent } from "../domain/go-no-go-events";
import { applyGuardEvent } from "../domain/guard-events";
import { runGuardState } from "../locks/queries";
import type { TGateState } from "./gate";

/**
 * What an event does to the gate's state: "poll" and "guards" are folded from the payload (their
 * folds are idempotent, so a read that already saw the event is not harmed); "none" leaves the
 * state as it was (the gate does not look at checklist items, announcements…); "read" needs the run
 * read again (status, rollout, rules, alerts, a new poll round).
 */
type TGateEffect = "poll" | "guards" | "none" | "read";

export const GATE_EVENT_EFFECTS = {
  "run.created": "read",
  "run.status_changed": "read",
  "rollout.advanced": "read",
  "poll.opened": "read",
  "poll.voted": "poll",
  "poll.closed": "poll",
  "poll.overridden": "poll",
  "run.role_reassigned": "none",
  // A completed run marked faulty has no gate left to answer.
  "run.marked_faulty": "none",
  "metrics.states_changed": "read",
  "metrics.rule_saved": "read",
  "metrics.metric_declared": "read",
  "metrics.token_created": "none",
  "metrics.token_revoked": "none",
  "rollback.triggered": "read",
  "rollback.acknowledged": "read",
  "rollback.decided": "read",
  "item.changed": "none",
  "check.completed": "none",
  "announcement.posted": "none",
  "announcement.delivery": "none",
  "announcement.redelivery": "none",
  "comms.template_saved": "none",
  "comms.webhook_saved": "none",
  "comms.webhook_removed": "none",
  "decision.started": "none",
  "decision.stepped": "none",
  "decision.applied": "read",
  "decision.abandoned": "none",
  "share.created": "none",
  "share.revoked": "none",
  "lock.taken": "guards",
  "lock.released": "guards",
  "freeze.saved": "guards",
  "freeze.removed": "guards",
  "guard.overridden": "guards",
  "flagger.event": "none",
  hidden: "read",
} satisfies Record<TRunEventType, TGateEffect>;

/** The state after `event`, or null when it must be read again (not the next event, or not foldable). */
export function foldGateEvent(state: TGateState, event: TRunEvent): TGateState | null {
  if (event.runId !== state.run.id || event.seq !== state.lastSeq + 1) return null;
  const effect: TGateEffect = GATE_EVENT_EFFECTS[event.type];
  const lastSeq = event.seq;
  switch (effect) {
    case "read":
      return null;
    case "none":
      return { ...state, lastSeq };
    case "poll":
      return { ...state, lastSeq, goNoGo: applyGoNoGoEvent({ goNoGo: state.goNoGo, roles: [] }, event).goNoGo };
    case "guards": {
      const { guards } = state;
      const folded = applyGuardEvent({ guards: { locks: guards.locks, freezes: guards.freezes, override: guards.override } }, event).guards!;
      return { ...state, lastSeq, guards: runGuardState(state.run.service, folded.locks, folded.freezes, folded.override) };
    }
  }
}
