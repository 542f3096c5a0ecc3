import { describe, expect, it } from "vitest";
import { HEARTBEAT_INTERVAL_MS, liveness, STALE_AFTER_MS } from "./liveness";

const T0 = 1_000_000;
const heard = { isConnected: true, isOnline: true, lastMessageAt: T0 };

describe("liveness", () => {
  it("is connecting until the first message, whatever the socket says", () => {
    expect(liveness({ ...heard, lastMessageAt: null }, T0)).toEqual({ state: "connecting" });
    expect(liveness({ isConnected: false, isOnline: false, lastMessageAt: null }, T0)).toEqual({ state: "connecting" });
  });

  it("is live up to and including STALE_AFTER_MS of silence, stale one millisecond later", () => {
    expect(liveness(heard, T0)).toEqual({ state: "live" });
    expect(liveness(heard, T0 + STALE_AFTER_MS)).toEqual({ state: "live" });
    expect(liveness(heard, T0 + STALE_AFTER_MS + 1)).toEqual({ state: "stale", lastMessageAt: T0, ageMs: STALE_AFTER_MS + 1 });
  });

  it("notices silence with a second to spare on the 5 s promise, and not before two heartbeats are missed", () => {
    expect(STALE_AFTER_MS + HEARTBEAT_INTERVAL_MS).toBeLessThanOrEqual(4000);
    expect(STALE_AFTER_MS).toBeGreaterThan(2 * HEARTBEAT_INTERVAL_MS);
  });

  it("is stale at once on a disconnect or when the browser is offline, with the age so far", () => {
    expect(liveness({ ...heard, isConnected: false }, T0 + 10)).toEqual({ state: "stale", lastMessageAt: T0, ageMs: 10 });
    expect(liveness({ ...heard, isOnline: false }, T0)).toEqual({ state: "stale", lastMessageAt: T0, ageMs: 0 });
  });

  it("never reports a negative age when the clock went back", () => {
    expect(liveness({ ...heard, isConnected: false }, T0 - 5000)).toEqual({ state: "stale", lastMessageAt: T0, ageMs: 0 });
    expect(liveness(heard, T0 - 60_000)).toEqual({ state: "live" });
  });
});
