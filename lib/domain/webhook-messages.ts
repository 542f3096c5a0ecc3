// Which run events leave Warroom for the run's webhooks, and as what: today a posted announcement,
// sent as written; every other event stays in the room. Keyed by the catalogue, so a new event type
// must be decided on here too. Pure: lib/comms/deliveries.ts does the sending.
import type { TRunEvent } from "./events/catalogue";
import { handlerFor, ignored, type TEventTable } from "./events/tables";
import type { TWebhookAnnouncement } from "./webhook-payload";

export const WEBHOOK_MESSAGES = {
  "announcement.posted": ({ payload: p }) => ({
    id: p.id,
    templateKey: p.templateKey,
    title: p.title,
    body: p.body,
    postedByName: p.postedByName,
    postedAt: p.postedAt,
  }),
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
    // Delivery reports and settings are about the webhooks themselves: never sent through them.
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
    "hidden",
  ),
} satisfies TEventTable<TWebhookAnnouncement>;

/** The message an event sends to the run's webhooks, or null when it sends none. */
export function webhookMessageOf(event: TRunEvent): TWebhookAnnouncement | null {
  return handlerFor(WEBHOOK_MESSAGES, event)?.(event) ?? null;
}
