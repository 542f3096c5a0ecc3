// Account roles and what each may do. The single table every server action, route handler and
// socket event consults; the UI hides buttons from it too, but the server check is the guard.
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

export const PERMISSIONS = {
  "users.manage": ["admin"],
  "templates.read": ["admin", "lead", "member", "viewer"],
  "runs.read": ["admin", "lead", "member", "viewer"],
  "runs.create": ["admin", "lead"],
  "runs.control": ["admin", "lead"],
  "items.tick": ["admin", "lead", "member"],
  // Who may vote at all; only the holder of a position votes for it (checked per vote).
  "poll.vote": ["admin", "lead", "member"],
} as const satisfies Record<string, readonly TRole[]>;

export type TPermission = keyof typeof PERMISSIONS;

export function can(role: TRole, permission: TPermission): boolean {
  return (PERMISSIONS[permission] as readonly TRole[]).includes(role);
}
