// npm run bench:soak: a 12-hour deployment day replayed at ×N against the production server — 200
// viewers (war rooms, bridges, status links) on sockets all day, 4 leads changing items through the
// command path, 50,000 timeline events, 2 million metric samples in batches, reconnect churn — with a
// bridge, a war room and a status page open in Chromium throughout. Every simulated hour prints the
// server's RSS, heap and event-loop p99, the database's size, the war room's first load and the pages'
// JS heap after a forced GC; at the end every viewer's seq is checked and each target passes or fails.
import "../../lib/server-only-in-node";
import { loadavg } from "node:os";
import { UsageError } from "../../lib/cli/options";
import { closeOnSignal } from "./bench-server";
import { launchChromium, newContext } from "./browser";
import { megabytes, openWatchedPage, type TWatchedPage } from "./page-heap";
import { createPortPool } from "./ports";
import { type TSoakFixture, startSoakFixture } from "./soak-fixture";
import { closeLeads, connectLeads, playHour } from "./soak-load";
import { parseSoakBenchArgs, type TSoakBenchOptions } from "./soak-options";
import { hourQuota, judgeSoak, type THourFigures } from "./soak-plan";
import { databaseBytes, scrapeServer, warRoomFirstLoadMs } from "./soak-vitals";
import { churn, closeViewers, deliveryOf, openViewers, settle } from "./soak-viewers";

const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
const mb = (bytes: number) => `${Math.round(bytes / 1_000_000)} MB`;

async function main(): Promise<number> {
  const options = parseSoakBenchArgs(process.argv.slice(2));
  const quota = hourQuota(options);
  console.log(
    `bench:soak ${options.hours} simulated hours at ×${options.speed} (${(quota.realMs / 1000).toFixed(0)} s each) · per hour ${quota.events} events from ${options.leads} leads, ` +
      `${quota.samples} samples in batches of ${options.batch} · ${options.viewers} viewers, ${options.churn}% reconnected each hour · load average ${load()}`,
  );
  console.log("setup        fresh database, leads, run, token and status link; starting the server (builds first if sources changed)…");
  const fixture = await startSoakFixture({ ports: createPortPool(options.port), leads: options.leads });
  closeOnSignal(fixture.close);
  try {
    console.log(`server       dist/server.js (NODE_ENV=production, via lib/cli/start.mjs) on ${fixture.baseUrl}; ${fixture.databaseLabel}`);
    return await replayDay(options, fixture);
  } finally {
    await fixture.close();
  }
}

async function replayDay(options: TSoakBenchOptions, fixture: TSoakFixture): Promise<number> {
  const quota = hourQuota(options);
  const browser = await launchChromium();
  const viewers = await openViewers({ baseUrl: fixture.baseUrl, runId: fixture.runId, cookie: fixture.viewerCookie, shareToken: fixture.shareToken }, options.viewers);
  const leads = await connectLeads(fixture.baseUrl, fixture.runId, fixture.leads);
  const site = { baseUrl: fixture.baseUrl, runId: fixture.runId, cookie: fixture.viewerCookie, shareToken: fixture.shareToken };
  try {
    // The screens left open all day: a lead's war room, the bridge TV, a stakeholder's status link.
    const pages: Record<"warRoom" | "bridge" | "status", TWatchedPage> = {
      warRoom: await openWatchedPage(await newContext(browser, fixture.baseUrl, fixture.leads[0].cookie), `${fixture.baseUrl}/runs/${fixture.runId}`, "timeline"),
      bridge: await openWatchedPage(await newContext(browser, fixture.baseUrl, fixture.viewerCookie), `${fixture.baseUrl}/runs/${fixture.runId}/bridge`, "bridge-run-name"),
      status: await openWatchedPage(await newContext(browser, fixture.baseUrl), `${fixture.baseUrl}/status/${fixture.shareToken}`, "status-run-name"),
    };
    console.log(`viewers      ${viewers.length} sockets (war room, bridge, status link in thirds) · ${leads.length} lead sockets · 3 pages open in Chromium`);
    const dayStart = Date.now() - options.hours * 3_600_000;
    const hours: THourFigures[] = [];
    for (let hour = 1; hour <= options.hours; hour++) {
      const startedAt = performance.now();
      const played = await playHour({ site: { ...site, token: fixture.metricsToken }, leads, events: quota.events, samples: quota.samples, batch: options.batch, realMs: quota.realMs, clock: { dayStart, hour } });
      const reconnected = await churn(site, viewers, options.churn / 100, hour);
      const took = performance.now() - startedAt;
      const server = await scrapeServer(fixture.baseUrl);
      const [bridge, warRoom, status] = [await pages.bridge.sample(), await pages.warRoom.sample(), await pages.status.sample()];
      const figures: THourFigures = {
        hour,
        ...server,
        dbBytes: await databaseBytes(fixture.databaseUrl),
        warRoomLoadMs: await warRoomFirstLoadMs(browser, fixture.baseUrl, fixture.leads[0].cookie, fixture.runId),
        bridgeHeapBytes: bridge.usedBytes,
        warRoomHeapBytes: warRoom.usedBytes,
      };
      hours.push(figures);
      const refused = [...played.refused].map(([code, n]) => `${n} ${code}`).join(", ");
      console.log(
        `hour ${String(hour).padStart(2)}/${options.hours}  ${played.events} events${refused ? ` (refused: ${refused})` : ""} · ${played.samples} samples${played.failedBatches ? ` (${played.failedBatches} batches failed)` : ""} · ` +
          `${reconnected} reconnected · took ${(took / 1000).toFixed(0)} s, ${(played.events / (took / 1000)).toFixed(1)} events/s (feed lag max ${(played.lagMs / 1000).toFixed(1)} s) · load ${load()}`,
      );
      console.log(
        `             server RSS ${mb(figures.rssBytes)} · heap ${mb(figures.heapBytes)} · event-loop p99 ${figures.eventLoopP99Ms.toFixed(1)} ms · DB ${mb(figures.dbBytes)} · war room first load ${Math.round(figures.warRoomLoadMs)} ms`,
      );
      console.log(
        `             page heap after GC: bridge ${megabytes(bridge.usedBytes)} (${bridge.retained.points} points, ${bridge.retained.events} events) · ` +
          `war room ${megabytes(warRoom.usedBytes)} (${warRoom.retained.points} points, ${warRoom.retained.events} events) · status ${megabytes(status.usedBytes)} (${status.retained.points} points)`,
      );
    }
    const lastSeq = await runLastSeq(fixture);
    await settle(viewers, lastSeq);
    const delivery = deliveryOf(viewers, lastSeq);
    console.log(`\nseq check    run at seq ${lastSeq}; ${delivery.rejoins} re-joins after a gap (replayed, as screens do)`);
    const targets = judgeSoak(hours, delivery);
    for (const t of targets) console.log(`${t.isMet ? "PASS" : "FAIL"}  ${t.name}: ${t.measured} (target ${t.target})`);
    console.log(`load average at the end ${load()} (over 1, 5 and 15 min)`);
    return targets.every((t) => t.isMet) ? 0 : 1;
  } finally {
    closeLeads(leads);
    closeViewers(viewers);
    await browser.close();
  }
}

async function runLastSeq(fixture: TSoakFixture): Promise<number> {
  const response = await fetch(`${fixture.baseUrl}/api/runs/${fixture.runId}`, { headers: { cookie: fixture.leads[0].cookie } });
  if (!response.ok) throw new Error(`GET /api/runs/${fixture.runId}: HTTP ${response.status}`);
  return ((await response.json()) as { lastSeq: number }).lastSeq;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error instanceof UsageError ? error.message : `bench:soak failed: ${error.stack ?? error.message}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
