// What the chaos test runs against: a fresh migrated database, a team with two leads and a run made
// with the library code, and TWO compiled servers (dist/server.js, as `npm start` runs it) on that one
// database, sharing AUTH_SECRET, joined by the chosen Socket.IO adapter. An instance can be killed
// with SIGKILL and restarted on the same port, as a crashed process brought back by its supervisor.
// With `proxy: "nginx"`, Debian's nginx runs the README's config in front of both (e2e/support/nginx.ts)
// and is the address everything goes through: APP_URL, sign-in, snapshots, sockets.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { makeRun, makeTeam, makeUser } from "../support/factories";
import { signInOverHttp } from "../support/http-sign-in";
import { localNginxConfig, readmeNginxExample, startNginx } from "../support/nginx";
import { dropRedisStream } from "../support/redis";
import { LIMITS_OUT_OF_THE_WAY, startServerProcess, stop, waitUntilHealthy, type TServerProcess } from "../support/server-process";
import { createTestDatabase } from "../support/test-database";
import { db, disconnectDb } from "../../lib/db/client";
import { freePort } from "../../lib/db/embedded";
import type { TRunSnapshot } from "../../lib/domain/run-snapshot";
import { setRuntime } from "../../lib/runtime";

/** A first start on a busy machine (Next loads its bundles) can take a while. */
const READY_TIMEOUT_MS = 120_000;

/** What a client or a request is pointed at: an instance, or the proxy in front of both. */
export type TChaosTarget = { name: string; baseUrl: string };
export type TChaosInstance = TChaosTarget & { port: number; server: TServerProcess };

/** The instances serve their own /metrics with this token: the test counts the sockets each holds. */
const METRICS_TOKEN = randomBytes(16).toString("hex");

export type TChaosCluster = {
  databaseUrl: string;
  runId: string;
  /** The items the leads fight over. */
  itemIds: string[];
  instances: [TChaosInstance, TChaosInstance];
  /** nginx in front of both, when asked for: then the only address clients use. */
  proxy: TChaosTarget | null;
  /** Sockets an instance holds in its main namespace (its own /metrics). */
  socketsOn: (instance: TChaosInstance) => Promise<number>;
  cookies: { leads: [string, string]; member: string; viewer: string };
  /** The run's snapshot as a page loads it (GET /api/runs/<id>) from an instance. */
  fetchSnapshot: (target: TChaosTarget, cookie: string) => Promise<TRunSnapshot>;
  kill: (instance: TChaosInstance) => Promise<void>;
  /** Starts the instance again on its port; resolves when it is healthy. */
  restart: (instance: TChaosInstance) => Promise<void>;
  close: () => Promise<void>;
};

/** Clusters not closed yet: a Ctrl-C must still stop their servers and drop their databases. */
const openClusters = new Set<() => Promise<void>>();
export async function closeOpenClusters(): Promise<void> {
  for (const close of [...openClusters]) await close();
}

export async function startChaosCluster(options: { adminUrl: string; items: number; redisUrl?: string; port?: number; proxy?: "nginx" }): Promise<TChaosCluster> {
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => {
    openClusters.delete(close);
    for (const closer of closers.reverse()) await closer().catch((error: Error) => console.error(`[chaos] cleanup: ${error.message}`));
    closers.length = 0;
  };
  openClusters.add(close);
  try {
    const database = await createTestDatabase(options.adminUrl, "chaos");
    closers.push(database.drop);
    if (options.redisUrl) closers.push(() => dropRedisStream(database.url, options.redisUrl));
    const dataDir = await mkdtemp(path.join(tmpdir(), "warroom-chaos-"));
    closers.push(() => rm(dataDir, { recursive: true, force: true }));
    const authSecret = randomBytes(32).toString("hex");
    const ports = options.port ? [options.port, options.port + 1] : [await freePort(), await freePort()];
    const proxyPort = options.proxy ? (options.port ? options.port + 2 : await freePort()) : null;
    const proxyUrl = proxyPort ? `http://127.0.0.1:${proxyPort}` : null;
    const data = await makeData(database.url, authSecret, options.items);

    const envFor = (port: number) => ({
      DATABASE_URL: database.url,
      REDIS_URL: options.redisUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      // Behind the proxy every instance's public address is the proxy's.
      APP_URL: proxyUrl ?? `http://127.0.0.1:${port}`,
      METRICS_TOKEN,
      AUTH_SECRET: authSecret,
      DATA_DIR: dataDir,
      SIGN_IN_RATE_LIMIT: "10000",
      // The leads hammer the same items as fast as answers come, on purpose: the per-socket command
      // limits (lib/security/limits.ts) would turn most of that into rate_limited refusals.
      ...LIMITS_OUT_OF_THE_WAY,
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
    });
    const instances = (await Promise.all(
      ports.map(async (port, i) => {
        const server = await startServerProcess(envFor(port), port);
        const instance: TChaosInstance = { name: "AB"[i], port, baseUrl: `http://127.0.0.1:${port}`, server };
        closers.push(() => stop(instance.server));
        await waitUntilHealthy(server, READY_TIMEOUT_MS);
        return instance;
      }),
    )) as [TChaosInstance, TChaosInstance];

    let proxy: TChaosTarget | null = null;
    if (proxyPort && proxyUrl) {
      const config = localNginxConfig(readmeNginxExample(), { port: proxyPort, upstreams: ports.map((port) => `127.0.0.1:${port}`) });
      const nginx = await startNginx(config, proxyPort);
      closers.push(nginx.stop);
      proxy = { name: "nginx", baseUrl: proxyUrl };
    }

    const [lead0, lead1, member, viewer] = await Promise.all(
      [data.emails.leads[0], data.emails.leads[1], data.emails.member, data.emails.viewer].map((email, i) =>
        signInOverHttp(proxy?.baseUrl ?? instances[i % 2].baseUrl, email),
      ),
    );
    return {
      databaseUrl: database.url,
      runId: data.runId,
      itemIds: data.itemIds,
      instances,
      proxy,
      socketsOn: async (instance) => {
        const text = await fetch(`${instance.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }).then((r) => r.text());
        return Number(/^warroom_sockets_connected\{namespace="\/"\} (\d+)/m.exec(text)?.[1] ?? 0);
      },
      cookies: { leads: [lead0, lead1], member, viewer },
      fetchSnapshot: async (target, cookie) => {
        const response = await fetch(`${target.baseUrl}/api/runs/${data.runId}`, { headers: { cookie } });
        if (!response.ok) throw new Error(`GET /api/runs/${data.runId} on ${target.name}: HTTP ${response.status}`);
        return (await response.json()) as TRunSnapshot;
      },
      kill: async (instance) => {
        instance.server.child.kill("SIGKILL");
        await instance.server.exited;
      },
      restart: async (instance) => {
        instance.server = await startServerProcess(envFor(instance.port), instance.port);
        await waitUntilHealthy(instance.server, READY_TIMEOUT_MS);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Users (two leads among them) and a run of the seeded runbook, written with the library code. */
async function makeData(databaseUrl: string, authSecret: string, itemCount: number) {
  setRuntime({ databaseUrl, authSecret, appUrl: "http://127.0.0.1", signInRateLimit: 10_000, startedAt: new Date(), version: "chaos" });
  try {
    const team = await makeTeam();
    const second = await makeUser(team.admin, { name: "Kit Lead", email: `lead2-${randomUUID()}@example.com`, role: "lead" });
    const run = await makeRun(team.lead, { name: "chaos" });
    const items = await db().runItem.findMany({
      // Recurring checks are recorded in rounds, not ticked item by item.
      where: { section: { phase: { runId: run.id }, intervalMinutes: null } },
      select: { id: true },
      orderBy: [{ section: { phase: { position: "asc" } } }, { section: { position: "asc" } }, { position: "asc" }],
      take: itemCount,
    });
    const users = await db().user.findMany({ where: { id: { in: [team.lead.id, second.id, team.member.id, team.viewer.id] } } });
    const emailOf = (id: string) => users.find((u) => u.id === id)!.email;
    return {
      runId: run.id,
      itemIds: items.map((i) => i.id),
      emails: { leads: [emailOf(team.lead.id), emailOf(second.id)], member: emailOf(team.member.id), viewer: emailOf(team.viewer.id) },
    };
  } finally {
    await disconnectDb();
  }
}
