// npm run bench:profile: where the commit → broadcast path's time goes (issue 20, item 2). One
// Warroom server with N clients in a run room at --rate changes/s (the fan-out part's load), with
// --noise busy loops beside it; meanwhile the server runs under the CPU profiler (e2e/bench/cpu-profile-preload.cjs), its event-loop delay is
// read from its own /metrics (prom-client resets it at each scrape), and pg_stat_activity is sampled.
// Prints: the latency split (stamp → first client, first → last client), the server's event-loop
// delay, its CPU time by layer and busiest functions, and the database backends' wait events.
import "../../lib/server-only-in-node";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { parseCliOptions } from "../../lib/cli/options";
import { buildIfStale } from "../../lib/cli/build-if-stale.mjs";
import { cpuByLayer, lastWindow, topFunctions, type TCpuProfile } from "./cpu-profile";
import { openFanout } from "./fanout";
import { figures, ms } from "./format";
import { startNoise } from "./noise";
import { sampleWaitEvents } from "./pg-waits";
import { createPortPool } from "./ports";
import { fanoutTargetOf, startTickFixture } from "./tick-fixture";

const ZOptions = z.object({
  clients: z.coerce.number().int().min(1).max(5000).default(500),
  rate: z.coerce.number().positive().max(1000).default(10),
  seconds: z.coerce.number().positive().max(600).default(15),
  noise: z.coerce.number().int().min(0).max(64).default(1),
  port: z.coerce.number().int().min(1).max(65535).optional(),
});

async function main(): Promise<void> {
  const string = { type: "string" } as const;
  const options = parseCliOptions(process.argv.slice(2), {
    flags: { clients: string, rate: string, seconds: string, noise: string, port: string },
    usage: "usage: npm run bench:profile -- [--clients N (500)] [--rate R (10)] [--seconds S (15)] [--noise N (1)] [--port first-port]",
    schema: ZOptions,
  });
  if (buildIfStale() !== 0) throw new Error("npm run build failed");
  const profileDir = mkdtempSync(path.join(os.tmpdir(), "warroom-profile-"));
  const token = randomBytes(16).toString("hex");
  const noise = startNoise(options.noise);
  console.log(`profile     ${options.clients} clients · ${options.rate} changes/s · ${options.seconds} s · noise: ${noise.description} · load ${loadAverage()}`);
  const fixture = await startTickFixture({
    ports: createPortPool(options.port),
    label: "bench_profile",
    env: { NODE_OPTIONS: `--require ${path.resolve("e2e/bench/cpu-profile-preload.cjs")}`, WARROOM_CPU_PROFILE_DIR: profileDir, METRICS_TOKEN: token },
  });
  try {
    const session = await openFanout(fanoutTargetOf(fixture), options.clients);
    await session.measure({ rate: options.rate, seconds: 3, warmup: 1 }); // warm the server's code paths
    await scrapeLoopDelay(fixture.baseUrl, token); // resets the server's event-loop histogram
    const waits = await sampleWaitEvents(fixture.databaseUrl);
    const result = await session.measure({ rate: options.rate, seconds: options.seconds, warmup: Math.min(2, options.seconds / 4) });
    const loop = await scrapeLoopDelay(fixture.baseUrl, token);
    const { samples, counts } = await waits.stop();
    session.close();
    console.log(`latency     stamp → every client: ${figures(result.latency)}`);
    console.log(`latency     stamp → first client: ${figures(result.firstClient)}`);
    console.log(`latency     first → last client:  ${figures(result.spread)}`);
    console.log(`latency     send → ack (driver):  ${figures(result.ack)}`);
    console.log(`loop        server event-loop delay p50 ${ms(loop.p50)} · p99 ${ms(loop.p99)} · max ${ms(loop.max)} · bench process p99 ${ms(result.loop.p99)}`);
    console.log(`faults      gaps ${result.gaps} · out of order ${result.outOfOrder} · missing ${result.missing} · load ${loadAverage()}`);
    console.log(`postgres    ${samples} samples of pg_stat_activity (non-idle backends of the bench database; share of samples):`);
    for (const [key, count] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`  ${(count / samples).toFixed(3).padStart(6)}  ${key}`);
  } finally {
    await fixture.close();
    await noise.stop();
  }
  // The measurement and the ~second to stop after it; start-up and the warm-up left out.
  printProfile(profileDir, (options.seconds + 1.5) * 1000);
}

async function scrapeLoopDelay(baseUrl: string, token: string): Promise<{ p50: number; p99: number; max: number }> {
  const response = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  const value = (name: string) => Number(text.match(new RegExp(`^${name} ([0-9.e+-]+)$`, "m"))?.[1] ?? NaN) * 1000;
  return { p50: value("nodejs_eventloop_lag_p50_seconds"), p99: value("nodejs_eventloop_lag_p99_seconds"), max: value("nodejs_eventloop_lag_max_seconds") };
}

function printProfile(dir: string, windowMs: number): void {
  // start.mjs and dist/server.js were both profiled: the server is the one that was busy.
  const profiles = readdirSync(dir).map((file) => JSON.parse(readFileSync(path.join(dir, file), "utf8")) as TCpuProfile);
  const whole = profiles.sort((a, b) => cpuByLayer(b).busyMs - cpuByLayer(a).busyMs)[0];
  if (!whole) return console.log("cpu         no profile written (the server did not exit cleanly)");
  const server = lastWindow(whole, windowMs);
  const { busyMs, idleMs, layers } = cpuByLayer(server);
  console.log(`cpu         server busy ${(busyMs / 1000).toFixed(1)} s, idle ${(idleMs / 1000).toFixed(1)} s in the last ${(windowMs / 1000).toFixed(1)} s of its life (the measurement); ${dir}`);
  for (const layer of layers) console.log(`  ${(layer.share * 100).toFixed(1).padStart(5)}%  ${ms(layer.ms).padStart(8)}  ${layer.layer}`);
  console.log("cpu         busiest functions (self time):");
  for (const fn of topFunctions(server, 25)) console.log(`  ${ms(fn.ms).padStart(8)}  ${fn.name}`);
}

const loadAverage = () => os.loadavg().map((v) => v.toFixed(2)).join(" ");

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`bench:profile failed: ${error.message}`);
    process.exit(1);
  },
);
