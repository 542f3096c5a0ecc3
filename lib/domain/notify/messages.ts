// Which run events leave Warroom, and as what: every event type of the catalogue maps to the notices
// it sends (possibly none), each with the triggers a destination chooses from. Keyed by the
// catalogue, so a new event type must be decided on here too (catalogue.test.ts). Only what a status
// link may see goes out: never item notes, NO-GO or override reasons, a manual trigger's note,
// tokens or webhook details. Pure: lib/notify/ queues and sends.
import type { TRunEvent, TRunEventOf } from "../events/catalogue";
import { handlerFor, ignored, type TEventTable } from "../events/tables";
import { LINKED_TICK_ACTOR } from "../item-links";
import { formatMetricValue, STAGE_LABELS, type TMetricStage } from "../metric-catalog";
import type { TRuleChange } from "../metric-events";
import { isTerminal, STATUS_LABELS } from "../run-status";
import { describeFreeze } from "../service-guards";
import { publicStatusReason } from "../walk-status-reason";
import { dedupKeyOf, type TNotice, type TNoticeFact, type TNoticeTone } from "./notice";
import type { TNotifyTrigger } from "./kinds";

type TBase = Pick<TNotice, "at" | "eventType" | "seq">;
const base = (event: TRunEvent): TBase => ({ at: event.createdAt, eventType: event.type, seq: event.seq });

function notice(event: TRunEvent, fields: Partial<TNotice> & Pick<TNotice, "key" | "triggers" | "tone" | "title" | "summary">): TNotice {
  return { text: null, facts: [], page: null, announcement: null, ...base(event), ...fields };
}

const valueOf = (value: number | null, unit: string, stage: TMetricStage | null): string | null =>
  value === null ? null : `${formatMetricValue(value, unit)}${stage && stage !== "overall" ? ` on ${STAGE_LABELS[stage].toLowerCase()}` : ""}`;

const facts = (...pairs: [string, string | null | undefined][]): TNoticeFact[] =>
  pairs.flatMap(([label, value]) => (value ? [{ label, value }] : []));

const TEMPLATE_TONES: Record<string, TNoticeTone> = { rollback: "danger", complete: "good" };

const INCONCLUSIVE_WORDS: Record<string, string> = {
  no_data: "no samples in its window",
  stale: "its feed went stale",
  provider_error: "its data source failed",
  too_few_samples: "too few samples",
};

function statusNotice(event: TRunEventOf<"run.status_changed">): TNotice {
  const { from, to, reason } = event.payload;
  const isStart = from === "planned";
  const isEnd = isTerminal(to);
  const triggers: TNotifyTrigger[] = ["status.changed", ...(isStart ? ["run.started" as const] : []), ...(isEnd ? ["run.completed" as const] : [])];
  const tone: TNoticeTone = to === "completed" ? "good" : to === "rolled_back" || to === "aborted" ? "danger" : to === "rescheduled" ? "warning" : "info";
  const title = isEnd ? `Run ${STATUS_LABELS[to].toLowerCase()}` : isStart ? `Run started: ${STATUS_LABELS[to]}` : `Now in ${STATUS_LABELS[to]}`;
  const publicReason = publicStatusReason(reason);
  return notice(event, {
    key: "status",
    triggers,
    tone,
    title,
    summary: `${event.actorName} moved the run from ${STATUS_LABELS[from]} to ${STATUS_LABELS[to]}.`,
    facts: facts(["From", STATUS_LABELS[from]], ["To", STATUS_LABELS[to]], ["Reason", publicReason]),
    page: isStart || isEnd ? { kind: "change" } : null,
  });
}

function ruleChangeNotices(event: TRunEventOf<"metrics.states_changed">, change: TRuleChange): TNotice[] {
  const value = valueOf(change.value, change.unit, change.stage);
  if (change.severity === "rollback" && change.from === "firing" && change.to === "ok") {
    return [
      notice(event, {
        key: `cleared:${change.ruleId}`,
        triggers: ["rollback.cleared"],
        tone: "good",
        title: `Rollback rule cleared: ${change.label}`,
        summary: `“${change.label}” is back within its threshold.`,
        facts: facts(["Rule", change.label], ["Metric", change.metric], ["Value", value]),
        page: { kind: "resolve", dedupKey: dedupKeyOf(event.runId, { ruleId: change.ruleId, alertId: "" }) },
      }),
    ];
  }
  if (change.to === "inconclusive" && change.from !== "inconclusive") {
    const why = change.verdict?.inconclusive ? INCONCLUSIVE_WORDS[change.verdict.inconclusive.kind] : null;
    return [
      notice(event, {
        key: `inconclusive:${change.ruleId}`,
        triggers: ["rule.inconclusive"],
        tone: "warning",
        title: `Rule unverified: ${change.label}`,
        summary: `“${change.label}” cannot be judged${why ? `: ${why}` : ""}. Is the monitoring feed running?`,
        facts: facts(["Rule", change.label], ["Metric", change.metric], ["Severity", change.severity]),
      }),
    ];
  }
  return [];
}

const checkpointNotice = (event: TRunEvent, checkpoint: { startedAt: string | null; reason: string } | undefined): TNotice[] =>
  checkpoint
    ? [
        notice(event, {
          key: "checkpoint",
          triggers: ["checkpoint.changed"],
          tone: checkpoint.startedAt ? "info" : "warning",
          title: checkpoint.startedAt ? "Checkpoint countdown restarted" : "Checkpoint held",
          summary: checkpoint.reason,
        }),
      ]
    : [];

type TAlert = { id: string; ruleId: string | null; label: string; metric: string | null; stage: TMetricStage | null; value: number | null; unit: string; raisedByName: string };

function recommendedNotice(event: TRunEvent, alert: TAlert): TNotice {
  const value = valueOf(alert.value, alert.unit, alert.stage);
  return notice(event, {
    key: `recommended:${alert.id}`,
    triggers: ["rollback.recommended"],
    tone: "danger",
    title: `ROLLBACK RECOMMENDED: ${alert.label}`,
    summary: alert.ruleId ? `The rollback rule “${alert.label}” is firing${value ? ` (${value})` : ""}.` : `${alert.raisedByName} pulled the rollback trigger “${alert.label}”.`,
    facts: facts(["Trigger", alert.label], ["Metric", alert.metric], ["Value", value], ["Raised by", alert.raisedByName]),
    page: { kind: "trigger", dedupKey: dedupKeyOf(event.runId, { ruleId: alert.ruleId, alertId: alert.id }), severity: "critical", component: alert.metric },
  });
}

/** Every event type: the notices it sends (null: none ever). */
export const NOTIFICATION_MESSAGES = {
  "announcement.posted": (event) => {
    const p = event.payload;
    const announcement = { id: p.id, templateKey: p.templateKey, title: p.title, body: p.body, postedByName: p.postedByName, postedAt: p.postedAt };
    return [
      notice(event, {
        key: "announcement",
        triggers: ["announcement.posted"],
        tone: TEMPLATE_TONES[p.templateKey] ?? "info",
        title: p.title,
        summary: `${p.postedByName} posted “${p.title}”.`,
        text: p.body,
        facts: facts(["Posted by", p.postedByName]),
        announcement,
      }),
    ];
  },
  "run.status_changed": (event) => [statusNotice(event)],
  "rollout.advanced": (event) => {
    const p = event.payload;
    return [
      notice(event, {
        key: "rollout",
        triggers: ["rollout.stepped"],
        tone: p.override ? "warning" : "info",
        title: `Rollout at ${p.percent}%: ${p.label}`,
        summary: p.override ? `${event.actorName} stepped the rollout on while the metrics held it.` : `${event.actorName} stepped the rollout to ${p.percent}%.`,
        facts: facts(["Step", p.label], ["Checkpoint", p.checkpoint], ["Held because", p.override?.heldBecause.join("; ")]),
      }),
    ];
  },
  "poll.closed": (event) => {
    const p = event.payload;
    const isGo = p.outcome === "proceed";
    return [
      notice(event, {
        key: "go_no_go",
        triggers: ["go_no_go.decided"],
        tone: isGo ? "good" : "warning",
        title: `Go/no-go round ${p.round}: ${isGo ? "PROCEED" : "RESCHEDULE"}`,
        summary: `${p.closedByName} closed the go/no-go poll: ${isGo ? "the team said GO" : "the deployment is rescheduled"}.`,
        facts: facts(["Outcome", isGo ? "Proceed" : "Reschedule"], ["Round", String(p.round)]),
      }),
    ];
  },
  "poll.overridden": (event) => [
    notice(event, {
      key: "go_no_go",
      triggers: ["go_no_go.decided"],
      tone: "warning",
      title: `Go/no-go round ${event.payload.round} overridden`,
      summary: `${event.payload.byName} overrode the go/no-go outcome with a written reason (in the war room).`,
    }),
  ],
  "metrics.states_changed": (event) => [
    ...event.payload.alertsRaised.map((alert) => recommendedNotice(event, alert)),
    ...event.payload.changes.flatMap((change) => ruleChangeNotices(event, change)),
    ...checkpointNotice(event, event.payload.checkpoint),
  ],
  "metrics.rule_saved": (event) => checkpointNotice(event, event.payload.checkpoint),
  "rollback.triggered": (event) => [recommendedNotice(event, event.payload.alert)],
  "rollback.decided": (event) => {
    const p = event.payload;
    const isRollback = p.decision === "rollback";
    return [
      notice(event, {
        key: `decided:${p.alertId}`,
        triggers: ["rollback.decided"],
        tone: isRollback ? "danger" : "warning",
        title: isRollback ? `Rolling back: ${p.label}` : `Continuing despite: ${p.label}`,
        summary: `${p.byName} decided to ${isRollback ? "roll back" : "continue"}.`,
        facts: facts(["Trigger", p.label], ["Decision", isRollback ? "Roll back" : "Continue"], ["Reason", p.reason], ["Decided by", p.byName]),
        page: { kind: "resolve", dedupKey: dedupKeyOf(event.runId, { ruleId: p.ruleId ?? null, alertId: p.alertId }) },
      }),
    ];
  },
  "item.changed": (event) => {
    const p = event.payload;
    // A tied item ticking itself is a checkpoint or rule passing with data; a person's tick is not news.
    if (event.actorId !== LINKED_TICK_ACTOR.id || p.state !== "done") return [];
    return [
      notice(event, {
        key: `passed:${p.itemId}`,
        triggers: ["checkpoint.changed"],
        tone: "good",
        title: `Passed: ${p.text}`,
        summary: p.note ?? "Passed with data.",
      }),
    ];
  },
  // A lock or freeze reaching a run of its service: who and what, the reason stays in Warroom.
  "lock.taken": (event) => {
    const { lock } = event.payload;
    return [
      notice(event, {
        key: `lock:${lock.id}`,
        triggers: ["lock.applied"],
        tone: "warning",
        title: `Service locked: ${lock.service}`,
        summary: `${lock.holderName} locked ${lock.service}: it does not deploy until the lock is released or overridden (the reason is in the war room).`,
        facts: facts(["Service", lock.service], ["Held by", lock.holderName]),
      }),
    ];
  },
  "freeze.saved": (event) => {
    const { freeze } = event.payload;
    const service = freeze.service ?? "every service";
    return [
      notice(event, {
        key: `freeze:${freeze.id}`,
        triggers: ["lock.applied"],
        tone: "warning",
        title: `Deploy freeze: ${service}`,
        summary: `${freeze.createdByName} froze ${service} (${describeFreeze(freeze)}); the reason is in the war room.`,
        facts: facts(["Service", service], ["When", describeFreeze(freeze)]),
      }),
    ];
  },
  // A completed deployment found faulty later is a failed change: who said so; the reason stays in Warroom.
  "run.marked_faulty": (event) => [
    notice(event, {
      key: "faulty",
      triggers: ["status.changed"],
      tone: "danger",
      title: "Deployment marked faulty",
      summary: `${event.actorName} marked the completed deployment faulty (the reason is in the war room).`,
    }),
  ],
  ...ignored(
    "run.created",
    "check.completed",
    "poll.opened",
    "poll.voted",
    "run.role_reassigned",
    "metrics.metric_declared",
    "metrics.token_created",
    "metrics.token_revoked",
    "rollback.acknowledged",
    // Delivery reports and settings are about the destinations themselves: never sent through them.
    "announcement.delivery",
    "announcement.redelivery",
    "comms.template_saved",
    "comms.webhook_saved",
    "comms.webhook_removed",
    // Decision-tree walks are the team's deliberation; their outcomes go out as status changes.
    "decision.started",
    "decision.stepped",
    "decision.applied",
    "decision.abandoned",
    "share.created",
    "share.revoked",
    // A lock released or a freeze lifted lets the run go on: its status changes say so.
    "lock.released",
    "freeze.removed",
    // The override's reason is the team's; the gate and the timeline carry it.
    "guard.overridden",
    "flagger.event",
    "hidden",
  ),
} satisfies TEventTable<TNotice[]>;

/** The notices an event sends (none for most). */
export function noticesOf(event: TRunEvent): TNotice[] {
  return handlerFor(NOTIFICATION_MESSAGES, event)?.(event) ?? [];
}
