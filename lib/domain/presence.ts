// Who is in a run's room right now. Pure: the server lists its sockets, this merges them per person.
import type { TRole } from "./roles";

/** Where a person has the run open: the war room (to work in it) or a bridge screen (to watch). */
export const RUN_VIEWS = ["war_room", "bridge"] as const;
export type TRunView = (typeof RUN_VIEWS)[number];

/** One person in a run's room now, however many tabs or screens they have open. */
export type TPresentUser = { userId: string; name: string; role: TRole; views: TRunView[] };

export type TPresentSocket = { user: { id: string; name: string; role: TRole }; view: TRunView };

/** One entry per person (several tabs collapse), views in a fixed order, people by name. */
export function presentUsers(sockets: TPresentSocket[]): TPresentUser[] {
  const byUser = new Map<string, TPresentUser>();
  for (const { user, view } of sockets) {
    const entry = byUser.get(user.id) ?? { userId: user.id, name: user.name, role: user.role, views: [] };
    if (!entry.views.includes(view)) entry.views.push(view);
    byUser.set(user.id, entry);
  }
  return [...byUser.values()]
    .map((u) => ({ ...u, views: RUN_VIEWS.filter((v) => u.views.includes(v)) }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
}

export type TRunRoleHolder = { role: string; userId: string; userName: string };

/**
 * The seed's "all team members present/online" check: each run role holder and whether they are in
 * the war room now (a bridge screen signed in as them does not count as them being there).
 */
export function rollCall(holders: TRunRoleHolder[], present: TPresentUser[]): (TRunRoleHolder & { isPresent: boolean })[] {
  const inRoom = new Set(present.filter((p) => p.views.includes("war_room")).map((p) => p.userId));
  return holders.map((h) => ({ ...h, isPresent: inRoom.has(h.userId) }));
}
