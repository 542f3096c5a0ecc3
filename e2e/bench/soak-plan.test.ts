import { describe, expect, it } from "vitest";
import { hourQuota, judgeSoak, split, type THourFigures } from "./soak-plan";

const hour = (n: number, over: Partial<THourFigures> = {}): THourFigures => ({
  hour: n,
  rssBytes: 200e6,
  heapBytes: 80e6,
  eventLoopP99Ms: 20,
  dbBytes: 50e6,
  warRoomLoadMs: 600,
  bridgeHeapBytes: 10e6,
  warRoomHeapBytes: 20e6,
  ...over,
});
const clean = { viewers: 200, lost: 0, outOfOrder: 0, duplicates: 3 };
const met = (targets: ReturnType<typeof judgeSoak>) => Object.fromEntries(targets.map((t) => [t.name.split(",")[0], t.isMet]));

describe("the soak's day", () => {
  it("gives every hour a twelfth of 50,000 events and 2 million samples, at the speed asked", () => {
    expect(hourQuota({ speed: 72, events: 50_000, samples: 2_000_000 })).toEqual({ events: 4167, samples: 166_667, realMs: 50_000 });
  });

  it("splits a quota without losing the remainder", () => {
    expect(split(10, 4)).toEqual([3, 3, 2, 2]);
    expect(split(3, 4)).toEqual([1, 1, 1, 0]);
  });
});

describe("the soak's targets", () => {
  it("measure growth from hour 2, so hour 1's warm-up does not count: exactly +10% passes, more fails", () => {
    const targets = judgeSoak([hour(1, { rssBytes: 100e6 }), hour(2), hour(3, { rssBytes: 220e6, bridgeHeapBytes: 11.01e6 })], clean);
    expect(met(targets)).toMatchObject({ "server RSS": true, "bridge page heap": false, "war room page heap": true });
  });

  it("hold the event loop's p99 to 1.5× hour 1's, and the war room's load at the last hour to a second", () => {
    expect(met(judgeSoak([hour(1), hour(2, { eventLoopP99Ms: 90 }), hour(3, { eventLoopP99Ms: 30, warRoomLoadMs: 1000 })], clean))).toMatchObject({
      "event-loop p99": true,
      "war room first load": true,
    });
    expect(met(judgeSoak([hour(1), hour(2), hour(3, { eventLoopP99Ms: 30.1, warRoomLoadMs: 1001 })], clean))).toMatchObject({
      "event-loop p99": false,
      "war room first load": false,
    });
  });

  it("fail on one lost or out-of-order event; duplicates (dropped by seq, as screens do) are only reported", () => {
    const day = [hour(1), hour(2)];
    expect(met(judgeSoak(day, { ...clean, lost: 1 }))["every viewer saw every event in order"]).toBe(false);
    expect(met(judgeSoak(day, { ...clean, outOfOrder: 1 }))["every viewer saw every event in order"]).toBe(false);
    expect(met(judgeSoak(day, clean))["every viewer saw every event in order"]).toBe(true);
  });

  it("need two hours to compare", () => {
    expect(() => judgeSoak([hour(1)], clean)).toThrow(/two simulated hours/);
  });
});
