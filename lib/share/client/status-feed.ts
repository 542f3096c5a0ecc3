// A status link's live feed on its own socket: a SeqFeed of the public status (the war room's seq
// order, gap grace and replay), plus the key charts and the link's own life: a revoked or expired
// link ends the feed for good. Framework-free, so tests drive it with a real client.
import type { Socket } from "socket.io-client";
import { mergeSamples, type TMetricCharts } from "../../domain/metric-charts";
import { ZRulesLivePayload } from "../../domain/events/metric-payloads";
import { applyRulesLive } from "../../domain/metric-events";
import { applyPublicEvent, type TPublicStatus } from "../../domain/public-status";
import { SeqFeed, type TJoinReply } from "../../realtime/client/seq-feed";
import type { TClientToServerEvents, TMetricSamplesDto, TRawRunEvent, TServerToClientEvents } from "../../realtime/events";
import { LINK_INVALID } from "../protocol";

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

export class StatusFeed extends SeqFeed<TPublicStatus> {
  private isInvalid = false;
  private hasConnected = false;
  /** In the run's public room: events arrive live. */
  private isJoined = false;
  private charts: TMetricCharts | null = null;

  constructor(
    private readonly socket: TStatusSocket,
    initial: TPublicStatus,
    private readonly listener: TStatusFeedListener,
  ) {
    super(initial, {
      lastSeqOf: (status) => status.run.lastSeq,
      fold: applyPublicEvent,
      onState: (status) => listener.onStatus(status),
      onTooFarBehind: () => listener.onTooFarBehind?.(),
    });
  }

  get status(): TPublicStatus {
    return this.state;
  }

  protected sendJoin(afterSeq: number, done: (reply: TJoinReply) => boolean): void {
    this.socket.emit("status:join", { afterSeq }, (reply) => {
      if ("error" in reply) {
        done({ errorCode: reply.error.code, retryAfterMs: reply.error.retryAfterMs });
        return;
      }
      if (!done({ events: reply.data.events })) return;
      this.isJoined = true;
      this.report();
      if (reply.data.charts) {
        this.charts = reply.data.charts;
        this.listener.onCharts?.(reply.data.charts);
      }
    });
  }

  /** Listen and join; returns the function that stops both. */
  start(): () => void {
    const runId = this.state.run.id;
    const onConnect = () => {
      this.hasConnected = true;
      this.join();
    };
    const onEvent = (event: TRawRunEvent) => {
      if (event.runId === runId) this.receive([event]);
    };
    const onRevoked = () => this.invalidate();
    const onRules = (data: unknown) => {
      const parsed = ZRulesLivePayload.safeParse(data);
      if (!parsed.success || parsed.data.runId !== runId) return;
      this.patch((s) => ({ ...s, run: { ...s.run, metrics: applyRulesLive(s.run.metrics, parsed.data) } }));
    };
    const onSamples = (data: TMetricSamplesDto) => {
      if (data.runId !== runId || !this.charts) return;
      this.charts = mergeSamples(this.charts, data.samples);
      this.listener.onCharts?.(this.charts);
    };
    const onConnectError = (error: Error) => {
      if (error.message === LINK_INVALID) this.invalidate();
      else this.report();
    };
    const onDisconnect = (reason: string) => {
      this.connectionLost();
      this.isJoined = false;
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
    this.socket.on("metrics:rules", onRules);
    this.socket.on("connect_error", onConnectError);
    this.socket.on("disconnect", onDisconnect);
    if (this.socket.connected) onConnect();
    this.report();
    return () => {
      this.stopTimers();
      this.socket.off("connect", onConnect);
      this.socket.off("status:event", onEvent);
      this.socket.off("status:revoked", onRevoked);
      this.socket.off("metrics:samples", onSamples);
      this.socket.off("metrics:rules", onRules);
      this.socket.off("connect_error", onConnectError);
      this.socket.off("disconnect", onDisconnect);
    };
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
}
