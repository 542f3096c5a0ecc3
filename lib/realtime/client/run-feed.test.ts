// RunFeed's gap handling with a scripted socket: a gap that fills itself within GAP_GRACE_MS costs no
// re-join; one that stays is replayed by re-joining after it.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { seedSnapshot } from "../../../prisma/seed/fixtures/seed-run";
import type { TClientSocket } from "./client";
import type { TRawRunEvent as TRunEvent } from "../events";
import { GAP_GRACE_MS, RunFeed } from "./run-feed";

/** Records what the feed sends; `deliver` plays a server event to the feed's handler. */
function scriptedSocket() {
  const handlers = new Map<string, (...args: unknown[]) => void>();
  const joins: { afterSeq: number }[] = [];
  const socket = {
    connected: true,
    on: (event: string, handler: (...args: unknown[]) => void) => handlers.set(event, handler),
    off: (event: string) => handlers.delete(event),
    emit: (event: string, data: { afterSeq: number }, ack?: (reply: unknown) => void) => {
      if (event !== "run:join") return;
      joins.push({ afterSeq: data.afterSeq });
      ack?.({ data: { events: [] } });
    },
  };
  return { socket: socket as unknown as TClientSocket, joins, deliver: (event: TRunEvent) => handlers.get("run:event")?.(event) };
}

const snapshot = seedSnapshot({ lastSeq: 10 });
// A timeline note: an event every snapshot folds in without needing anything else of the run.
const event = (seq: number): TRunEvent => ({ runId: snapshot.id, seq, type: "run.note", actorId: null, actorName: "x", payload: {}, createdAt: new Date(0).toISOString() });

describe("a run feed meeting a gap", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("waits for the missing event when it arrives live within the grace: no re-join", () => {
    const { socket, joins, deliver } = scriptedSocket();
    const applied: number[] = [];
    const feed = new RunFeed(socket, snapshot, "war_room", { onSnapshot: () => undefined, onApplied: (e) => applied.push(e.seq) });
    feed.start();
    expect(joins).toHaveLength(1); // the first join
    deliver(event(12));
    vi.advanceTimersByTime(GAP_GRACE_MS - 1);
    deliver(event(11));
    vi.advanceTimersByTime(GAP_GRACE_MS);
    expect(applied).toEqual([11, 12]);
    expect(joins).toHaveLength(1);
  });

  it("re-joins from the last seq it holds when the gap is still there after the grace", () => {
    const { socket, joins, deliver } = scriptedSocket();
    const feed = new RunFeed(socket, snapshot, "war_room", { onSnapshot: () => undefined });
    feed.start();
    deliver(event(11));
    deliver(event(13));
    vi.advanceTimersByTime(GAP_GRACE_MS - 1);
    expect(joins).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(joins).toEqual([{ afterSeq: 10 }, { afterSeq: 11 }]);
  });
});
