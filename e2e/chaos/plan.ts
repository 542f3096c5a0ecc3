// When the chaos happens, decided up front from a seed so a failing run can be replayed: socket
// drops at random points of the run, SIGKILLs spread evenly (B first, then alternating), all
// measured in changes sent, never in wall-clock time.
import type { TItemAction, TItemState } from "../../lib/domain/checklist";

/** mulberry32: a small seeded generator, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type TChaosPlan = {
  /** Changes sent before each socket drop, ascending. */
  dropAt: number[];
  /** Changes sent before each SIGKILL, ascending, and which instance (0 = A, 1 = B). */
  kills: { at: number; instance: 0 | 1 }[];
};

export function planChaos(options: { changes: number; drops: number; kills: number }, random: () => number): TChaosPlan {
  const { changes, drops, kills } = options;
  // Within 5%–95% of the run, so every drop and kill happens while changes are still flowing.
  const dropAt = Array.from({ length: drops }, () => Math.floor(changes * (0.05 + 0.9 * random()))).sort((a, b) => a - b);
  const killPlan = Array.from({ length: kills }, (_, i) => ({
    at: Math.floor((changes * (i + 1)) / (kills + 1) * 0.8),
    instance: (i % 2 === 0 ? 1 : 0) as 0 | 1,
  }));
  return { dropAt, kills: killPlan };
}

/**
 * What a lead does to an item as its screen shows it: open items are ticked or skipped; finished
 * ones are mostly reopened, sometimes ticked again (which the rules refuse). Both leads acting on the
 * same items with the versions their screens show make the conflicts.
 */
export function chooseAction(state: TItemState, random: () => number): TItemAction {
  const roll = random();
  if (state === "open") return roll < 0.7 ? { kind: "done" } : { kind: "skip", reason: "Chaos: not needed today" };
  if (roll < 0.8) return { kind: "reopen" };
  return roll < 0.9 ? { kind: "done" } : { kind: "skip", reason: "Chaos: skipped after all" };
}
