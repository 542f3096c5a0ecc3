// One run's live feed on one socket, framework-free so tests drive it with a real client: starts
// from a snapshot, folds events in seq order, and on a gap or a (re)connect re-joins the room with
// the last seq it holds so the server replays what it missed. Never a silently stale screen.
import { applyRunEvent, type TRunSnapshot } from "../domain/run-snapshot";
import type { TClientSocket } from "./client";
import type { TPresentUser, TRunEventDto, TRunView } from "./events";

export type TRunFeedListener = {
  onSnapshot: (snapshot: TRunSnapshot) => void;
  onPresence?: (present: TPresentUser[]) => void;
  /** Too far behind to replay event by event: the page must load a fresh snapshot. */
  onTooFarBehind?: () => void;
  /** Each event as it is folded in, in the order folded (the chaos test checks that order). */
  onApplied?: (event: TRunEventDto) => void;
};

/**
 * How long an event past a gap waits for the missing one to arrive live before the feed re-joins to
 * have it replayed. Events committed on another instance come through the adapter and can overtake
 * (or be overtaken by) local ones by a few milliseconds; re-joining at once would send every client
 * in the room to the server together for nothing.
 */
export const GAP_GRACE_MS = 250;

export class RunFeed {
  private current: TRunSnapshot;
  private readonly buffer = new Map<number, TRunEventDto>();
  private isJoining = false;
  private rejoinAfterJoin = false;
  private joinGeneration = 0;
  private gapTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly socket: TClientSocket,
    initial: TRunSnapshot,
    private readonly view: TRunView,
    private readonly listener: TRunFeedListener,
  ) {
    this.current = initial;
  }

  get snapshot(): TRunSnapshot {
    return this.current;
  }

  /** Listen and join; returns the function that stops both. */
  start(): () => void {
    const onConnect = () => this.join();
    const onEvent = (event: TRunEventDto) => {
      if (event.runId === this.current.id) this.receive([event]);
    };
    const onPresence = (data: { runId: string; present: TPresentUser[] }) => {
      if (data.runId === this.current.id) this.listener.onPresence?.(data.present);
    };
    // Who is here is unknown while disconnected: report nobody rather than a stale list.
    const onDisconnect = () => {
      // A join in flight is lost with the connection (its ack never comes): the reconnect joins afresh.
      this.isJoining = false;
      this.rejoinAfterJoin = false;
      this.joinGeneration++;
      this.clearGapTimer();
      this.listener.onPresence?.([]);
    };
    this.socket.on("connect", onConnect);
    this.socket.on("run:event", onEvent);
    this.socket.on("presence:update", onPresence);
    this.socket.on("disconnect", onDisconnect);
    if (this.socket.connected) this.join();
    return () => {
      this.clearGapTimer();
      this.socket.off("connect", onConnect);
      this.socket.off("run:event", onEvent);
      this.socket.off("presence:update", onPresence);
      this.socket.off("disconnect", onDisconnect);
      this.socket.emit("run:leave", { runId: this.current.id });
    };
  }

  /** Fold events in seq order; anything beyond a gap waits in the buffer and, if the gap stays, triggers a re-join. */
  receive(incoming: TRunEventDto[], isReplay = false): void {
    for (const event of incoming) if (event.seq > this.current.lastSeq) this.buffer.set(event.seq, event);
    let next = this.current;
    for (let seq = next.lastSeq + 1; this.buffer.has(seq); seq++) {
      const event = this.buffer.get(seq)!;
      next = applyRunEvent(next, event);
      this.buffer.delete(seq);
      this.listener.onApplied?.(event);
    }
    if (next !== this.current) {
      this.current = next;
      this.listener.onSnapshot(next);
    }
    if (this.buffer.size === 0) this.clearGapTimer();
    else if (!isReplay) this.joinUnlessFilled();
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

  private join(): void {
    if (this.isJoining) {
      this.rejoinAfterJoin = true;
      return;
    }
    this.isJoining = true;
    const generation = this.joinGeneration;
    this.socket.emit("run:join", { runId: this.current.id, afterSeq: this.current.lastSeq, view: this.view }, (reply) => {
      if (generation !== this.joinGeneration) return;
      this.isJoining = false;
      if ("error" in reply) {
        if (reply.error.code === "conflict") this.listener.onTooFarBehind?.();
        return;
      }
      this.receive(reply.data.events, true);
      // A gap seen while this join was in flight may lie beyond what it replayed: ask once more.
      if (this.rejoinAfterJoin) {
        this.rejoinAfterJoin = false;
        if (this.buffer.size > 0) this.join();
      }
    });
  }
}
