// The one contract between the Socket.IO server and its clients: every event name and payload.
// Names are `entity:verb`; requests from clients answer through a typed ack.
import type { TRawRunEvent } from "../domain/events/catalogue";
// Types only (erased): the contract names the commands the server wiring registers.
import type { TRunCommandName, TRunCommandWireInput } from "../wiring/socket-commands";
import type { TCreateTokenInput } from "../wiring/token-commands";
import type { TPresentUser, TRunView } from "../domain/presence";
import type { TMetricStage } from "../domain/metric-catalog";
import type { TMetricCharts } from "../domain/metric-charts";
import type { TRulesLivePayload } from "../domain/metric-events";
import type { TRole } from "../domain/roles";
import type { TRunEventType } from "../domain/events/catalogue";
import type { TTowerBoard } from "../domain/tower";
import type { TFreezeView, TLockView } from "../domain/service-guards";

export type { TPresentUser, TRunView };

/** A refusal; `retryAfterMs` when it was a limit (`rate_limited`) and the same call may be sent again after it. */
export type TAckError = { error: { code: string; message: string; retryAfterMs?: number } };
export type TAck<T> = { data: T } | TAckError;

export type TSocketUser = { id: string; name: string; role: TRole };

/**
 * A committed change of a run as it travels (lib/domain/events/catalogue.ts): the server sends
 * catalogue events, and clients parse what they receive with the catalogue's schemas before folding.
 */
export type { TRawRunEvent };

/** New metric samples of a run (batched, at most a few per second): chart points, not timeline events. */
export type TMetricSamplesDto = { runId: string; samples: { metric: string; stage: TMetricStage; at: number; value: number }[] };

/**
 * Every evaluation's result per rule judged (value, age, verdict): live figures, not timeline
 * events. Clients parse it with ZRulesLivePayload (lib/domain/events/metric-payloads.ts).
 */
export type { TRulesLivePayload };

export type TServerToClientEvents = {
  "session:ready": (data: { user: TSocketUser }) => void;
  "run:event": (event: TRawRunEvent) => void;
  /** Everyone in the run's room, sent to the room whenever someone arrives or leaves. */
  "presence:update": (data: { runId: string; present: TPresentUser[] }) => void;
  /** Status links (namespace /status): a run event projected for stakeholders (lib/domain/public-status.ts). */
  "status:event": (event: TRawRunEvent) => void;
  /** Status links: the link was revoked or has expired; the server disconnects right after. */
  "status:revoked": (data: { reason: "revoked" | "expired" }) => void;
  "metrics:samples": (data: TMetricSamplesDto) => void;
  /**
   * Both namespaces, every HEARTBEAT_INTERVAL_MS (lib/domain/liveness.ts): silence means the
   * connection is gone even when the socket looks open. Carries the server's clock and the round trip
   * last measured to this client (null before the first), which the client acks at once
   * (lib/domain/clock-offset.ts).
   */
  "server:heartbeat": (data: THeartbeat, ack: () => void) => void;
  /** The run's room and its status links: each evaluation's rules (lib/timeline/broadcast.ts). */
  "metrics:rules": (data: TRulesLivePayload) => void;
  /** The tower's room: something on the board changed; the client reads the board again (tower:join). */
  "tower:changed": (data: TTowerChange) => void;
  /** WORKSPACE_ROOM: every lock and freeze, after one was taken, released, saved or removed (the runs list). */
  "guards:changed": (data: TWorkspaceGuards) => void;
};

/**
 * What changed for the tower, named by the catalogue's event type: a run's event (runId set), or a
 * lock or freeze taken or released with no run under way to record it (runId null).
 */
export type TTowerChange = { runId: string | null; type: TRunEventType };

/** The workspace's locks and freezes, as the runs list shows them. */
export type TWorkspaceGuards = { locks: TLockView[]; freezes: TFreezeView[] };

export type THeartbeat = { serverTime: number; rttMs: number | null };

/**
 * Commands: each runs the one command path and acks with the committed event's seq. Their names and
 * input types come from the socket command table (lib/wiring/socket-commands.ts), listed once.
 */
type TCommandEvents = {
  [K in TRunCommandName]: (input: TRunCommandWireInput<K>, ack: (reply: TAck<{ seq: number }>) => void) => void;
};

export type TClientToServerEvents = TCommandEvents & {
  /** Join a run's room; the ack carries the events after `afterSeq` so nothing is missed. */
  "run:join": (
    input: { runId: string; afterSeq?: number; view?: TRunView },
    ack: (reply: TAck<{ lastSeq: number; events: TRawRunEvent[] }>) => void,
  ) => void;
  "run:leave": (input: { runId: string }) => void;
  /** Join the control tower's room (any signed-in member); the ack carries the whole board. */
  "tower:join": (input: Record<string, never>, ack: (reply: TAck<TTowerBoard>) => void) => void;
  "tower:leave": () => void;
  /** Status links (namespace /status): follow the link's run; the ack replays projected events after `afterSeq`. */
  "status:join": (
    input: { afterSeq?: number },
    ack: (reply: TAck<{ lastSeq: number; events: TRawRunEvent[]; charts: TMetricCharts | null }>) => void,
  ) => void;
  /** The one command whose ack carries more than a seq: the new token's secret, shown once. */
  "token:create": (input: TCreateTokenInput, ack: (reply: TAck<{ seq: number; token: string }>) => void) => void;
};

/**
 * Between instances, through the adapter: a user's powers changed, so forget what is cached of them;
 * a run changed, so the gate's long-polls waiting on it here look again.
 */
export type TInterServerEvents = { "user:auth-changed": (userId: string) => void; "run:changed": (runId: string) => void };
export type TSocketData = {
  user: TSocketUser;
  /** The authorization epoch and session expiry this socket was granted with at its handshake. */
  grant: { epoch: number; sessionExpiresAt: number };
  /** The runs this socket has joined and how it shows them (for presence). */
  runViews: Record<string, TRunView>;
  /** Sockets of the /status namespace carry a share link instead of a user. */
  share?: { linkId: string; runId: string; expiresAt: string; includeCharts: boolean };
};

export const roomForRun = (runId: string) => `run:${runId}`;
/** The control tower (/now): one workspace-wide room, told of every run's change, rather than joining every run. */
export const TOWER_ROOM = "tower";
/** Every signed-in socket that may read the runs list: workspace-wide news (locks and freezes). */
export const WORKSPACE_ROOM = "workspace";
/** Every socket of one account (all its tabs, on every instance): dropped together when its powers change. */
export const roomForUser = (userId: string) => `user:${userId}`;
/** The /status namespace: every status link of a run (projected events) and every page of one link. */
export const STATUS_NAMESPACE = "/status";
export const publicRoomForRun = (runId: string) => `public:${runId}`;
export const roomForShareLink = (linkId: string) => `share:${linkId}`;
/** Status links made with "include charts": the key metrics' live samples. */
export const publicChartsRoomForRun = (runId: string) => `public-charts:${runId}`;
