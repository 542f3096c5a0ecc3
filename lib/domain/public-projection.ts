// Events as a status link receives them: each type of the catalogue is public (with how its payload
// is cut down) or hidden (its seq and time only). The projection of a type returns a payload of the
// same type, so the status page folds it with the war room's own fold. Pure.
import type { TAcceptedChange } from "./go-no-go-rules";
import { HIDDEN_EVENT, type TRunEvent, type TRunEventPayload, type TRunEventType } from "./events/catalogue";
import { ignored } from "./events/tables";
import { redactAlert, redactFreeze, redactLock, redactReason, redactRuleSource, redactVerdict } from "./public-snapshot";
import { publicStatusReason } from "./walk-status-reason";

/** Longest announcement a status page shows: anything longer stays in the war room. */
const MAX_PUBLIC_TITLE = 500;
const MAX_PUBLIC_BODY = 20_000;

/** How a public type's payload is cut down; null from the projection hides this one event. */
type TProjectionTable = { [K in TRunEventType]: ((payload: TRunEventPayload<K>) => TRunEventPayload<K> | null) | null };

const redactChange = (c: TAcceptedChange): TAcceptedChange => ({
  ...c,
  reason: redactReason(c.reason),
  previous: c.previous ? { answer: c.previous.answer, reason: redactReason(c.previous.reason) } : null,
});

const same = <T>(payload: T): T => payload;

/** Every event type a run can record, public (with how its payload is cut down) or null (hidden). */
export const PUBLIC_PROJECTIONS = {
  "item.changed": (p) => ({ ...p, note: null, changedByName: "", override: null }),
  // Reasons stored with a decision guide's path (before guides stopped writing it) lose the path.
  "run.status_changed": (p) => ({ ...p, reason: publicStatusReason(p.reason) }),
  "rollout.advanced": same,
  "check.completed": (p) => ({ ...p, note: null }),
  "poll.opened": same,
  "poll.voted": (p) => ({ ...p, changes: p.changes.map(redactChange) }),
  "poll.closed": (p) => ({ ...p, decision: null }),
  "poll.overridden": (p) => ({ ...p, reason: "" }),
  // That a lock or freeze holds the run (the page says "Paused"), never who holds it or why.
  "lock.taken": (p) => ({ ...p, lock: redactLock(p.lock) }),
  "lock.released": (p) => ({ ...p, releasedByName: "" }),
  "freeze.saved": (p) => ({ ...p, freeze: redactFreeze(p.freeze) }),
  "freeze.removed": (p) => ({ ...p, reason: "" }),
  "guard.overridden": (p) => ({ ...p, messages: [], reason: "", byName: "" }),
  "metrics.states_changed": (p) => ({
    ...p,
    changes: p.changes.map((c) => (c.verdict ? { ...c, verdict: redactVerdict(c.verdict)! } : c)),
    alertsRaised: p.alertsRaised.map(redactAlert),
  }),
  "metrics.rule_saved": (p) => ({ ...p, rule: { ...p.rule, source: redactRuleSource(p.rule.source), verdict: redactVerdict(p.rule.verdict) } }),
  "metrics.metric_declared": same,
  "rollback.triggered": (p) => ({ alert: redactAlert(p.alert) }),
  "rollback.acknowledged": same,
  "rollback.decided": same,
  // Without its webhook deliveries (hosts, errors).
  "announcement.posted": (p) =>
    p.title.length > MAX_PUBLIC_TITLE || p.body.length > MAX_PUBLIC_BODY ? null : { ...p, deliveries: [] },
  ...ignored(
    "run.created",
    "run.role_reassigned",
    "metrics.token_created",
    "metrics.token_revoked",
    "announcement.delivery",
    "announcement.redelivery",
    "comms.template_saved",
    "comms.webhook_saved",
    "comms.webhook_removed",
    // Decision-tree walks are the team's deliberation; their outcomes reach the page as status changes.
    "decision.started",
    "decision.stepped",
    "decision.applied",
    "decision.abandoned",
    "share.created",
    "share.revoked",
    "flagger.event",
    // A verdict found after the run ended, with the team's reason: the team's business, not the page's.
    "run.marked_faulty",
    "hidden",
  ),
} satisfies TProjectionTable;

/** An event as a status link receives it: projected, or hidden (seq and time only). No actor. */
export function toPublicEvent(event: TRunEvent): TRunEvent {
  const base = { runId: event.runId, seq: event.seq, actorId: null, actorName: "", createdAt: event.createdAt };
  // The table's type pairs each key with its own payload type; TypeScript cannot follow that through
  // a union-typed lookup, so the projection is typed for this event's payload here.
  const project = (PUBLIC_PROJECTIONS as TProjectionTable)[event.type] as ((payload: TRunEvent["payload"]) => TRunEvent["payload"] | null) | null;
  const payload = project ? project(event.payload) : null;
  // Same type and a payload of that type (the table guarantees it): still a member of the union.
  return payload === null ? { ...base, type: HIDDEN_EVENT, payload: null } : ({ ...base, type: event.type, payload } as TRunEvent);
}
