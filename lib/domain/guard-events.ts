// What a screen holds of the locks and freezes on its run's service, and the run's override of
// them, and how each timeline event changes it. Pure, like the other folds applyRunEvent calls.
import type { TRunEvent } from "./events/catalogue";
import type { TGuardOverriddenPayload } from "./events/guard-payloads";
import { foldWith, ignored, type TFoldTable } from "./events/tables";
import { guardsFor, serviceKey, type TFreezeView, type TLockView } from "./service-guards";

export type TRunGuards = { locks: TLockView[]; freezes: TFreezeView[]; override: TGuardOverriddenPayload | null };

export const EMPTY_GUARDS: TRunGuards = { locks: [], freezes: [], override: null };

export const GUARD_FOLD = {
  // One lock per service: a new one replaces whatever the screen still showed.
  "lock.taken": (g, { payload: p }) => ({ ...g, locks: [...g.locks.filter((l) => serviceKey(l.service) !== serviceKey(p.lock.service)), p.lock] }),
  "lock.released": (g, { payload: p }) => ({ ...g, locks: g.locks.filter((l) => l.id !== p.lockId) }),
  "freeze.saved": (g, { payload: p }) => ({ ...g, freezes: [...g.freezes.filter((f) => f.id !== p.freeze.id), p.freeze] }),
  "freeze.removed": (g, { payload: p }) => ({ ...g, freezes: g.freezes.filter((f) => f.id !== p.freezeId) }),
  "guard.overridden": (g, { payload: p }) => ({ ...g, override: p }),
  ...ignored(
    "run.created",
    "item.changed",
    "run.status_changed",
    "rollout.advanced",
    "check.completed",
    "poll.opened",
    "poll.voted",
    "poll.closed",
    "poll.overridden",
    "run.role_reassigned",
    "metrics.states_changed",
    "metrics.rule_saved",
    "metrics.metric_declared",
    "metrics.token_created",
    "metrics.token_revoked",
    "rollback.triggered",
    "rollback.acknowledged",
    "rollback.decided",
    "announcement.posted",
    "announcement.delivery",
    "announcement.redelivery",
    "comms.template_saved",
    "comms.webhook_saved",
    "comms.webhook_removed",
    "decision.started",
    "decision.stepped",
    "decision.applied",
    "decision.abandoned",
    "share.created",
    "share.revoked",
    "flagger.event",
    "run.marked_faulty",
    "hidden",
  ),
} satisfies TFoldTable<TRunGuards>;

export function applyGuardEvent<T extends { guards?: TRunGuards }>(snapshot: T, event: TRunEvent): T {
  if (!GUARD_FOLD[event.type]) return snapshot;
  return { ...snapshot, guards: foldWith(GUARD_FOLD, snapshot.guards ?? EMPTY_GUARDS, event) };
}

/** "locks:<ids>/freezes:<ids>/override": for the snapshot's fingerprint. */
export function guardsFingerprint(guards: TRunGuards | undefined): string {
  const g = guards ?? EMPTY_GUARDS;
  return `${g.locks.map((l) => l.id).sort().join(",")}/${g.freezes.map((f) => f.id).sort().join(",")}/${g.override?.at ?? ""}`;
}

/** What holds the run at `now` as its screens say it: each lock or freeze, and whether this run overrode it. */
export function runGuardLines(service: string, guards: TRunGuards | undefined, now: number): { source: "lock" | "freeze"; message: string; isOverridden: boolean }[] {
  const g = guards ?? EMPTY_GUARDS;
  return guardsFor(service, g, now).map((guard) => ({ source: guard.source, message: guard.message, isOverridden: g.override?.keys.includes(guard.key) ?? false }));
}
