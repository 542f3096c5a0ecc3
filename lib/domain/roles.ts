// Who may do what: account roles plus the two credentials that are not accounts (a stakeholder's
// share link, a monitoring script's metric token). The single table every server action, route
// handler and socket event consults; the UI hides buttons from it too, but the server check is the
// guard (the authorization matrix test in lib/auth/authorization-matrix.int.test.ts holds every
// mutation to it).
import { z } from "zod";

export const ROLES = ["admin", "lead", "member", "viewer"] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

export const ROLE_LABELS: Record<TRole, string> = {
  admin: "Admin",
  lead: "Lead",
  member: "Member",
  viewer: "Viewer",
};

/**
 * Who can be asking from outside: a signed-in account's role, or the holder of a share link, metric
 * token or API key. An API key's grants below are a ceiling: each call also needs the key's scope
 * (lib/api/scopes.ts), so a key made for metrics cannot tick items.
 */
export const ACTOR_KINDS = [...ROLES, "share_link", "metric_token", "api_key"] as const;
/**
 * Warroom's own actors, acting on runs from inside the server and never through a request: the
 * metrics monitor, which judges the rules and records what it finds. Its own kind, not an admin, so
 * what it may do is exactly what this table grants it.
 */
export const SYSTEM_ACTOR_KINDS = ["monitor"] as const;
export type TActorKind = (typeof ACTOR_KINDS)[number] | (typeof SYSTEM_ACTOR_KINDS)[number];

export const PERMISSIONS = {
  "users.manage": ["admin"],
  // Create, list and revoke workspace API keys (run keys are runs.control, like metric tokens were).
  "apikeys.manage": ["admin"],
  // An API key reads (exports) templates with the templates:read scope.
  "templates.read": ["admin", "lead", "member", "viewer", "api_key"],
  // Copy a template and edit the copy (runs keep their own copy, so this never changes a run);
  // import a Markdown runbook as a new template (an API key with templates:write too).
  "templates.edit": ["admin", "lead", "api_key"],
  "runs.read": ["admin", "lead", "member", "viewer", "api_key"],
  "runs.create": ["admin", "lead", "api_key"],
  "runs.control": ["admin", "lead", "api_key"],
  "items.tick": ["admin", "lead", "member", "api_key"],
  // Who may vote at all; only the holder of a position votes for it (checked per vote).
  "poll.vote": ["admin", "lead", "member"],
  // Create, list and revoke a run's stakeholder links.
  "share.manage": ["admin", "lead"],
  // The public status page and its live feed, for the one run the link names.
  "status.read": ["share_link"],
  // Push metric samples to the one run the token belongs to.
  "metrics.ingest": ["metric_token", "api_key"],
  // Record rule state changes, hold or restart the rollout checkpoint, raise rollback recommendations.
  "metrics.evaluate": ["monitor"],
  // Post a run's announcements, edit its communication templates, add and resend its webhooks.
  "comms.post": ["admin", "lead", "api_key"],
  // Webhooks every run's announcements go to.
  "webhooks.manage": ["admin"],
  // Prometheus servers rules may query: their URLs and credentials.
  "datasources.manage": ["admin"],
  // Take and release service locks; add and remove freeze windows (every run of the service hears of it).
  "locks.manage": ["admin", "lead", "api_key"],
  // Let one run deploy through the locks and freezes holding it, with a written reason on its timeline.
  "guards.override": ["admin", "lead"],
  // Walk a run's decision guides and apply their final actions (a status change is still runs.control).
  "decisions.walk": ["admin", "lead"],
} as const satisfies Record<string, readonly TActorKind[]>;

export type TPermission = keyof typeof PERMISSIONS;

export function can(actor: TActorKind, permission: TPermission): boolean {
  return (PERMISSIONS[permission] as readonly TActorKind[]).includes(actor);
}
