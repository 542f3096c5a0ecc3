// The "Deployment In Progress" update is due every 30 minutes while the deployment runs: counted from
// the latest one posted (or from the run's start) until the deployment is announced complete or rolled
// back. Pure: the clock is passed in.
import { isTerminal, type TRunStatus } from "./run-status";

export const DEFAULT_UPDATE_MINUTES = 30;

/** "every 30 minutes" → 30; anything without a number of minutes → the runbook's 30. */
export function cadenceMinutes(cadence: string | null | undefined): number {
  const match = /(\d+(?:\.\d+)?)\s*(?:min|minute)/i.exec(cadence ?? "");
  const minutes = match ? Number(match[1]) : NaN;
  return Number.isFinite(minutes) && minutes > 0 ? minutes : DEFAULT_UPDATE_MINUTES;
}

export type TUpdateDueInput = {
  status: TRunStatus;
  startedAt: string | null;
  /** Posted announcements, any order. */
  announcements: readonly { templateKey: string; postedAt: string }[];
  intervalMinutes: number;
};

export type TUpdateDue =
  | { kind: "upcoming"; dueAt: Date; remainingMs: number; lastPostedAt: Date | null }
  | { kind: "overdue"; dueAt: Date; overdueMs: number; lastPostedAt: Date | null };

/** Announcements that close the deployment's running commentary. */
const CLOSING = new Set(["complete", "rollback"]);

/** When the next in-progress update is due, or null when none is (not started, over, or announced closed). */
export function updateDue(input: TUpdateDueInput, now: Date): TUpdateDue | null {
  if (!input.startedAt || input.status === "planned" || input.status === "rescheduled" || isTerminal(input.status)) return null;
  const started = Date.parse(input.startedAt);
  const since = input.announcements.filter((a) => Date.parse(a.postedAt) >= started);
  if (since.some((a) => CLOSING.has(a.templateKey))) return null;
  const last = since.filter((a) => a.templateKey === "in_progress").reduce<number | null>((max, a) => Math.max(max ?? 0, Date.parse(a.postedAt)), null);
  const dueAt = new Date((last ?? started) + input.intervalMinutes * 60_000);
  const remainingMs = dueAt.getTime() - now.getTime();
  const lastPostedAt = last === null ? null : new Date(last);
  // Exactly at the due time it is due, not yet overdue.
  if (remainingMs < 0) return { kind: "overdue", dueAt, overdueMs: -remainingMs, lastPostedAt };
  return { kind: "upcoming", dueAt, remainingMs, lastPostedAt };
}
