import { describe, expect, it } from "vitest";
import { addClockSample, CLOCK_SAMPLES_KEPT, clockOffset, clockSample } from "./clock-offset";

const MIN = 60_000;

describe("clockSample", () => {
  it("adds half the round trip to the server's stamp (the message spent it on the way)", () => {
    // Server at 10:00:00.000 sends; it arrives 40 ms later (rtt 80) at a client 3 min behind.
    const server = 36_000_000;
    expect(clockSample(server, 80, server + 40 - 3 * MIN)).toEqual({ offsetMs: 3 * MIN, rttMs: 80 });
  });

  it("takes the stamp as is before any round trip was measured, and never a negative round trip", () => {
    expect(clockSample(5000, null, 4000).offsetMs).toBe(1000);
    expect(clockSample(5000, -20, 4000).offsetMs).toBe(1000);
  });
});

describe("clockOffset", () => {
  it("is 0 with no sample", () => {
    expect(clockOffset([])).toBe(0);
  });

  it("uses the newest sample while no round trip is known", () => {
    expect(clockOffset([{ offsetMs: 10, rttMs: null }, { offsetMs: 20, rttMs: null }])).toBe(20);
  });

  it("prefers the shortest round trip, the first of equals, over unmeasured samples", () => {
    const samples = [
      { offsetMs: 900, rttMs: null },
      { offsetMs: 1000, rttMs: 30 },
      { offsetMs: 1200, rttMs: 400 },
      { offsetMs: 1010, rttMs: 30 },
    ];
    expect(clockOffset(samples)).toBe(1000);
  });

  it("forgets all but the last CLOCK_SAMPLES_KEPT samples", () => {
    let samples = addClockSample([], { offsetMs: -5, rttMs: 1 });
    for (let i = 0; i < CLOCK_SAMPLES_KEPT; i++) samples = addClockSample(samples, { offsetMs: i, rttMs: 50 });
    expect(samples).toHaveLength(CLOCK_SAMPLES_KEPT);
    expect(clockOffset(samples)).toBe(0);
  });
});
