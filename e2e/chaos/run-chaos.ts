// Issue 8's chaos test, end to end: two real instances on one database, N clients split across them
// following one run, two leads making conflicting changes, random socket drops and SIGKILLed
// instances restarted mid-run; then, once quiet, every client's folded events and state are judged
// against the database (verdict.ts). Used by `npm run test:chaos` and, smaller, by CI.
import { setTimeout as delay } from "node:timers/promises";
import { db, disconnectDb } from "../../lib/db/client";
import { stateFingerprint } from "../../lib/domain/run-snapshot";
import { getRunSnapshot } from "../../lib/runs/queries";
import { isCaughtUp, openChaosClient, toClientRecord, type TChaosClient } from "./chaos-client";
import { startChaosCluster, type TChaosCluster, type TChaosInstance } from "./cluster-fixture";
import { createTally, driveLead, type TLeadTally } from "./lead-driver";
import type { TChaosOptions } from "./options";
import { planChaos, seededRandom } from "./plan";
import { printChaosReport, type TChaosReport } from "./report";
import { judgeChaos } from "./verdict";

/** After the last change, how long clients get to reconnect and replay before what is missing counts as lost. */
const QUIET_TIMEOUT_MS = 60_000;
const CONNECT_BATCH = 25;
const PROGRESS_EVERY_MS = 5_000;

export type TChaosRun = TChaosOptions & { adminUrl: string; redisUrl?: string; print: (line: string) => void };

export async function runChaos(run: TChaosRun): Promise<TChaosReport> {
  const seed = run.seed ?? Math.floor(Math.random() * 2 ** 31);
  // One generator per actor, so a seed repeats the plan and each lead's sequence of choices (what
  // the leads' screens show when they choose still depends on timing).
  const plan = planChaos(run, seededRandom(seed));
  const pickVictim = seededRandom(seed + 1);
  run.print(
    `chaos       ${run.clients} clients (2 of them leads) on 2 instances · ${run.changes} changes on ${run.items} items · ` +
      `${run.drops} drops · ${run.kills} SIGKILL · ${run.adapter} adapter${run.proxy === "nginx" ? " · behind nginx" : ""} · seed ${seed}`,
  );
  const setupStart = performance.now();
  const cluster = await startChaosCluster({
    adminUrl: run.adminUrl,
    items: run.items,
    port: run.port,
    redisUrl: run.adapter === "redis" ? run.redisUrl : undefined,
    proxy: run.proxy === "nginx" ? "nginx" : undefined,
  });
  const clients: TChaosClient[] = [];
  try {
    const behind = cluster.proxy ? `, behind nginx (README config) at ${cluster.proxy.baseUrl}` : "";
    run.print(`setup       fresh database, team, run; dist/server.js on ${cluster.instances.map((i) => `${i.name} ${i.baseUrl}`).join(" and ")}${behind} in ${secs(performance.now() - setupStart)}`);
    clients.push(...(await openClients(cluster, run.clients)));
    if (cluster.proxy) {
      const held = await Promise.all(cluster.instances.map((i) => cluster.socketsOn(i)));
      run.print(`placement   nginx's ip_hash put ${cluster.instances.map((i, n) => `${held[n]} sockets on ${i.name}`).join(" and ")}`);
    }
    const [lead0, lead1] = clients;
    const tallies: [TLeadTally, TLeadTally] = [createTally(), createTally()];
    let sent = 0;
    const onSent = () => (sent += 1);
    const leadsDone = Promise.all(
      [lead0, lead1].map((lead, i) =>
        driveLead({
          lead,
          leadIndex: i,
          runId: cluster.runId,
          itemIds: cluster.itemIds,
          count: i === 0 ? Math.ceil(run.changes / 2) : Math.floor(run.changes / 2),
          inFlight: run.inFlight,
          random: seededRandom(seed + 2 + i),
          tally: tallies[i],
          onSent,
        }),
      ),
    );
    let isLeadsDone = false;
    // Handled here so a failing lead is reported when awaited below, not as an unhandled rejection.
    leadsDone.then(() => (isLeadsDone = true), () => (isLeadsDone = true));
    const chaosStart = performance.now();
    // A line every few seconds, so a long run (or one stuck waiting) shows where it is.
    const progress = setInterval(() => {
      const connected = clients.filter((c) => c.socket.connected).length;
      run.print(`progress    ${sent}/${run.changes} changes sent · ${connected}/${clients.length} clients connected`);
    }, PROGRESS_EVERY_MS);
    let chaos: TChaosEvents;
    try {
      chaos = await unleash({ cluster, clients, plan, random: pickVictim, sent: () => sent, isLeadsDone: () => isLeadsDone, print: run.print });
      await leadsDone;
    } finally {
      clearInterval(progress);
    }
    const changesMs = performance.now() - chaosStart;

    const quietStart = performance.now();
    const lastSeq = await waitForQuiet(cluster.runId, clients);
    const quietMs = performance.now() - quietStart;
    const snapshot = (await getRunSnapshot(cluster.runId))!;
    const stored = await db().timelineEvent.findMany({ where: { runId: cluster.runId, commandId: { not: null } }, select: { commandId: true, seq: true } });
    const verdict = judgeChaos({
      clients: clients.map(toClientRecord),
      database: { lastSeq, fingerprint: stateFingerprint(snapshot), seqByCommandId: new Map(stored.map((e) => [e.commandId!, e.seq])) },
      acked: tallies.flatMap((t) => t.acked),
    });
    const report: TChaosReport = { seed, clients, tallies, chaos, lastSeq, changesMs, quietMs, verdict };
    printChaosReport(report, run.print);
    if (!verdict.isOk) for (const instance of cluster.instances) run.print(`log ${instance.name}       ${tail(instance.server.output())}`);
    return report;
  } finally {
    for (const client of clients) client.socket.close();
    await cluster.close();
    await disconnectDb();
  }
}

/**
 * Leads first (lead 1 on A, lead 2 on B), then members and viewers alternating between A and B.
 * Behind the proxy all connect to nginx, each from its own loopback /24 (127.0.k.1), so that
 * ip_hash spreads them over the instances as it would spread users from different networks.
 */
async function openClients(cluster: TChaosCluster, count: number): Promise<TChaosClient[]> {
  const targets = cluster.proxy ? [cluster.proxy, cluster.proxy] : cluster.instances;
  const initial = await Promise.all(targets.map((target) => cluster.fetchSnapshot(target, cluster.cookies.viewer)));
  const specs = Array.from({ length: count }, (_, i) => {
    const onB = i % 2;
    const cookie = i < 2 ? cluster.cookies.leads[i] : i % 4 < 2 ? cluster.cookies.member : cluster.cookies.viewer;
    const localAddress = cluster.proxy ? `127.0.${(i % 32) + 1}.1` : undefined;
    return { label: i < 2 ? `lead ${i + 1}` : `client ${i + 1}`, instance: targets[onB], cookie, initial: initial[onB], localAddress };
  });
  const clients: TChaosClient[] = [];
  for (let start = 0; start < specs.length; start += CONNECT_BATCH) {
    clients.push(...(await Promise.all(specs.slice(start, start + CONNECT_BATCH).map(openChaosClient))));
  }
  return clients;
}

export type TChaosEvents = { drops: number; kills: { instance: string; atChange: number; restartMs: number; /** Sockets it held when killed. */ socketsHeld: number }[] };

/** Runs the plan while the leads work: drops by engine close, SIGKILL then restart (drops go on meanwhile). */
async function unleash(options: {
  cluster: TChaosCluster;
  clients: TChaosClient[];
  plan: ReturnType<typeof planChaos>;
  random: () => number;
  sent: () => number;
  isLeadsDone: () => boolean;
  print: (line: string) => void;
}): Promise<TChaosEvents> {
  const { cluster, clients, plan, random, sent } = options;
  const events: TChaosEvents = { drops: 0, kills: [] };
  let restarting: Promise<void> = Promise.resolve();
  let restartError: Error | null = null;
  let drop = 0;
  let kill = 0;
  while ((drop < plan.dropAt.length || kill < plan.kills.length) && !options.isLeadsDone() && !restartError) {
    while (drop < plan.dropAt.length && sent() >= plan.dropAt[drop]) {
      const connected = clients.filter((c) => c.socket.connected);
      const victim = connected[Math.floor(random() * connected.length)];
      // Closing the engine is a network drop: the client sees "transport close" and reconnects.
      if (victim) victim.socket.io.engine.close();
      if (victim) events.drops += 1;
      drop += 1;
    }
    if (kill < plan.kills.length && sent() >= plan.kills[kill].at) {
      await restarting;
      const instance = cluster.instances[plan.kills[kill].instance];
      const atChange = sent();
      const socketsHeld = await cluster.socketsOn(instance).catch(() => -1);
      await cluster.kill(instance);
      options.print(`kill        SIGKILL ${instance.name} (holding ${socketsHeld} sockets) after ${atChange} changes sent; restarting it on port ${instance.port}`);
      restarting = restartTimed(cluster, instance).then(
        (restartMs) => {
          events.kills.push({ instance: instance.name, atChange, restartMs, socketsHeld });
          options.print(`restart     ${instance.name} healthy again after ${(restartMs / 1000).toFixed(1)} s`);
        },
        // Its lead would wait for it forever: stop the run instead.
        (error: Error) => void (restartError = error),
      );
      kill += 1;
    }
    await delay(5);
  }
  await restarting;
  if (restartError) throw restartError;
  return events;
}

async function restartTimed(cluster: TChaosCluster, instance: TChaosInstance): Promise<number> {
  const start = performance.now();
  await cluster.restart(instance);
  return performance.now() - start;
}

/** The database's lastSeq once every client is connected and holds it (or the timeout passed). */
async function waitForQuiet(runId: string, clients: TChaosClient[]): Promise<number> {
  const deadline = Date.now() + QUIET_TIMEOUT_MS;
  for (;;) {
    const { lastSeq } = await db().run.findUniqueOrThrow({ where: { id: runId }, select: { lastSeq: true } });
    if (clients.every((c) => isCaughtUp(c, lastSeq)) || Date.now() > deadline) return lastSeq;
    await delay(50);
  }
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const tail = (output: string) => output.trim().split("\n").slice(-15).join("\n            ");
