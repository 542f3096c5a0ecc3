// One chaos client: a real socket.io-client connection (WebSocket, reconnecting by itself like the
// browser's) following the run with the war room's own RunFeed, recording what it folds in and what
// the server pushed to each connection, so the verdict can tell a replayed gap from a lost event.
import { io } from "socket.io-client";
import type { TRunSnapshot } from "../../lib/domain/run-snapshot";
import type { TClientSocket } from "../../lib/realtime/client/client";
import { RunFeed } from "../../lib/realtime/client/run-feed";
import type { TChaosTarget } from "./cluster-fixture";
import type { TClientRecord } from "./verdict";
import { stateFingerprint } from "../../lib/domain/run-snapshot";

export type TChaosClient = {
  label: string;
  /** Where it connects: an instance, or the proxy in front of both. */
  instance: TChaosTarget;
  socket: TClientSocket;
  feed: RunFeed;
  initialSeq: number;
  applied: number[];
  /** Every seq pushed live (run:event), over all connections. */
  liveSeqs: Set<number>;
  liveArrivals: number;
  liveDuplicates: number;
  connects: number;
  tooFarBehind: number;
};

export function openChaosClient(options: { label: string; instance: TChaosTarget; cookie: string; initial: TRunSnapshot; localAddress?: string }): Promise<TChaosClient> {
  const { instance, cookie, initial } = options;
  // Behind nginx each client comes from its own loopback /24, which ip_hash spreads over the instances;
  // engine.io-client hands localAddress to the WebSocket in Node (its types leave it out).
  const nodeOptions = options.localAddress ? { localAddress: options.localAddress } : {};
  // The origin header a browser on that instance's APP_URL sends; the socket server checks it.
  const socket: TClientSocket = io(instance.baseUrl, {
    transports: ["websocket"],
    forceNew: true,
    reconnectionDelay: 250,
    reconnectionDelayMax: 2_000,
    extraHeaders: { cookie, origin: instance.baseUrl },
    ...nodeOptions,
  });
  const client: TChaosClient = {
    label: options.label,
    instance,
    socket,
    feed: undefined as unknown as RunFeed,
    initialSeq: initial.lastSeq,
    applied: [],
    liveSeqs: new Set(),
    liveArrivals: 0,
    liveDuplicates: 0,
    connects: 0,
    tooFarBehind: 0,
  };
  let connectionSeqs = new Set<number>();
  socket.on("connect", () => {
    client.connects += 1;
    connectionSeqs = new Set();
  });
  socket.on("run:event", (event) => {
    if (event.runId !== initial.id) return;
    client.liveArrivals += 1;
    if (connectionSeqs.has(event.seq)) client.liveDuplicates += 1;
    connectionSeqs.add(event.seq);
    client.liveSeqs.add(event.seq);
  });
  client.feed = new RunFeed(socket, initial, "war_room", {
    onSnapshot: () => undefined,
    onApplied: (event) => client.applied.push(event.seq),
    onTooFarBehind: () => (client.tooFarBehind += 1),
  });
  client.feed.start();
  return new Promise((resolve, reject) => {
    // Only the first connection may fail the test; later errors are the reconnects chaos causes.
    const onRefused = (error: Error) => {
      socket.close();
      reject(new Error(`${options.label}: socket refused by ${instance.name}: ${error.message}`));
    };
    socket.once("connect_error", onRefused);
    socket.once("connect", () => {
      socket.off("connect_error", onRefused);
      resolve(client);
    });
  });
}

/** Connected and holding `lastSeq`: nothing left to replay. */
export function isCaughtUp(client: TChaosClient, lastSeq: number): boolean {
  return client.socket.connected && client.feed.snapshot.lastSeq === lastSeq;
}

export function toClientRecord(client: TChaosClient): TClientRecord {
  return {
    label: `${client.label} (on ${client.instance.name})`,
    initialSeq: client.initialSeq,
    applied: client.applied,
    liveDuplicates: client.liveDuplicates,
    tooFarBehind: client.tooFarBehind,
    fingerprint: stateFingerprint(client.feed.snapshot),
  };
}
