// bench:soak's viewers: sockets of war rooms, bridges and status links kept open all day, each
// checking that it folds every event exactly once in seq order — as the screens do: events past a
// gap wait, a gap that outlives the grace re-joins for a replay, duplicates are dropped by seq — and
// counting what arrives out of order on one connection. Reconnect churn drops some and joins them
// again after their last seq, as a laptop waking up does.
import { io, type Socket } from "socket.io-client";
import { GAP_GRACE_MS } from "../../lib/realtime/client/seq-feed";
import { STATUS_NAMESPACE, type TClientToServerEvents, type TRawRunEvent, type TServerToClientEvents, type TRunView } from "../../lib/realtime/events";

type TSocket = Socket<TServerToClientEvents, TClientToServerEvents>;
export type TViewerKind = TRunView | "status";

const CONNECT_BATCH = 25;
const ACK_TIMEOUT_MS = 30_000;

export type TViewer = {
  kind: TViewerKind;
  socket: TSocket | null;
  /** Everything up to here was folded, in order. */
  lastSeq: number;
  /** Arrived past a gap, waiting for it to fill. */
  pending: Set<number>;
  duplicates: number;
  /** A live event at or below the previous live one on the same connection. */
  outOfOrder: number;
  lastLiveSeq: number;
  gapTimer: ReturnType<typeof setTimeout> | null;
  rejoins: number;
};

export type TViewerSite = { baseUrl: string; runId: string; cookie: string; shareToken: string };

function fold(viewer: TViewer, seq: number): void {
  if (seq <= viewer.lastSeq || viewer.pending.has(seq)) {
    viewer.duplicates++;
    return;
  }
  viewer.pending.add(seq);
  while (viewer.pending.delete(viewer.lastSeq + 1)) viewer.lastSeq++;
}

function onLive(viewer: TViewer, site: TViewerSite, event: TRawRunEvent): void {
  if (event.runId !== site.runId) return;
  if (event.seq <= viewer.lastLiveSeq) viewer.outOfOrder++;
  viewer.lastLiveSeq = event.seq;
  fold(viewer, event.seq);
  if (viewer.pending.size > 0 && !viewer.gapTimer) {
    viewer.gapTimer = setTimeout(() => {
      viewer.gapTimer = null;
      if (viewer.pending.size > 0) {
        viewer.rejoins++;
        void join(viewer, site).catch(() => undefined);
      }
    }, GAP_GRACE_MS);
  }
}

async function join(viewer: TViewer, site: TViewerSite): Promise<void> {
  const socket = viewer.socket!;
  const reply =
    viewer.kind === "status"
      ? await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("status:join", { afterSeq: viewer.lastSeq })
      : await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("run:join", { runId: site.runId, afterSeq: viewer.lastSeq, view: viewer.kind });
  if ("error" in reply) throw new Error(`${viewer.kind} join refused: ${reply.error.message}`);
  for (const event of reply.data.events) fold(viewer, event.seq);
}

function connect(viewer: TViewer, site: TViewerSite): Promise<void> {
  const isStatus = viewer.kind === "status";
  // The origin a browser on APP_URL sends; status links authenticate by their token, never a cookie.
  const socket: TSocket = io(isStatus ? `${site.baseUrl}${STATUS_NAMESPACE}` : site.baseUrl, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    ...(isStatus ? { auth: { token: site.shareToken }, extraHeaders: { origin: site.baseUrl } } : { extraHeaders: { cookie: site.cookie, origin: site.baseUrl } }),
  });
  viewer.socket = socket;
  viewer.lastLiveSeq = 0;
  socket.on(isStatus ? "status:event" : "run:event", (event) => onLive(viewer, site, event));
  return new Promise((resolve, reject) => {
    socket.once(isStatus ? "connect" : "session:ready", () => void join(viewer, site).then(resolve, reject));
    socket.once("connect_error", (error) => reject(new Error(`${viewer.kind} socket refused: ${error.message}`)));
  });
}

/** Opens `count` viewers in equal thirds (war room, bridge, status link), in batches. */
export async function openViewers(site: TViewerSite, count: number): Promise<TViewer[]> {
  const kinds: TViewerKind[] = ["war_room", "bridge", "status"];
  const viewers: TViewer[] = Array.from({ length: count }, (_, i) => ({
    kind: kinds[i % kinds.length],
    socket: null,
    lastSeq: 0,
    pending: new Set(),
    duplicates: 0,
    outOfOrder: 0,
    lastLiveSeq: 0,
    gapTimer: null,
    rejoins: 0,
  }));
  for (let start = 0; start < count; start += CONNECT_BATCH) await Promise.all(viewers.slice(start, start + CONNECT_BATCH).map((v) => connect(v, site)));
  return viewers;
}

/** Drops `share` of the viewers (a different slice each hour) and connects them again after their last seq. */
export async function churn(site: TViewerSite, viewers: TViewer[], share: number, hour: number): Promise<number> {
  const count = Math.round(viewers.length * share);
  const chosen = Array.from({ length: count }, (_, i) => viewers[(hour * count + i) % viewers.length]);
  for (const viewer of chosen) viewer.socket?.close();
  for (let start = 0; start < chosen.length; start += CONNECT_BATCH) await Promise.all(chosen.slice(start, start + CONNECT_BATCH).map((v) => connect(v, site)));
  return count;
}

/** Waits until every viewer has folded up to `lastSeq` (or the time is up); then what is missing is lost. */
export async function settle(viewers: TViewer[], lastSeq: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && viewers.some((v) => v.lastSeq < lastSeq)) await new Promise((resolve) => setTimeout(resolve, 200));
}

export function deliveryOf(viewers: TViewer[], lastSeq: number) {
  return {
    viewers: viewers.length,
    lost: viewers.reduce((sum, v) => sum + Math.max(0, lastSeq - v.lastSeq), 0),
    outOfOrder: viewers.reduce((sum, v) => sum + v.outOfOrder, 0),
    duplicates: viewers.reduce((sum, v) => sum + v.duplicates, 0),
    rejoins: viewers.reduce((sum, v) => sum + v.rejoins, 0),
  };
}

export function closeViewers(viewers: TViewer[]): void {
  for (const viewer of viewers) {
    if (viewer.gapTimer) clearTimeout(viewer.gapTimer);
    viewer.socket?.close();
  }
}
