// The chaos plan: reproducible from its seed, every drop and kill inside the run.
import { describe, expect, it } from "vitest";
import { chooseAction, planChaos, seededRandom } from "./plan";

describe("seededRandom", () => {
  it("gives the same numbers for the same seed, in [0, 1)", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(seededRandom(43)()).not.toBe(values[0]);
  });
});

describe("planChaos", () => {
  it("puts every drop between 5% and 95% of the changes, ascending", () => {
    const plan = planChaos({ changes: 1000, drops: 200, kills: 0 }, seededRandom(1));
    expect(plan.dropAt).toHaveLength(200);
    expect(plan.dropAt.every((at) => at >= 50 && at < 950)).toBe(true);
    expect([...plan.dropAt].sort((a, b) => a - b)).toEqual(plan.dropAt);
    expect(plan.kills).toEqual([]);
  });

  it("kills B first, then alternates, spread over the first 80% of the run", () => {
    expect(planChaos({ changes: 1000, drops: 0, kills: 1 }, seededRandom(1)).kills).toEqual([{ at: 400, instance: 1 }]);
    expect(planChaos({ changes: 150, drops: 0, kills: 2 }, seededRandom(1)).kills).toEqual([
      { at: 40, instance: 1 },
      { at: 80, instance: 0 },
    ]);
  });
});

describe("chooseAction", () => {
  it("ticks or skips an open item, mostly reopens a finished one", () => {
    const random = seededRandom(7);
    const onOpen = Array.from({ length: 200 }, () => chooseAction("open", random).kind);
    expect(new Set(onOpen)).toEqual(new Set(["done", "skip"]));
    const onDone = Array.from({ length: 200 }, () => chooseAction("done", random).kind);
    expect(onDone.filter((k) => k === "reopen").length).toBeGreaterThan(100);
  });
});
