import { describe, expect, it } from "vitest";
import { createInTurn } from "./in-turn";

/** A piece of work that finishes only when the test says so, recording when it starts. */
function gate(log: string[], name: string) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, work: async () => (log.push(`start ${name}`), await opened, log.push(`end ${name}`), name) };
}

describe("createInTurn", () => {
  it("starts the next piece of work only after the previous one has finished", async () => {
    const log: string[] = [];
    const inTurn = createInTurn();
    const a = gate(log, "a");
    const b = gate(log, "b");
    const results = [inTurn(a.work), inTurn(b.work)];
    await Promise.resolve();
    b.open();
    await Promise.resolve();
    expect(log).toEqual(["start a"]);
    a.open();
    expect(await Promise.all(results)).toEqual(["a", "b"]);
    expect(log).toEqual(["start a", "end a", "start b", "end b"]);
  });

  it("goes on after a failure, which only its own caller sees", async () => {
    const inTurn = createInTurn();
    const failed = inTurn(() => Promise.reject(new Error("boom")));
    const next = inTurn(async () => "next");
    await expect(failed).rejects.toThrow("boom");
    expect(await next).toBe("next");
  });
});
