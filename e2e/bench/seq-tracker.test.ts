import { describe, expect, it } from "vitest";
import { countMissing, createSeqTracker, hasReceivedAll, recordSeq } from "./seq-tracker";

describe("seq tracker", () => {
  it("accepts consecutive seqs after the joined lastSeq without counting anything", () => {
    const tracker = createSeqTracker(4);
    expect([5, 6, 7].map((seq) => recordSeq(tracker, seq))).toEqual([true, true, true]);
    expect(tracker).toMatchObject({ lastSeq: 7, gaps: 0, outOfOrder: 0 });
    expect(hasReceivedAll(tracker, [5, 6, 7])).toBe(true);
  });

  it("counts a skip ahead as one gap and the missing seqs as missing", () => {
    const tracker = createSeqTracker(1);
    recordSeq(tracker, 2);
    expect(recordSeq(tracker, 5)).toBe(false);
    recordSeq(tracker, 6);
    expect(tracker).toMatchObject({ lastSeq: 6, gaps: 1, outOfOrder: 0 });
    expect(countMissing(tracker, [2, 3, 4, 5, 6])).toBe(2);
  });

  it("counts a late or repeated seq as out of order, not as a gap", () => {
    const tracker = createSeqTracker(0);
    recordSeq(tracker, 1);
    recordSeq(tracker, 3);
    expect(recordSeq(tracker, 2)).toBe(false);
    expect(recordSeq(tracker, 3)).toBe(false);
    expect(tracker).toMatchObject({ lastSeq: 3, gaps: 1, outOfOrder: 2 });
    expect(countMissing(tracker, [1, 2, 3])).toBe(0);
  });

  it("an event for the very first seq after the join is not a gap (edge: lastSeq + 1)", () => {
    const tracker = createSeqTracker(0);
    expect(recordSeq(tracker, 1)).toBe(true);
    expect(recordSeq(tracker, 3)).toBe(false);
  });
});
