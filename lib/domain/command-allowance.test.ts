import { describe, expect, it } from "vitest";
import { admit, freshAllowance, IN_FLIGHT_RETRY_MS, isIdle, refilled, released, type TAllowance, type TAllowanceLimits } from "./command-allowance";

const SOCKET: TAllowanceLimits = { perSecond: 10, burst: 20, inFlight: 2 };
const USER: TAllowanceLimits = { perSecond: 20, burst: 40, inFlight: 4 };

/** Admits one command under a single allowance and answers it at once; returns the allowance after. */
function sendAndAnswer(allowance: TAllowance, limits: TAllowanceLimits, now: number): TAllowance | null {
  const admission = admit([{ allowance, limits }], now);
  return admission.isAdmitted ? released(admission.next[0]!) : null;
}

describe("command allowance", () => {
  it("allows a burst, then refuses until tokens come back, saying when", () => {
    let a: TAllowance | null = freshAllowance(SOCKET, 0);
    for (let i = 0; i < 20; i++) a = sendAndAnswer(a!, SOCKET, 0);
    expect(a!.tokens).toBe(0);
    expect(admit([{ allowance: a!, limits: SOCKET }], 0)).toEqual({ isAdmitted: false, reason: "rate", retryAfterMs: 100 });
    expect(admit([{ allowance: a!, limits: SOCKET }], 40)).toEqual({ isAdmitted: false, reason: "rate", retryAfterMs: 60 });
    expect(admit([{ allowance: a!, limits: SOCKET }], 100).isAdmitted).toBe(true);
  });

  it("sustains perSecond for ever after the burst", () => {
    let a: TAllowance | null = freshAllowance(SOCKET, 0);
    let admitted = 0;
    for (let t = 0; t < 10_000; t += 10) {
      const next = sendAndAnswer(a!, SOCKET, t);
      if (next) (a = next), admitted++;
    }
    // 20 at once, then 10 a second over the 10 s.
    expect(admitted).toBeGreaterThanOrEqual(119);
    expect(admitted).toBeLessThanOrEqual(121);
  });

  it("refuses past the commands in flight until one is answered", () => {
    const first = admit([{ allowance: freshAllowance(SOCKET, 0), limits: SOCKET }], 0);
    if (!first.isAdmitted) throw new Error("refused");
    const second = admit([{ allowance: first.next[0]!, limits: SOCKET }], 0);
    if (!second.isAdmitted) throw new Error("refused");
    expect(admit([{ allowance: second.next[0]!, limits: SOCKET }], 0)).toEqual({ isAdmitted: false, reason: "in_flight", retryAfterMs: IN_FLIGHT_RETRY_MS });
    expect(admit([{ allowance: released(second.next[0]!), limits: SOCKET }], 0).isAdmitted).toBe(true);
  });

  it("needs room in every allowance, and charges none when one refuses", () => {
    const socket = freshAllowance(SOCKET, 0);
    const user = { ...freshAllowance(USER, 0), inFlight: 4 };
    expect(admit([{ allowance: socket, limits: SOCKET }, { allowance: user, limits: USER }], 0)).toMatchObject({ isAdmitted: false, reason: "in_flight" });
    const both = admit([{ allowance: socket, limits: SOCKET }, { allowance: { ...user, inFlight: 0 }, limits: USER }], 0);
    expect(both.isAdmitted && both.next.map((a) => [a.tokens, a.inFlight])).toEqual([[19, 1], [39, 1]]);
  });

  it("refills at perSecond up to the burst, never past it, and never backwards in time", () => {
    const empty = { tokens: 0, refilledAt: 1000, inFlight: 0 };
    expect(refilled(empty, SOCKET, 1500).tokens).toBe(5);
    expect(refilled(empty, SOCKET, 60_000).tokens).toBe(20);
    expect(refilled(empty, SOCKET, 500).tokens).toBe(0);
  });

  it("is idle once nothing is in flight and the bucket is full", () => {
    expect(isIdle({ tokens: 0, refilledAt: 0, inFlight: 0 }, SOCKET, 1999)).toBe(false);
    expect(isIdle({ tokens: 0, refilledAt: 0, inFlight: 0 }, SOCKET, 2000)).toBe(true);
    expect(isIdle({ tokens: 20, refilledAt: 0, inFlight: 1 }, SOCKET, 0)).toBe(false);
  });
});
