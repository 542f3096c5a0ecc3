import { describe, expect, it, vi } from "vitest";
import { MAX_HOLD_MS, releaseBroadcast, reserveBroadcast } from "./broadcast-order";

/** A run id per test: the outboxes are process-wide. */
let runs = 0;
const freshRun = () => `run-${++runs}`;

describe("broadcasting a run's local commits in seq order", () => {
  it("sends at once when nothing earlier is in flight", () => {
    const run = freshRun();
    const sent: number[] = [];
    reserveBroadcast(run, 5);
    releaseBroadcast(run, 5, 5, (e) => sent.push(e));
    expect(sent).toEqual([5]);
  });

  it("holds a later commit until the earlier one's continuation sends, then sends both in order", () => {
    const run = freshRun();
    const sent: number[] = [];
    reserveBroadcast(run, 6);
    reserveBroadcast(run, 7);
    releaseBroadcast(run, 7, 7, (e) => sent.push(e));
    expect(sent).toEqual([]);
    releaseBroadcast(run, 6, 6, (e) => sent.push(e));
    expect(sent).toEqual([6, 7]);
  });

  it("does not wait for a transaction that failed", () => {
    const run = freshRun();
    const sent: number[] = [];
    reserveBroadcast(run, 8);
    reserveBroadcast(run, 9);
    releaseBroadcast(run, 9, 9, (e) => sent.push(e));
    releaseBroadcast<number>(run, 8, null, (e) => sent.push(e));
    expect(sent).toEqual([9]);
  });

  it("never waits for seqs it did not reserve (other instances' commits)", () => {
    const run = freshRun();
    const sent: number[] = [];
    reserveBroadcast(run, 12);
    releaseBroadcast(run, 12, 12, (e) => sent.push(e));
    expect(sent).toEqual([12]);
  });

  it("keeps runs apart", () => {
    const [a, b] = [freshRun(), freshRun()];
    const sent: string[] = [];
    reserveBroadcast(a, 1);
    reserveBroadcast(b, 2);
    releaseBroadcast(b, 2, "b2", (e) => sent.push(e));
    expect(sent).toEqual(["b2"]);
  });

  it("sends an event it never reserved straight away", () => {
    const sent: number[] = [];
    releaseBroadcast(freshRun(), 3, 3, (e) => sent.push(e));
    expect(sent).toEqual([3]);
  });

  it("stops holding events behind a reservation that never reports back", () => {
    vi.useFakeTimers();
    try {
      const run = freshRun();
      const sent: number[] = [];
      reserveBroadcast(run, 20);
      reserveBroadcast(run, 21);
      releaseBroadcast(run, 21, 21, (e) => sent.push(e));
      vi.advanceTimersByTime(MAX_HOLD_MS - 1);
      expect(sent).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(sent).toEqual([21]);
    } finally {
      vi.useRealTimers();
    }
  });
});
