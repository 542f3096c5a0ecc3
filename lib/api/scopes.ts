// What an API key may do. A key's kind (api_key) has a ceiling in PERMISSIONS; its scopes say which
// part of that ceiling this key holds. Pure: used by the route wrapper, runCommand and the UI.
import { z } from "zod";
import { can, type TActorKind, type TPermission } from "../domain/roles";

export const API_SCOPES = [
  "runs:read",
  "runs:write",
  "checklist:write",
  "rollout:write",
  "status:write",
  "announce:write",
  "metrics:write",
  "gate:read",
  "locks:write",
  "templates:read",
  "templates:write",
] as const;
export const ZApiScope = z.enum(API_SCOPES);
export type TApiScope = z.infer<typeof ZApiScope>;

export const API_SCOPE_LABELS: Record<TApiScope, string> = {
  "runs:read": "Read runs",
  "runs:write": "Create runs and mark completed runs faulty",
  "checklist:write": "Tick, skip, fail and reopen checklist items",
  "rollout:write": "Step the rollout",
  "status:write": "Move the run's status",
  "announce:write": "Post announcements",
  "metrics:write": "Push metric samples",
  "gate:read": "Read the go/no-go gate",
  "locks:write": "Take and release service locks, add and remove freeze windows",
  "templates:read": "Export templates as Markdown runbooks",
  "templates:write": "Import Markdown runbooks as new templates",
};

/**
 * The permissions each scope unlocks. Rollout and status share runs.control: the route asks for the
 * exact scope, so a rollout key still cannot move the status; this table is what runCommand checks.
 * runs:write holds runs.control for one route only: marking a completed run faulty (its verdict on a
 * deployment the pipeline created).
 */
export const SCOPE_PERMISSIONS = {
  "runs:read": ["runs.read"],
  "runs:write": ["runs.create", "runs.control"],
  "checklist:write": ["items.tick"],
  "rollout:write": ["runs.control"],
  "status:write": ["runs.control"],
  "announce:write": ["comms.post"],
  "metrics:write": ["metrics.ingest"],
  "gate:read": ["runs.read"],
  "locks:write": ["locks.manage"],
  "templates:read": ["templates.read"],
  "templates:write": ["templates.edit"],
} as const satisfies Record<TApiScope, readonly TPermission[]>;

export function scopesGrant(scopes: readonly string[], permission: TPermission): boolean {
  return scopes.some((scope) => (SCOPE_PERMISSIONS[scope as TApiScope] as readonly TPermission[] | undefined)?.includes(permission) ?? false);
}

export const ZApiScopes = z.array(ZApiScope).min(1, "Choose at least one scope").transform((scopes) => [...new Set(scopes)]);

/** An actor as commands see it; an API key carries its scopes. */
export type TScopedActor = { id: string; name: string; role: TActorKind; scopes?: readonly string[] };

/** The permission table, and for an API key also its scopes (a metrics key cannot tick items). */
export function actorCan(actor: TScopedActor, permission: TPermission): boolean {
  return can(actor.role, permission) && (actor.role !== "api_key" || scopesGrant(actor.scopes ?? [], permission));
}
