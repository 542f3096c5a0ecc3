// "Catch me up": what a late joiner needs before reading the timeline — where the run is, what was
// decided, which rollback recommendations are still open, and the last announcement — folded from the
// event log. The page folds the run's whole log on the server (catch-up-query.ts) and the browser
// goes on folding each event as it arrives, with the same fold. One entry per event type of the
// catalogue, so a new type must decide whether it belongs in the summary. Pure.
import { OUTCOME_WORDS } from "./go-no-go";
import type { TRunEvent } from "./events/catalogue";
import { foldWith, ignored, type TFoldTable } from "./events/tables";
import { isTerminal, STATUS_LABELS, type TRunStatus } from "./run-status";
import { stripBidiControls } from "./safe-text";
import { formatUtcMinute } from "./time-format";

export type TCatchUpDecision = { seq: number; at: string; text: string };
export type TCatchUpAlert = { id: string; label: string; raisedAt: string };

export type TCatchUp = {
  /** The last event folded in: later ones are folded on arrival, earlier ones skipped. */
  throughSeq: number;
  status: TRunStatus;
  /** When the run entered its status (null: since it was created). */
  statusSince: string | null;
  rolloutPercent: number;
  /** The latest decisions, oldest first, at most MAX_DECISIONS. */
  decisions: TCatchUpDecision[];
  /** Rollback recommendations raised and not yet decided. */
  openAlerts: TCatchUpAlert[];
  lastAnnouncement: { title: string; byName: string; at: string } | null;
};

export const MAX_DECISIONS = 5;

export const EMPTY_CATCH_UP: TCatchUp = { throughSeq: 0, status: "planned", statusSince: null, rolloutPercent: 0, decisions: [], openAlerts: [], lastAnnouncement: null };

const STATUS_DECISIONS: Partial<Record<TRunStatus, string>> = {
  rolled_back: "rolled the run back",
  aborted: "aborted the run",
  rescheduled: "rescheduled the run",
  completed: "completed the run",
};

function decided(state: TCatchUp, event: TRunEvent, text: string): TCatchUp {
  return { ...state, decisions: [...state.decisions, { seq: event.seq, at: event.createdAt, text }].slice(-MAX_DECISIONS) };
}

const raise = (alerts: TCatchUpAlert[], raised: { id: string; label: string; raisedAt: string }[]) => [
  ...alerts,
  ...raised.filter((a) => !alerts.some((open) => open.id === a.id)).map(({ id, label, raisedAt }) => ({ id, label, raisedAt })),
];

export const CATCH_UP_FOLD = {
  "run.status_changed": (state, event) => {
    const p = event.payload;
    const next: TCatchUp = { ...state, status: p.to, statusSince: event.createdAt, openAlerts: isTerminal(p.to) ? [] : state.openAlerts };
    const verb = STATUS_DECISIONS[p.to];
    return verb ? decided(next, event, `${event.actorName} ${verb}${p.reason ? ` (${p.reason})` : ""}`) : next;
  },
  "rollout.advanced": (state, event) => {
    const p = event.payload;
    const next = { ...state, rolloutPercent: p.percent };
    return p.override ? decided(next, event, `${event.actorName} stepped the rollout to ${p.percent}% over a held checkpoint: “${p.override.reason}”`) : next;
  },
  "poll.closed": (state, event) => decided(state, event, `Go/No-Go round ${event.payload.round}: ${OUTCOME_WORDS[event.payload.outcome]} (closed by ${event.payload.closedByName})`),
  "poll.overridden": (state, event) => decided(state, event, `${event.payload.byName} overrode Go/No-Go round ${event.payload.round} to PROCEED: “${event.payload.reason}”`),
  "metrics.states_changed": (state, event) => (event.payload.alertsRaised.length ? { ...state, openAlerts: raise(state.openAlerts, event.payload.alertsRaised) } : state),
  "rollback.triggered": (state, event) => ({ ...state, openAlerts: raise(state.openAlerts, [event.payload.alert]) }),
  "rollback.decided": (state, event) => {
    const p = event.payload;
    const next = { ...state, openAlerts: state.openAlerts.filter((a) => a.id !== p.alertId) };
    return decided(next, event, `${p.byName} decided to ${p.decision === "rollback" ? "roll back" : "continue"} on “${p.label}”: “${p.reason}”`);
  },
  "decision.applied": (state, event) => decided(state, event, `${event.payload.endedByName} applied ${event.payload.actionLabel.toUpperCase()} from “${event.payload.treeTitle}”`),
  "guard.overridden": (state, event) => decided(state, event, `${event.payload.byName} overrode ${event.payload.messages.length === 1 ? `“${event.payload.messages[0]}”` : `${event.payload.messages.length} locks and freezes`} for this run: “${event.payload.reason}”`),
  "announcement.posted": (state, event) => ({ ...state, lastAnnouncement: { title: event.payload.title, byName: event.payload.postedByName, at: event.payload.postedAt } }),
  ...ignored(
    "run.created",
    "item.changed",
    "check.completed",
    "poll.opened",
    "poll.voted",
    "run.role_reassigned",
    "metrics.rule_saved",
    "metrics.metric_declared",
    "metrics.token_created",
    "metrics.token_revoked",
    "rollback.acknowledged",
    "announcement.delivery",
    "announcement.redelivery",
    "comms.template_saved",
    "comms.webhook_saved",
    "comms.webhook_removed",
    "decision.started",
    "decision.stepped",
    "decision.abandoned",
    "share.created",
    "share.revoked",
    "lock.taken",
    "lock.released",
    "freeze.saved",
    "freeze.removed",
    "flagger.event",
    "run.marked_faulty",
    "hidden",
  ),
} satisfies TFoldTable<TCatchUp>;

/** The event types the summary reads (the server loads only these from the log). */
export const CATCH_UP_EVENT_TYPES = Object.entries(CATCH_UP_FOLD)
  .filter(([, fold]) => fold !== null)
  .map(([type]) => type);

/** Folds one event in; an event already folded (seq at or below throughSeq) changes nothing. */
export function foldCatchUp(state: TCatchUp, event: TRunEvent): TCatchUp {
  if (event.seq <= state.throughSeq) return state;
  return { ...foldWith(CATCH_UP_FOLD, state, event), throughSeq: event.seq };
}

/** The summary of a log (any order: folded by seq). */
export function catchUp(events: readonly TRunEvent[], start: TCatchUp = EMPTY_CATCH_UP): TCatchUp {
  return [...events].sort((a, b) => a.seq - b.seq).reduce(foldCatchUp, start);
}

export type TCatchUpLines = { where: string; decisions: string[]; alerts: string[]; announcement: string };

/**
 * The summary in sentences. `phaseTitle` names the phase the status works through, from the run's
 * own runbook ("Production Deployment"); without one, the status says where the run is.
 */
export function catchUpLines(state: TCatchUp, phaseTitle: string | null): TCatchUpLines {
  const since = state.statusSince ? ` since ${formatUtcMinute(state.statusSince)}` : "";
  const traffic = state.rolloutPercent > 0 && ["production", "validation", "monitoring"].includes(state.status) ? `, ${state.rolloutPercent}% of production traffic on the new version` : "";
  const where = isTerminal(state.status)
    ? `${STATUS_LABELS[state.status]}${state.statusSince ? ` at ${formatUtcMinute(state.statusSince)}` : ""}`
    : `${phaseTitle ?? STATUS_LABELS[state.status]}${since}${traffic}`;
  // Sentences of our words around user text (labels, names, reasons): no element can isolate a name
  // inside a string, so bidi controls are taken out (as describeEvent does).
  const clean = stripBidiControls;
  return {
    where: clean(where),
    decisions: state.decisions.map((d) => clean(`${formatUtcMinute(d.at)} — ${d.text}`)),
    alerts: state.openAlerts.map((a) => clean(`ROLLBACK RECOMMENDED: “${a.label}” (raised ${formatUtcMinute(a.raisedAt)}, not decided)`)),
    announcement: state.lastAnnouncement ? clean(`“${state.lastAnnouncement.title}” by ${state.lastAnnouncement.byName} at ${formatUtcMinute(state.lastAnnouncement.at)}`) : "None posted yet",
  };
}
