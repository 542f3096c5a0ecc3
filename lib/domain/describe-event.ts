// One timeline event in plain words, for the bridge screen and anyone reading the log afterwards.
// One describer per type of the catalogue (the table is checked against it); the payload is parsed
// with the catalogue's schema first, and anything unexpected still reads sensibly.
import { isRunEventType, RUN_EVENT_CATALOGUE, type TRunEventType } from "./events/catalogue";
import { COMMS_DESCRIBERS } from "./describe-comms-event";
import { GUARD_DESCRIBERS } from "./describe-guard-event";
import { METRIC_DESCRIBERS } from "./describe-metric-event";
import { POLL_DESCRIBERS } from "./describe-poll-event";
import { SHARE_DESCRIBERS } from "./describe-share-event";
import type { TDescribers } from "./describe-types";
import { STATUS_LABELS, type TRunStatus } from "./run-status";
import { stripBidiControls } from "./safe-text";

const withReason = (text: string, reason?: string | null) => (reason?.trim() ? `${text} (${reason.trim()})` : text);

// The end states read better as verbs than as "moved the run to Rolled back".
const STATUS_VERBS: Partial<Record<TRunStatus, string>> = {
  completed: "completed the run",
  rolled_back: "rolled the run back",
  aborted: "aborted the run",
  rescheduled: "rescheduled the run",
};

const describeItem: TDescribers["item.changed"] = (actor, p) => {
  const item = `“${p.text}”`;
  switch (p.state) {
    case "done":
      // An automatic tick's note is its evidence; a tick against the metrics carries the person's reason.
      if (p.override) return `${actor} ticked ${item} while ${p.override} — “${p.note ?? ""}”`;
      return p.note ? `${actor} ticked ${item}: ${p.note}` : `${actor} ticked ${item}`;
    case "skipped":
      return withReason(`${actor} skipped ${item}`, p.note);
    case "failed":
      return withReason(`${actor} marked ${item} failed`, p.note);
    case "open":
      return `${actor} reopened ${item}`;
  }
};

const describeStatus: TDescribers["run.status_changed"] = (actor, p) => {
  const verb = STATUS_VERBS[p.to] ?? `moved the run to ${STATUS_LABELS[p.to]}`;
  return withReason(`${actor} ${verb}`, p.reason);
};

const describeRollout: TDescribers["rollout.advanced"] = (actor, p) => {
  const step = `Rollout at ${p.percent}%${p.label ? ` (${p.label})` : ""} by ${actor}`;
  if (!p.override) return step;
  return `${step}, overriding the held checkpoint (${p.override.heldBecause[0] ?? "metrics unverified"}): “${p.override.reason}”`;
};

const describeCheckRound: TDescribers["check.completed"] = (actor, p) => {
  return withReason(`${actor} did the “${p.sectionTitle}” checks`, p.note);
};

/** "item.changed" → "item changed": a readable fallback for types this screen does not know yet. */
function humanise(type: string): string {
  return type.replace(/[._:-]+/g, " ").trim() || "an event";
}

export const DESCRIBERS = {
  "run.created": (actor) => `${actor} created the run`,
  "item.changed": describeItem,
  "run.status_changed": describeStatus,
  "rollout.advanced": describeRollout,
  "check.completed": describeCheckRound,
  "run.marked_faulty": (actor, p) => `${actor} marked the deployment faulty${p.wasValidating ? " during its validation window" : " after its validation window"}: ${p.reason}`,
  ...POLL_DESCRIBERS,
  ...METRIC_DESCRIBERS,
  ...COMMS_DESCRIBERS,
  ...SHARE_DESCRIBERS,
  ...GUARD_DESCRIBERS,
  // Nothing to say about an event this screen may not see: the generic line names it as hidden.
  hidden: null,
} satisfies TDescribers;

function describePayload<K extends TRunEventType>(type: K, actor: string, payload: unknown): string | null {
  const describe = DESCRIBERS[type] as ((actor: string, payload: unknown) => string | null) | null;
  if (!describe) return null;
  // Timeline entries are parsed when they arrive; this also reads entries from older builds safely.
  const parsed = RUN_EVENT_CATALOGUE[type].safeParse(payload);
  return parsed.success ? describe(actor, parsed.data) : null;
}

export function describeEvent(entry: { type: string; actorName: string; payload: unknown }): string {
  const actor = entry.actorName.trim() || "Someone";
  const described = isRunEventType(entry.type) ? describePayload(entry.type, actor, entry.payload) : null;
  // One sentence of our words around user text: no element can isolate a name inside a string, so an
  // override in a run or item name would reverse the rest of the sentence. Take the controls out.
  return stripBidiControls(described ?? `${actor}: ${humanise(entry.type)}`);
}
