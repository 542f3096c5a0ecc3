// Stakeholder share links as screens and rules see them: the view of a link, its state at a moment,
// the default expiry, and the timeline events that record creating and revoking one. Pure.
import type { TRunEventType } from "./events/catalogue";

export const SHARE_EVENTS = { created: "share.created", revoked: "share.revoked" } as const satisfies Record<string, TRunEventType>;

/** Longest a link may live: a status link is for one deployment day, not a standing back door. */
export const MAX_LINK_DAYS = 30;
/** The default expiry: this long after the planned window ends. */
export const DEFAULT_EXPIRY_AFTER_WINDOW_MS = 24 * 60 * 60_000;

export type TShareLinkView = {
  id: string;
  runId: string;
  label: string;
  includeCharts: boolean;
  expiresAt: string;
  createdByName: string;
  createdAt: string;
  revokedAt: string | null;
  revokedByName: string | null;
  lastUsedAt: string | null;
};

export type TShareLinkState = "active" | "expired" | "revoked";

export type { TShareCreatedPayload, TShareRevokedPayload } from "./events/share-payloads";

export type TShareRun = { id: string; name: string; defaultExpiry: string };

export function shareLinkState(link: Pick<TShareLinkView, "expiresAt" | "revokedAt">, now: Date): TShareLinkState {
  if (link.revokedAt) return "revoked";
  return Date.parse(link.expiresAt) <= now.getTime() ? "expired" : "active";
}

/** 24 h after the planned window ends; if that has already passed, 24 h from now. */
export function defaultExpiry(run: { plannedStart: Date; plannedDurationMin: number }, now: Date): Date {
  const afterWindow = run.plannedStart.getTime() + run.plannedDurationMin * 60_000 + DEFAULT_EXPIRY_AFTER_WINDOW_MS;
  return new Date(Math.max(afterWindow, now.getTime() + DEFAULT_EXPIRY_AFTER_WINDOW_MS));
}
