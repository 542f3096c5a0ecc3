import { describe, expect, it } from "vitest";
import { FairTurns } from "./fair-turns";

const drain = (turns: FairTurns<string>) => {
  const out: string[] = [];
  for (let t = turns.next(); t !== undefined; t = turns.next()) out.push(t);
  return out;
};

describe("fair turns", () => {
  it("serves senders round-robin, each sender's own turns in order", () => {
    const turns = new FairTurns<string>();
    for (let i = 1; i <= 4; i++) turns.add("member", `m${i}`);
    turns.add("lead", "l1");
    turns.add("lead", "l2");
    turns.add("monitor", "x1");
    expect(turns.waitingCount).toBe(7);
    expect(drain(turns)).toEqual(["m1", "l1", "x1", "m2", "l2", "m3", "m4"]);
    expect(turns.waitingCount).toBe(0);
  });

  it("a sender arriving behind a flood is served after at most one of the flood's turns", () => {
    const turns = new FairTurns<string>();
    for (let i = 0; i < 100; i++) turns.add("member", `m${i}`);
    expect(turns.next()).toBe("m0");
    turns.add("lead", "lead");
    expect([turns.next(), turns.next()]).toEqual(["m1", "lead"]);
  });

  it("takes out a turn that gave up, keeping the others' order", () => {
    const turns = new FairTurns<string>();
    turns.add("a", "a1");
    turns.add("b", "b1");
    turns.add("a", "a2");
    expect(turns.remove("a", "a1")).toBe(true);
    expect(turns.remove("a", "nope")).toBe(false);
    expect(turns.remove("b", "b1")).toBe(true);
    expect(drain(turns)).toEqual(["a2"]);
  });

  it("is empty when nothing waits", () => {
    expect(new FairTurns<string>().next()).toBeUndefined();
  });
});
