// The seq-ordered fold every live screen shares (war room and bridge through RunFeed, status links
// through StatusFeed): events are parsed with the catalogue's schemas as they arrive, folded strictly
// in seq order, buffered past a gap, and a gap that is not filled live within GAP_GRACE_MS — or a
// (re)connect — re-joins with the last seq held so the server replays what was missed.
// Framework-free, so tests drive it with a real socket.
import { parseRunEvent, type TRawRunEvent, type TRunEvent } from "../../domain/events/catalogue";

/**
 * How long an event past a gap waits for the missing one to arrive live before the feed re-joins to
 * have it replayed. Events committed on another instance come through the adapter and can overtake
 * (or be overtaken by) local ones by a few milliseconds; re-joining at once would send every client
 * in the room to the server together for nothing.
 */
export const GAP_GRACE_MS = 250;

export type TJoinReply = { events: TRawRunEvent[] } | { errorCode: string; retryAfterMs?: number };

/** The longest a refused join waits before asking again, whatever the server advised. */
const MAX_JOIN_RETRY_MS = 10_000;

export type TSeqFeedOptions<TState> = {
  lastSeqOf: (state: TState) => number;
  fold: (state: TState, event: TRunEvent) => TState;
  onState: (state: TState) => void;
  /** Each event as it is folded in, in the order folded (the chaos test checks that order). */
  onApplied?: (event: TRunEvent) => void;
  /** Too far behind to replay event by event: the page must load afresh. */
  onTooFarBehind?: () => void;
};

/**
 * A live feed of one state: RunFeed (a run's snapshot) and StatusFeed (a status link's public
 * status) extend it with their socket's events and how they join.
 */
export abstract class SeqFeed<TState> {
  private current: TState;
  private readonly buffer = new Map<number, TRunEvent>();
  private isJoining = false;
  private rejoinAfterJoin = false;
  private joinGeneration = 0;
  private gapTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    initial: TState,
    private readonly options: TSeqFeedOptions<TState>,
  ) {
    this.current = initial;
  }

  /**
   * Sends the join with the last seq held; `done` gets the replayed events, or the refusal's code, and
   * answers whether this join is still the current one (a reply to a join lost in a disconnect is not).
   */
  protected abstract sendJoin(afterSeq: number, done: (reply: TJoinReply) => boolean): void;

  get state(): TState {
    return this.current;
  }

  /** Fold events in seq order; anything beyond a gap waits in the buffer and, if the gap stays, triggers a re-join. */
  receive(incoming: readonly TRawRunEvent[], isReplay = false): void {
    const lastSeq = this.options.lastSeqOf(this.current);
    for (const raw of incoming) if (raw.seq > lastSeq) this.buffer.set(raw.seq, parseRunEvent(raw).event);
    let next = this.current;
    for (let seq = lastSeq + 1; this.buffer.has(seq); seq++) {
      const event = this.buffer.get(seq)!;
      next = this.options.fold(next, event);
      this.buffer.delete(seq);
      this.options.onApplied?.(event);
    }
    if (next !== this.current) {
      this.current = next;
      this.options.onState(next);
    }
    if (this.buffer.size === 0) this.clearGapTimer();
    else if (!isReplay) this.joinUnlessFilled();
  }

  /**
   * Figures that are not events (each evaluation's rule values) change the state between events:
   * applied at once, outside the seq order; the events folded later keep them.
   */
  protected patch(change: (state: TState) => TState): void {
    const next = change(this.current);
    if (next === this.current) return;
    this.current = next;
    this.options.onState(next);
  }

  /** Join (or re-join) now: on connect, and when a gap outlives its grace. */
  protected join(): void {
    if (this.isJoining) {
      this.rejoinAfterJoin = true;
      return;
    }
    this.isJoining = true;
    const generation = this.joinGeneration;
    this.sendJoin(this.options.lastSeqOf(this.current), (reply) => {
      if (generation !== this.joinGeneration) return false;
      this.isJoining = false;
      if ("errorCode" in reply) {
        if (reply.errorCode === "conflict") this.options.onTooFarBehind?.();
        // Refused at the door (too many requests from this screen at once): ask again when told.
        if (reply.errorCode === "rate_limited") this.retryJoin(reply.retryAfterMs);
        return true;
      }
      this.receive(reply.events, true);
      // A gap seen while this join was in flight may lie beyond what it replayed: ask once more.
      if (this.rejoinAfterJoin) {
        this.rejoinAfterJoin = false;
        if (this.buffer.size > 0) this.join();
      }
      return true;
    });
  }

  /** The connection dropped: a join in flight is lost with it (its ack never comes); the reconnect joins afresh. */
  protected connectionLost(): void {
    this.isJoining = false;
    this.rejoinAfterJoin = false;
    this.joinGeneration++;
    this.clearGapTimer();
    this.clearRetryTimer();
  }

  protected stopTimers(): void {
    this.clearGapTimer();
    this.clearRetryTimer();
  }

  private retryJoin(retryAfterMs = 1000): void {
    this.clearRetryTimer();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.join();
    }, Math.min(Math.max(retryAfterMs, 50), MAX_JOIN_RETRY_MS));
  }

  private clearRetryTimer(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private joinUnlessFilled(): void {
    if (this.gapTimer) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.buffer.size > 0) this.join();
    }, GAP_GRACE_MS);
  }

  private clearGapTimer(): void {
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.gapTimer = null;
  }
}
