import { describe, expect, it } from "vitest";
import { fixtureEvent } from "./events/event-fixture";
import { droppedFromWindow, hasOlderThan, mergeTimeline, oldestSeq } from "./timeline-pages";

const ev = (seq: number, type = "item.changed") => fixtureEvent({ type, payload: {}, seq });

describe("mergeTimeline", () => {
  it("puts older pages under the live window, newest first", () => {
    expect(mergeTimeline([ev(5), ev(4)], [ev(3), ev(2), ev(1)]).map((e) => e.seq)).toEqual([5, 4, 3, 2, 1]);
  });
  it("shows an event in both once, the live copy", () => {
    const live = ev(4, "run.status_changed");
    const merged = mergeTimeline([ev(5), live], [ev(4), ev(3)]);
    expect(merged.map((e) => e.seq)).toEqual([5, 4, 3]);
    expect(merged[1]).toBe(live);
  });
  it("is the live window when nothing older was loaded", () => {
    expect(mergeTimeline([ev(2), ev(1)], []).map((e) => e.seq)).toEqual([2, 1]);
  });
});

describe("hasOlderThan", () => {
  it("is true while the oldest shown is above seq 1", () => {
    expect(hasOlderThan([ev(3), ev(2)])).toBe(true);
  });
  it("is false once seq 1 is shown (the run's first event)", () => {
    expect(hasOlderThan([ev(2), ev(1)])).toBe(false);
  });
  it("is false for an empty timeline", () => {
    expect(hasOlderThan([])).toBe(false);
    expect(oldestSeq([])).toBeNull();
  });
});

describe("droppedFromWindow", () => {
  it("returns the events that fell off the window's end as new ones arrived", () => {
    expect(droppedFromWindow([ev(3), ev(2), ev(1)], [ev(5), ev(4), ev(3)]).map((e) => e.seq)).toEqual([2, 1]);
  });
  it("returns nothing when the window only grew", () => {
    expect(droppedFromWindow([ev(2), ev(1)], [ev(3), ev(2), ev(1)])).toEqual([]);
  });
});
