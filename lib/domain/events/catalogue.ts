// The run event catalogue: every event type a run's timeline can hold, with the schema of its
// payload, in one table (documenso's audit-log model). TRunEventType, the event union and the
// handler tables all derive from it, so a type added here fails the typecheck until every fold,
// describer, public projection and webhook mapping has decided what to do with it.
// It lives in lib/domain because the pure folds need it; lib/timeline writes and replays the log.
// zod/mini: the war room, bridge and status page parse what they receive with the same schemas.
import { z } from "zod/mini";
import {
  ZAnnouncementPostedPayload,
  ZDeliveryPayload,
  ZRedeliveryPayload,
  ZTemplateSavedPayload,
  ZWebhookRemovedPayload,
  ZWebhookSavedPayload,
} from "./comms-payloads";
import { ZWalkAbandonedPayload, ZWalkAppliedPayload, ZWalkStartedPayload, ZWalkSteppedPayload } from "./decision-payloads";
import {
  ZAcknowledgedPayload,
  ZDecidedPayload,
  ZMetricDeclaredPayload,
  ZRuleSavedPayload,
  ZStatesChangedPayload,
  ZTokenCreatedPayload,
  ZTokenRevokedPayload,
  ZTriggeredPayload,
} from "./metric-payloads";
import { ZPollClosedPayload, ZPollOpenedPayload, ZPollOverriddenPayload, ZPollVotedPayload, ZRoleReassignedPayload } from "./poll-payloads";
import { ZCheckRoundPayload, ZItemChangedPayload, ZMarkedFaultyPayload, ZRolloutAdvancedPayload, ZRunCreatedPayload, ZStatusChangedPayload } from "./run-payloads";
import { ZShareCreatedPayload, ZShareRevokedPayload } from "./share-payloads";
import {
  ZFlaggerEventPayload,
  ZFreezeRemovedPayload,
  ZFreezeSavedPayload,
  ZGuardOverriddenPayload,
  ZLockReleasedPayload,
  ZLockTakenPayload,
} from "./guard-payloads";

export const RUN_EVENT_CATALOGUE = {
  "run.created": ZRunCreatedPayload,
  "item.changed": ZItemChangedPayload,
  "run.status_changed": ZStatusChangedPayload,
  "rollout.advanced": ZRolloutAdvancedPayload,
  "check.completed": ZCheckRoundPayload,
  "run.marked_faulty": ZMarkedFaultyPayload,
  "poll.opened": ZPollOpenedPayload,
  "poll.voted": ZPollVotedPayload,
  "poll.closed": ZPollClosedPayload,
  "poll.overridden": ZPollOverriddenPayload,
  "run.role_reassigned": ZRoleReassignedPayload,
  "metrics.states_changed": ZStatesChangedPayload,
  "metrics.rule_saved": ZRuleSavedPayload,
  "metrics.metric_declared": ZMetricDeclaredPayload,
  "metrics.token_created": ZTokenCreatedPayload,
  "metrics.token_revoked": ZTokenRevokedPayload,
  "rollback.triggered": ZTriggeredPayload,
  "rollback.acknowledged": ZAcknowledgedPayload,
  "rollback.decided": ZDecidedPayload,
  "announcement.posted": ZAnnouncementPostedPayload,
  "announcement.delivery": ZDeliveryPayload,
  "announcement.redelivery": ZRedeliveryPayload,
  "comms.template_saved": ZTemplateSavedPayload,
  "comms.webhook_saved": ZWebhookSavedPayload,
  "comms.webhook_removed": ZWebhookRemovedPayload,
  "decision.started": ZWalkStartedPayload,
  "decision.stepped": ZWalkSteppedPayload,
  "decision.applied": ZWalkAppliedPayload,
  "decision.abandoned": ZWalkAbandonedPayload,
  "share.created": ZShareCreatedPayload,
  "share.revoked": ZShareRevokedPayload,
  "lock.taken": ZLockTakenPayload,
  "lock.released": ZLockReleasedPayload,
  "freeze.saved": ZFreezeSavedPayload,
  "freeze.removed": ZFreezeRemovedPayload,
  "guard.overridden": ZGuardOverriddenPayload,
  "flagger.event": ZFlaggerEventPayload,
  /**
   * Not recorded by any command: what a status link receives in place of an event it may not see,
   * and what a stored payload that no longer matches its schema is read as. Its seq still counts, so
   * the seq-ordered fold and the replay after a gap work unchanged.
   */
  hidden: z.null(),
} as const;

export type TRunEventType = keyof typeof RUN_EVENT_CATALOGUE;
export type TRunEventPayload<K extends TRunEventType> = z.infer<(typeof RUN_EVENT_CATALOGUE)[K]>;

/** The one envelope every committed event travels in: database row → broadcast → replay → fold. */
export type TEventEnvelope<K extends TRunEventType = TRunEventType> = {
  runId: string;
  seq: number;
  type: K;
  actorId: string | null;
  actorName: string;
  payload: TRunEventPayload<K>;
  createdAt: string;
};

/** Any event of the catalogue, discriminated by `type`: switch on it and the payload is typed. */
export type TRunEvent = { [K in TRunEventType]: TEventEnvelope<K> }[TRunEventType];
export type TRunEventOf<K extends TRunEventType> = Extract<TRunEvent, { type: K }>;

/** What a command records: a type of the catalogue and its payload, checked by the compiler. */
export type TRunEventEffect = { [K in TRunEventType]: { type: K; payload: TRunEventPayload<K> } }[TRunEventType];

export const HIDDEN_EVENT = "hidden" satisfies TRunEventType;

export const isRunEventType = (type: string): type is TRunEventType => Object.hasOwn(RUN_EVENT_CATALOGUE, type);

/** An event as stored or sent: the type is a string and the payload is unchecked JSON. */
export type TRawRunEvent = Omit<TEventEnvelope, "type" | "payload"> & { type: string; payload: unknown };

export type TParsedRunEvent = { event: TRunEvent; problem: string | null };

/**
 * Reads a stored or received event with its type's schema. An unknown type or a payload that does
 * not match becomes a "hidden" event with the same seq (and the problem named, for the caller to
 * log): the timeline never has a hole, and no fold ever sees a payload of the wrong shape.
 */
export function parseRunEvent(raw: TRawRunEvent): TParsedRunEvent {
  const base = { runId: raw.runId, seq: raw.seq, actorId: raw.actorId, actorName: raw.actorName, createdAt: raw.createdAt };
  if (isRunEventType(raw.type)) {
    const parsed = RUN_EVENT_CATALOGUE[raw.type].safeParse(raw.payload);
    // The schema for raw.type just accepted the payload: the pair is a TRunEvent by construction.
    if (parsed.success) return { event: { ...base, type: raw.type, payload: parsed.data } as TRunEvent, problem: null };
    const issue = parsed.error.issues[0];
    return { event: { ...base, type: HIDDEN_EVENT, payload: null }, problem: `${raw.type} #${raw.seq}: ${issue ? `${issue.path.join(".") || "payload"}: ${issue.message}` : "invalid payload"}` };
  }
  return { event: { ...base, type: HIDDEN_EVENT, payload: null }, problem: `unknown event type “${raw.type}” #${raw.seq}` };
}
