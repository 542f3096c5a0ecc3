// Locks, freezes, their override and Flagger's events in plain words, for the timeline and the bridge.
import { describeFreeze } from "./service-guards";
import type { TDescribers } from "./describe-types";

export const GUARD_DESCRIBERS = {
  "lock.taken": (actor, p) => `${actor} locked ${p.lock.service}: ${p.lock.reason}`,
  "lock.released": (actor, p) => `${actor} released the lock on ${p.service}`,
  "freeze.saved": (actor, p) => `${actor} froze ${p.freeze.service ?? "every service"} (${describeFreeze(p.freeze)}): ${p.freeze.reason}`,
  "freeze.removed": (actor, p) => `${actor} lifted the freeze on ${p.service ?? "every service"} (${p.reason})`,
  "guard.overridden": (actor, p) => `${actor} overrode for this run ${p.messages.length === 1 ? "“" + p.messages[0] + "”" : `${p.messages.length} locks and freezes`}: ${p.reason}`,
  "flagger.event": (_actor, p) => `Flagger (${p.canary}, ${p.phase}): ${p.message}`,
} satisfies Partial<TDescribers>;
