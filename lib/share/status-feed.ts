// A status link's live feed on its own socket, framework-free so tests drive it with a real client:
// starts from the server-rendered public status, folds projected events in seq order, and on a gap
// or a (re)connect re-joins with the last seq it holds so the server replays what it missed: the
// same guarantees as the war room's RunFeed. A revoked or expired link ends the feed for good.
import type { Socket } from "socket.io-client";
import { mergeSamples, type TMetricCharts } from "../domain/metric-charts";
import { applyPublicEvent, type TPublicEvent, type TPublicStatus } from "../domain/public-status";
import type { TMetricSamplesDto } from "../realtime/events";
import type { TClientToServerEvents, TServerToClientEvents } from "../realtime/events";
import { LINK_INVALID } from "./protocol";

export type TStatusSocket = Socket<TServerToClientEvents, TClientToServerEvents>;
export type TStatusConnection = "connecting" | "live" | "reconnecting" | "invalid";

export type TStatusFeedListener = {
  onStatus: (status: TPublicStatus) => void;
  onConnection: (state: TStatusConnection) => void;
  /** Links made with "include charts": the key charts, afresh on each (re)join, then point by point. */
  onCharts?: (charts: TMetricCharts) => void;
  /** Too far behind to replay event by event: the page must load afresh. */
  onTooFarBehind?: () => void;
};

export class StatusFeed {
  private current: TPublicStatus;
  private readonly buffer = new Map<number, TPublicEvent>();
  private isJoining = false;
  private rejoinAfterJoin = false;
  private isInvalid = false;
  private hasConnected = false;
  private joinGeneration = 0;
  /** In the run's public room: events arrive live. */
  private isJoined = false;
  private charts: TMetricCharts | null = null;

  constructor(
    private readonly socket: TStatusSocket,
    initial: TPublicStatus,
    private readonly listener: TStatusFeedListener,
  ) {
    this.current = initial;
  }

  get status(): TPublicStatus {
    return this.current;
  }

  /** Listen and join; returns the function that stops both. */
  start(): () => void {
    const onConnect = () => {
      this.hasConnected = true;
      this.join();
    };
    const onEvent = (event: TPublicEvent) => {
      if (event.runId === this.current.run.id) this.receive([event]);
    };
    const onRevoked = () => this.invalidate();
    const onSamples = (data: TMetricSamplesDto) => {
      if (data.runId !== this.current.run.id || !this.charts) return;
      this.charts = mergeSamples(this.charts, data.samples);
      this.listener.onCharts?.(this.charts);
    };
    const onConnectError = (error: Error) => {
      if (error.message === LINK_INVALID) this.invalidate();
      else this.report();
    };
    const onDisconnect = (reason: string) => {
      // A join in flight is lost with the connection (its ack never comes): the reconnect joins afresh.
      this.isJoining = false;
      this.rejoinAfterJoin = false;
      this.isJoined = false;
      this.joinGeneration++;
      if (this.isInvalid) return;
      this.report();
      // The server dropped us on purpose (revocation, shutdown): socket.io will not retry by itself.
      // Try once more; a dead link is refused at the handshake with LINK_INVALID.
      if (reason === "io server disconnect") this.socket.connect();
    };
    this.socket.on("connect", onConnect);
    this.socket.on("status:event", onEvent);
    this.socket.on("status:revoked", onRevoked);
    this.socket.on("metrics:samples", onSamples);
    this.socket.on("connect_error", onConnectError);
    this.socket.on("disconnect", onDisconnect);
    if (this.socket.connected) onConnect();
    this.report();
    return () => {
      this.socket.off("connect", onConnect);
      this.socket.off("status:event", onEvent);
      this.socket.off("status:revoked", onRevoked);
      this.socket.off("metrics:samples", onSamples);
      this.socket.off("connect_error", onConnectError);
      this.socket.off("disconnect", onDisconnect);
    };
  }

  /** Fold events in seq order; anything beyond a gap waits in the buffer and triggers a re-join. */
  receive(incoming: TPublicEvent[], isReplay = false): void {
    for (const event of incoming) if (event.seq > this.current.run.lastSeq) this.buffer.set(event.seq, event);
    let next = this.current;
    for (let seq = next.run.lastSeq + 1; this.buffer.has(seq); seq++) {
      next = applyPublicEvent(next, this.buffer.get(seq)!);
      this.buffer.delete(seq);
    }
    if (next !== this.current) {
      this.current = next;
      this.listener.onStatus(next);
    }
    if (this.buffer.size > 0 && !isReplay) this.join();
  }

  private invalidate(): void {
    if (this.isInvalid) return;
    this.isInvalid = true;
    this.socket.disconnect();
    this.report();
  }

  private report(): void {
    const state: TStatusConnection = this.isInvalid
      ? "invalid"
      : this.socket.connected && this.isJoined
        ? "live"
        : this.hasConnected
          ? "reconnecting"
          : "connecting";
    this.listener.onConnection(state);
  }

  private join(): void {
    if (this.isJoining) {
      this.rejoinAfterJoin = true;
      return;
    }
    this.isJoining = true;
    const generation = this.joinGeneration;
    this.socket.emit("status:join", { afterSeq: this.current.run.lastSeq }, (reply) => {
      if (generation !== this.joinGeneration) return;
      this.isJoining = false;
      if ("error" in reply) {
        if (reply.error.code === "conflict") this.listener.onTooFarBehind?.();
        return;
      }
      this.isJoined = true;
      this.report();
      if (reply.data.charts) {
        this.charts = reply.data.charts;
        this.listener.onCharts?.(reply.data.charts);
      }
      this.receive(reply.data.events, true);
      if (this.rejoinAfterJoin) {
        this.rejoinAfterJoin = false;
        if (this.buffer.size > 0) this.join();
      }
    });
  }
}
