// One fan-out measurement over real sockets, shared by bench:tick and `npm run bench`: N clients in
// one run room, a lead's socket changing items at a fixed rate, and what arrived where and when.
// The clients stay connected between measurements, so a rate can be stepped up without reconnecting.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import type { TRawRunEvent as TRunEvent } from "../../lib/realtime/events";
import { countMissing, hasReceivedAll } from "./seq-tracker";
import { summarize, type TSummary } from "./stats";
import { closeClients, createRecorder, driveChanges, openClients, resetMeasurement, type TClient } from "./tick-clients";
import type { TBenchItem } from "./tick-fixture";

/** After the last ack, how long clients get to receive the last events before the rest count as missing. */
const DELIVERY_TIMEOUT_MS = 10_000;

export type TFanoutTarget = {
  /** Where the N clients connect (another instance than the driver's in the cross-instance part). */
  clientUrl: string;
  driverUrl: string;
  runId: string;
  clientCookies: string[];
  leadCookie: string;
  /** The items as they are now (versions move on between measurements). */
  items: () => Promise<TBenchItem[]>;
  /** The clients' source addresses, used in turn (default: the system's choice). */
  localAddresses?: readonly string[];
};

export type TFanoutLoad = { rate: number; seconds: number; warmup: number };

export type TFanoutResult = TFanoutLoad & {
  /** Stamp (transaction timestamp, or the bare server's send time) → client receive, every event at every client. */
  latency: TSummary | null;
  firstClient: TSummary | null;
  spread: TSummary | null;
  ack: TSummary | null;
  lag: TSummary | null;
  sent: number;
  accepted: number;
  achievedRate: number;
  refused: Map<string, { count: number; message: string }>;
  delivered: number;
  gaps: number;
  outOfOrder: number;
  missing: number;
  disconnects: number;
  /** The bench process's own event-loop delay (ms): clients and driver share it. */
  loop: { p99: number; max: number };
  isComplete: boolean;
};

export type TFanoutSession = {
  clients: number;
  connectMs: number;
  measure: (load: TFanoutLoad) => Promise<TFanoutResult>;
  /** One event as the clients received it (null before the first measurement). */
  exampleEvent: () => TRunEvent | null;
  close: () => void;
};

export async function openFanout(target: TFanoutTarget, count: number): Promise<TFanoutSession> {
  const recorder = createRecorder();
  const connectStart = performance.now();
  const clients = await openClients({ baseUrl: target.clientUrl, runId: target.runId, cookies: target.clientCookies, count, recorder, localAddresses: target.localAddresses });
  const connectMs = performance.now() - connectStart;

  const measure = async (load: TFanoutLoad): Promise<TFanoutResult> => {
    resetMeasurement(recorder, clients);
    const items = await target.items();
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const driver = await driveChanges({
      baseUrl: target.driverUrl,
      cookie: target.leadCookie,
      runId: target.runId,
      items,
      rate: load.rate,
      seconds: load.seconds,
      onStart: (wallClockMs) => (recorder.measureFrom = wallClockMs + load.warmup * 1000),
    });
    await waitForDelivery(clients, driver.ackedSeqs);
    loopDelay.disable();

    const sum = (pick: (c: TClient) => number) => clients.reduce((total, c) => total + pick(c), 0);
    const arrivals = [...recorder.arrivals.values()];
    const gaps = sum((c) => c.tracker.gaps);
    const outOfOrder = sum((c) => c.tracker.outOfOrder);
    const missing = sum((c) => countMissing(c.tracker, driver.ackedSeqs));
    const latency = summarize(recorder.samples);
    return {
      ...load,
      latency,
      firstClient: summarize(arrivals.map((a) => a.first - a.committedAt)),
      spread: summarize(arrivals.map((a) => a.last - a.first)),
      ack: summarize(driver.ackMs),
      lag: summarize(driver.lagMs),
      sent: driver.sent,
      accepted: driver.ackedSeqs.length,
      achievedRate: driver.ackedSeqs.length / (driver.sendWindowMs / 1000),
      refused: driver.refused,
      delivered: sum((c) => c.tracker.received.size),
      gaps,
      outOfOrder,
      missing,
      disconnects: sum((c) => c.disconnects),
      loop: { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
      isComplete: gaps === 0 && outOfOrder === 0 && missing === 0 && latency !== null,
    };
  };

  return { clients: clients.length, connectMs, measure, exampleEvent: () => recorder.exampleEvent, close: () => closeClients(clients) };
}

async function waitForDelivery(clients: TClient[], expected: number[]): Promise<void> {
  const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
  const highest = expected.reduce((max, seq) => Math.max(max, seq), 0);
  const isDone = (c: TClient) => c.tracker.lastSeq >= highest && hasReceivedAll(c.tracker, expected);
  while (Date.now() < deadline && !clients.every(isDone)) await delay(20);
}
