// One timeline event in plain words, for the bridge screen and anyone reading the log afterwards.
// Payloads are stored JSON: each is checked here, and anything unexpected still reads sensibly.
// zod/mini: these run in the browser (bridge, war room), where the full zod would add ~30 kB.
import { z } from "zod/mini";
import { ITEM_STATES } from "./checklist";
import { COMMS_DESCRIBERS } from "./describe-comms-event";
import { METRIC_DESCRIBERS } from "./describe-metric-event";
import { POLL_DESCRIBERS } from "./describe-poll-event";
import { SHARE_DESCRIBERS } from "./describe-share-event";
import type { TTimelineEntry } from "./run-snapshot";
import { RUN_STATUSES, STATUS_LABELS, type TRunStatus } from "./run-status";

const ZItemChanged = z.object({ text: z.string(), state: z.enum(ITEM_STATES), note: z.nullish(z.string()) });
const ZStatusChanged = z.object({ to: z.enum(RUN_STATUSES), reason: z.nullish(z.string()) });
const ZRolloutAdvanced = z.object({ percent: z.number(), label: z.nullish(z.string()) });
const ZCheckCompleted = z.object({ sectionTitle: z.string(), note: z.nullish(z.string()) });

const withReason = (text: string, reason?: string | null) => (reason?.trim() ? `${text} (${reason.trim()})` : text);

// The end states read better as verbs than as "moved the run to Rolled back".
const STATUS_VERBS: Partial<Record<TRunStatus, string>> = {
  completed: "completed the run",
  rolled_back: "rolled the run back",
  aborted: "aborted the run",
  rescheduled: "rescheduled the run",
};

function describeItem(actor: string, payload: unknown): string | null {
  const p = ZItemChanged.safeParse(payload);
  if (!p.success) return null;
  const item = `“${p.data.text}”`;
  switch (p.data.state) {
    case "done":
      return `${actor} ticked ${item}`;
    case "skipped":
      return withReason(`${actor} skipped ${item}`, p.data.note);
    case "failed":
      return withReason(`${actor} marked ${item} failed`, p.data.note);
    case "open":
      return `${actor} reopened ${item}`;
  }
}

function describeStatus(actor: string, payload: unknown): string | null {
  const p = ZStatusChanged.safeParse(payload);
  if (!p.success) return null;
  const verb = STATUS_VERBS[p.data.to] ?? `moved the run to ${STATUS_LABELS[p.data.to]}`;
  return withReason(`${actor} ${verb}`, p.data.reason);
}

function describeRollout(actor: string, payload: unknown): string | null {
  const p = ZRolloutAdvanced.safeParse(payload);
  if (!p.success) return null;
  return `Rollout at ${p.data.percent}%${p.data.label ? ` (${p.data.label})` : ""} by ${actor}`;
}

function describeCheckRound(actor: string, payload: unknown): string | null {
  const p = ZCheckCompleted.safeParse(payload);
  if (!p.success) return null;
  return withReason(`${actor} did the “${p.data.sectionTitle}” checks`, p.data.note);
}

/** "item.changed" → "item changed": a readable fallback for types this screen does not know yet. */
function humanise(type: string): string {
  return type.replace(/[._:-]+/g, " ").trim() || "an event";
}

type TDescriber = (actor: string, payload: unknown) => string | null;

const DESCRIBERS: Record<string, TDescriber> = {
  "run.created": (actor) => `${actor} created the run`,
  "item.changed": describeItem,
  "run.status_changed": describeStatus,
  "rollout.advanced": describeRollout,
  "check.completed": describeCheckRound,
  ...POLL_DESCRIBERS,
  ...METRIC_DESCRIBERS,
  ...COMMS_DESCRIBERS,
  ...SHARE_DESCRIBERS,
};

export function describeEvent(entry: Pick<TTimelineEntry, "type" | "actorName" | "payload">): string {
  const actor = entry.actorName.trim() || "Someone";
  const describe = Object.hasOwn(DESCRIBERS, entry.type) ? DESCRIBERS[entry.type] : null;
  return describe?.(actor, entry.payload) ?? `${actor}: ${humanise(entry.type)}`;
}
