// The two sides of bench:tick over real sockets: N clients in one run room recording when each
// event arrives, and a lead's socket sending item changes on a fixed schedule through the command path.
import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { io, type Socket } from "socket.io-client";
import type { TClientToServerEvents, TRawRunEvent as TRunEvent, TServerToClientEvents } from "../../lib/realtime/events";
import type { TItemCommandInput } from "../../lib/runs/schemas";
import { createSeqTracker, recordSeq, type TSeqTracker } from "./seq-tracker";
import type { TBenchItem } from "./tick-fixture";

type TSocket = Socket<TServerToClientEvents, TClientToServerEvents>;

const CONNECT_BATCH = 50;
const ACK_TIMEOUT_MS = 10_000;

/** Shared by all clients: latency samples (ms) for events committed at or after `measureFrom`. */
export type TRecorder = {
  measureFrom: number;
  samples: number[];
  /** Per seq: its transaction timestamp and when the first and the last client received it. */
  arrivals: Map<number, { committedAt: number; first: number; last: number }>;
  /** One event as received, kept so a baseline can broadcast payloads of the same shape and size. */
  exampleEvent: TRunEvent | null;
};

export type TClient = { socket: TSocket; tracker: TSeqTracker; disconnects: number };

export function createRecorder(): TRecorder {
  return { measureFrom: Number.POSITIVE_INFINITY, samples: [], arrivals: new Map(), exampleEvent: null };
}

/** Starts a new measurement on clients already connected: figures and sequence counts from zero. */
export function resetMeasurement(recorder: TRecorder, clients: TClient[]): void {
  recorder.measureFrom = Number.POSITIVE_INFINITY;
  recorder.samples = [];
  recorder.arrivals = new Map();
  for (const client of clients) {
    client.tracker = createSeqTracker(client.tracker.lastSeq);
    client.disconnects = 0;
  }
}

function connect(baseUrl: string, cookie: string, localAddress?: string): Promise<TSocket> {
  // The origin header is the one a browser on APP_URL sends; the socket server checks it.
  const socket: TSocket = io(baseUrl, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    // Thousands of handshakes on a loaded machine (viewers2k) outlast the default 20 s.
    timeout: 60_000,
    extraHeaders: { cookie, origin: baseUrl },
    // engine.io-client hands it to ws: a proxy hashing on the client address sees several "hosts".
    ...(localAddress ? { localAddress } : {}),
  });
  return new Promise((resolve, reject) => {
    socket.once("session:ready", () => resolve(socket));
    socket.once("connect_error", (error) => {
      socket.close();
      reject(new Error(`socket refused: ${error.message}`));
    });
  });
}

async function joinRun(socket: TSocket, runId: string): Promise<number> {
  const reply = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("run:join", { runId });
  if ("error" in reply) throw new Error(`run:join refused: ${reply.error.message}`);
  return reply.data.lastSeq;
}

/** Connects and joins `count` clients (cookies used in turn), in batches so the handshakes do not pile up. */
export async function openClients(options: {
  baseUrl: string;
  runId: string;
  cookies: string[];
  count: number;
  recorder: TRecorder;
  /** Source addresses used in turn (127.0.0.0/8 is all loopback), so nginx's ip_hash spreads the clients. */
  localAddresses?: readonly string[];
}): Promise<TClient[]> {
  const { baseUrl, runId, cookies, count, recorder, localAddresses } = options;
  const clients: TClient[] = [];
  for (let start = 0; start < count; start += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - start) }, async (_, i) => {
      const socket = await connect(baseUrl, cookies[(start + i) % cookies.length], localAddresses?.[(start + i) % localAddresses.length]);
      const client: TClient = { socket, tracker: createSeqTracker(0), disconnects: 0 };
      socket.on("disconnect", () => (client.disconnects += 1));
      socket.on("run:event", (event) => onEvent(client, event, runId, recorder));
      client.tracker = createSeqTracker(await joinRun(socket, runId));
      return client;
    });
    clients.push(...(await Promise.all(batch)));
  }
  return clients;
}

function onEvent(client: TClient, event: TRunEvent, runId: string, recorder: TRecorder): void {
  const receivedAt = Date.now();
  if (event.runId !== runId) return;
  recordSeq(client.tracker, event.seq);
  recorder.exampleEvent ??= event;
  const committedAt = Date.parse(event.createdAt);
  if (committedAt < recorder.measureFrom) return;
  recorder.samples.push(receivedAt - committedAt);
  const arrival = recorder.arrivals.get(event.seq);
  if (arrival) arrival.last = receivedAt;
  else recorder.arrivals.set(event.seq, { committedAt, first: receivedAt, last: receivedAt });
}

export function closeClients(clients: TClient[]): void {
  for (const client of clients) client.socket.close();
}

export type TDriverResult = {
  sent: number;
  ackedSeqs: number[];
  /** Refusals and timeouts by error code, with the first message of each. */
  refused: Map<string, { count: number; message: string }>;
  /** Send → ack round trips (ms). */
  ackMs: number[];
  /** How late each send was against its schedule (ms): the bench process keeping up or not. */
  lagMs: number[];
  /** From the first send to one interval after the last: what the achieved rate is measured over. */
  sendWindowMs: number;
};

/**
 * Sends `item:change` at `rate` per second for `seconds`, command i at start + i / rate (no drift
 * from timers), cycling over the items and toggling each done ↔ reopen with the version it will have.
 */
export async function driveChanges(options: {
  baseUrl: string;
  cookie: string;
  runId: string;
  items: TBenchItem[];
  rate: number;
  seconds: number;
  onStart: (wallClockMs: number) => void;
}): Promise<TDriverResult> {
  const { runId, rate, seconds } = options;
  const socket = await connect(options.baseUrl, options.cookie);
  const items = options.items.map((item) => ({ ...item }));
  // A refused change leaves the item's version one behind this driver's guess, so every later change
  // of it would be refused too and the offered rate would quietly drop: it is left out from then on.
  const stale = new Set<string>();
  let cursor = 0;
  const nextItem = () => {
    for (let tries = 0; tries < items.length; tries++) {
      const item = items[cursor++ % items.length];
      if (!stale.has(item.id)) return item;
    }
    return items[cursor++ % items.length];
  };
  const result: TDriverResult = { sent: 0, ackedSeqs: [], refused: new Map(), ackMs: [], lagMs: [], sendWindowMs: 0 };
  const intervalMs = 1000 / rate;
  const total = Math.max(1, Math.floor(seconds * rate));
  const pending: Promise<void>[] = [];
  const refuse = (code: string, message: string) => {
    const seen = result.refused.get(code);
    if (seen) seen.count += 1;
    else result.refused.set(code, { count: 1, message });
  };
  try {
    const start = performance.now();
    options.onStart(Date.now());
    for (let i = 0; i < total; i++) {
      const due = start + i * intervalMs;
      const wait = due - performance.now();
      if (wait > 0) await delay(wait);
      result.lagMs.push(Math.max(0, performance.now() - due));
      const item = nextItem();
      const input: TItemCommandInput = {
        runId,
        itemId: item.id,
        version: item.version,
        action: item.state === "done" ? { kind: "reopen" } : { kind: "done" },
        commandId: randomUUID(),
      };
      item.version += 1;
      item.state = item.state === "done" ? "open" : "done";
      const sentAt = performance.now();
      result.sent += 1;
      pending.push(
        socket
          .timeout(ACK_TIMEOUT_MS)
          .emitWithAck("item:change", input)
          .then(
            (reply) => {
              result.ackMs.push(performance.now() - sentAt);
              if ("error" in reply) {
                refuse(reply.error.code, reply.error.message);
                stale.add(item.id);
              } else result.ackedSeqs.push(reply.data.seq);
            },
            () => {
              refuse("ack_timeout", `no ack within ${ACK_TIMEOUT_MS} ms`);
              stale.add(item.id);
            },
          ),
      );
    }
    result.sendWindowMs = performance.now() - start + intervalMs;
    await Promise.all(pending);
    return result;
  } finally {
    socket.close();
  }
}
