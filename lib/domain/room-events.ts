// What the bridge's "Latest events" list may say to a room: the run's own story (ticks, status moves,
// rollout steps, the poll, rollback recommendations and decisions, announcements posted), never the
// plumbing behind it — webhook hosts and deliveries, tokens, status links, rule edits, or a data
// source's error text ("connect ECONNREFUSED 10.0.0.5:9090"). One entry per event type of the
// catalogue, so a new type must decide whether a TV on the call shows it. Pure.
import { describeEvent } from "./describe-event";
import type { TRunEvent, TRunEventOf, TRunEventType } from "./events/catalogue";
import type { TRuleChange } from "./metric-events";
import { RULE_STATE_LABELS } from "./metric-rules";
import { stripBidiControls } from "./safe-text";

type TRoomLine<K extends TRunEventType> = "as_described" | ((event: TRunEventOf<K>) => string | null) | null;

/** A rule change worth telling the room: anything but data arriving for a calm rule. */
const isNews = (c: TRuleChange) => !(c.from === "inconclusive" && (c.severity === "success" ? c.to !== "firing" : c.to === "ok"));

const ruleChange = (c: TRuleChange) =>
  c.severity === "success" ? `success criterion “${c.label}” ${c.to === "firing" ? "met" : "not met"}` : `“${c.label}” ${RULE_STATE_LABELS[c.to].toLowerCase()}`;

export const ROOM_LINES: { [K in TRunEventType]: TRoomLine<K> } = {
  "run.created": "as_described",
  "item.changed": "as_described",
  "run.status_changed": "as_described",
  "rollout.advanced": "as_described",
  "check.completed": "as_described",
  "run.marked_faulty": "as_described",
  "poll.opened": "as_described",
  "poll.voted": "as_described",
  "poll.closed": "as_described",
  "poll.overridden": "as_described",
  "run.role_reassigned": "as_described",
  // The rules' news in their own words; a held checkpoint's reason can quote a data source's error.
  "metrics.states_changed": (e) => {
    const raised = e.payload.alertsRaised.map((a) => `“${a.label}”`);
    const changes = e.payload.changes.filter(isNews).map(ruleChange);
    const parts = [...(raised.length ? [`ROLLBACK RECOMMENDED: ${raised.join(", ")}`] : []), ...changes];
    return parts.length ? `${e.actorName}: ${parts.join("; ")}` : null;
  },
  "metrics.rule_saved": null,
  "metrics.metric_declared": null,
  "metrics.token_created": null,
  "metrics.token_revoked": null,
  "rollback.triggered": "as_described",
  "rollback.acknowledged": (e) => `${e.actorName} acknowledged “${e.payload.label}”`,
  "rollback.decided": (e) => `${e.actorName} decided to ${e.payload.decision === "rollback" ? "roll back" : "continue"} on “${e.payload.label}” (${e.payload.reason})`,
  // Which webhooks it goes to is the comms panel's business, not the room's.
  "announcement.posted": (e) => `${e.actorName} posted the announcement “${e.payload.title}”`,
  "announcement.delivery": null,
  "announcement.redelivery": null,
  "comms.template_saved": null,
  "comms.webhook_saved": null,
  "comms.webhook_removed": null,
  "decision.started": "as_described",
  "decision.stepped": null,
  "decision.applied": "as_described",
  "decision.abandoned": null,
  "share.created": null,
  "share.revoked": null,
  // A lock or freeze on the service, and a lead's override of one, decide whether the run may go on.
  "lock.taken": "as_described",
  "lock.released": "as_described",
  "freeze.saved": "as_described",
  "freeze.removed": "as_described",
  "guard.overridden": "as_described",
  // Flagger's own messages can quote its metric queries' errors: the war room's timeline has them.
  "flagger.event": null,
  hidden: null,
};

/** The event as the room reads it, or null when it is not for the room. */
export function roomLine(event: TRunEvent): string | null {
  const line = ROOM_LINES[event.type] as TRoomLine<TRunEventType>;
  if (line === null) return null;
  if (line === "as_described") return describeEvent(event);
  const text = (line as (event: TRunEvent) => string | null)(event);
  return text === null ? null : stripBidiControls(text);
}

/** The newest `limit` events a room should see, newest first (the timeline is newest first), with their line. */
export function roomEvents(timeline: readonly TRunEvent[], limit: number): { event: TRunEvent; line: string }[] {
  const shown: { event: TRunEvent; line: string }[] = [];
  for (const event of timeline) {
    if (shown.length >= limit) break;
    const line = roomLine(event);
    if (line !== null) shown.push({ event, line });
  }
  return shown;
}
