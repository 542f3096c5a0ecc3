// What one client saw of a run's event stream: every event should arrive exactly once, in seq order.

export type TSeqTracker = {
  /** Highest seq seen so far (starts at the run's lastSeq from run:join). */
  lastSeq: number;
  /** Arrivals that skipped ahead: seq > previous + 1. */
  gaps: number;
  /** Arrivals at or below the previous seq: duplicates or out of order. */
  outOfOrder: number;
  received: Set<number>;
};

export function createSeqTracker(lastSeq: number): TSeqTracker {
  return { lastSeq, gaps: 0, outOfOrder: 0, received: new Set() };
}

/** Records one arrival; returns whether it was the expected next seq. */
export function recordSeq(tracker: TSeqTracker, seq: number): boolean {
  tracker.received.add(seq);
  if (seq === tracker.lastSeq + 1) {
    tracker.lastSeq = seq;
    return true;
  }
  if (seq > tracker.lastSeq) {
    tracker.gaps += 1;
    tracker.lastSeq = seq;
  } else {
    tracker.outOfOrder += 1;
  }
  return false;
}

/** How many of the `expected` seqs this client never received. */
export function countMissing(tracker: TSeqTracker, expected: Iterable<number>): number {
  let missing = 0;
  for (const seq of expected) if (!tracker.received.has(seq)) missing += 1;
  return missing;
}

export function hasReceivedAll(tracker: TSeqTracker, expected: Iterable<number>): boolean {
  return countMissing(tracker, expected) === 0;
}
