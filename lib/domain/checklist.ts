// Checklist item rules: what a tick, skip, fail or undo does, and when a phase counts as complete.
import { formatUtcClock } from "./time-format";

export const ITEM_STATES = ["open", "done", "skipped", "failed"] as const;
export type TItemState = (typeof ITEM_STATES)[number];

/** What a tick, skip, fail or reopen asks for (checked by ZItemAction in run-schemas.ts). */
export type TItemAction = { kind: "done"; reason?: string } | { kind: "skip"; reason: string } | { kind: "fail"; note: string } | { kind: "reopen" };

export type TItemSnapshot = {
  state: TItemState;
  version: number;
  note: string | null;
  changedByName?: string | null;
  changedAt?: Date | string | null;
};

const STATE_WORDS: Record<TItemState, string> = { open: "open", done: "done", skipped: "skipped", failed: "failed" };

/** "done (Mo Member, 10:42:05 UTC) — “reason”": the state a refused change lost to. */
export function describeItemState(item: TItemSnapshot): string {
  const who = [item.changedByName, item.changedAt ? formatUtcClock(item.changedAt) : null].filter(Boolean).join(", ");
  return `${STATE_WORDS[item.state]}${who ? ` (${who})` : ""}${item.note ? ` — “${item.note}”` : ""}`;
}
export type TItemChange = { state: TItemState; note: string | null; version: number };

export type TItemResult = { ok: true; change: TItemChange } | { ok: false; code: "conflict"; reason: string };

const TARGET: Record<TItemAction["kind"], TItemState> = { done: "done", skip: "skipped", fail: "failed", reopen: "open" };

/** Compare-and-set: the change applies only to the version the person saw. */
export function applyItemAction(item: TItemSnapshot, action: TItemAction, seenVersion: number): TItemResult {
  if (seenVersion !== item.version) {
    return { ok: false, code: "conflict", reason: `Not applied: someone changed it first. It is now ${describeItemState(item)}.` };
  }
  const state = TARGET[action.kind];
  if (state === item.state && action.kind !== "skip" && action.kind !== "fail") {
    return { ok: false, code: "conflict", reason: `Not applied: it is already ${describeItemState(item)}.` };
  }
  const note = action.kind === "skip" ? action.reason : action.kind === "fail" ? action.note : null;
  return { ok: true, change: { state, note, version: item.version + 1 } };
}

export type TChecklistItem = { text: string; required: boolean; state: TItemState };

/** A phase is complete when each required item is done or skipped (a skip always has its reason). */
export function missingRequired(items: TChecklistItem[]): string[] {
  return items.filter((i) => i.required && i.state !== "done" && i.state !== "skipped").map((i) => i.text);
}

export function progress(items: { state: TItemState }[]): { done: number; total: number } {
  return { done: items.filter((i) => i.state === "done" || i.state === "skipped").length, total: items.length };
}
