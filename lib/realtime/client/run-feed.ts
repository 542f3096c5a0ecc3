// One run's live feed on one socket (war room, bridge): a SeqFeed of the run's snapshot, joined to
// the run's room, plus who is in the room. Never a silently stale screen.
import type { TRunEvent } from "../../domain/events/catalogue";
import { ZRulesLivePayload } from "../../domain/events/metric-payloads";
import { applyRulesLive } from "../../domain/metric-events";
import { applyRunEvent, type TRunSnapshot } from "../../domain/run-snapshot";
import type { TPresentUser, TRawRunEvent, TRunView } from "../events";
import type { TClientSocket } from "./client";
import { SeqFeed, type TJoinReply } from "./seq-feed";

export { GAP_GRACE_MS } from "./seq-feed";

export type TRunFeedListener = {
  onSnapshot: (snapshot: TRunSnapshot) => void;
  onPresence?: (present: TPresentUser[]) => void;
  /** Too far behind to replay event by event: the page must load a fresh snapshot. */
  onTooFarBehind?: () => void;
  /** Each event as it is folded in, in the order folded (the chaos test checks that order). */
  onApplied?: (event: TRunEvent) => void;
};

export class RunFeed extends SeqFeed<TRunSnapshot> {
  constructor(
    private readonly socket: TClientSocket,
    initial: TRunSnapshot,
    private readonly view: TRunView,
    private readonly listener: TRunFeedListener,
  ) {
    super(initial, {
      lastSeqOf: (snapshot) => snapshot.lastSeq,
      fold: applyRunEvent,
      onState: (snapshot) => listener.onSnapshot(snapshot),
      onApplied: (event) => listener.onApplied?.(event),
      onTooFarBehind: () => listener.onTooFarBehind?.(),
    });
  }

  get snapshot(): TRunSnapshot {
    return this.state;
  }

  protected sendJoin(afterSeq: number, done: (reply: TJoinReply) => boolean): void {
    this.socket.emit("run:join", { runId: this.state.id, afterSeq, view: this.view }, (reply) => {
      done("error" in reply ? { errorCode: reply.error.code, retryAfterMs: reply.error.retryAfterMs } : { events: reply.data.events });
    });
  }

  /** Listen and join; returns the function that stops both. */
  start(): () => void {
    const runId = this.state.id;
    const onConnect = () => this.join();
    const onEvent = (event: TRawRunEvent) => {
      if (event.runId === runId) this.receive([event]);
    };
    const onRules = (data: unknown) => {
      const parsed = ZRulesLivePayload.safeParse(data);
      if (parsed.success && parsed.data.runId === runId) this.patch((s) => ({ ...s, metrics: applyRulesLive(s.metrics, parsed.data) }));
    };
    const onPresence = (data: { runId: string; present: TPresentUser[] }) => {
      if (data.runId === runId) this.listener.onPresence?.(data.present);
    };
    // Who is here is unknown while disconnected: report nobody rather than a stale list.
    const onDisconnect = () => {
      this.connectionLost();
      this.listener.onPresence?.([]);
    };
    this.socket.on("connect", onConnect);
    this.socket.on("run:event", onEvent);
    this.socket.on("presence:update", onPresence);
    this.socket.on("metrics:rules", onRules);
    this.socket.on("disconnect", onDisconnect);
    if (this.socket.connected) this.join();
    return () => {
      this.stopTimers();
      this.socket.off("connect", onConnect);
      this.socket.off("run:event", onEvent);
      this.socket.off("presence:update", onPresence);
      this.socket.off("metrics:rules", onRules);
      this.socket.off("disconnect", onDisconnect);
      this.socket.emit("run:leave", { runId });
    };
  }
}
