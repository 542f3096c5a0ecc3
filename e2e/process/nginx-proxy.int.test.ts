// A real proxy: Debian's nginx with the README's example config in front of two compiled instances
// sharing one database and APP_URL (the proxy's address). Through it: first-run setup and another
// server action, WebSocket upgrades, an event reaching a socket held by the other instance, and an
// instance SIGKILLed behind the proxy (its sockets reconnect through nginx to the survivor and
// miss nothing). A proxy that rewrites Host (`$host`, which drops the port) still gets server
// actions through, because APP_URL's origin is accepted as the sockets accept it.
import { readFileSync } from "node:fs";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { Prisma } from "../../lib/generated/prisma/client";
import { freePort } from "../../lib/db/embedded";
import type { TClientSocket } from "../../lib/realtime/client/client";
import { makeRun, makeTeam } from "../support/factories";
import { signInOverHttp } from "../support/http-sign-in";
import { useTestDatabase } from "../support/integration";
import { isNginxMissing, localNginxConfig, readmeNginxExample, startNginx, type TNginx } from "../support/nginx";
import { startServerProcess, stop, type TServerProcess, waitUntilHealthy } from "../support/server-process";

const database = useTestDatabase("nginx");
const AUTH_SECRET = "test-secret-test-secret-test-secret-0123";
const METRICS_TOKEN = "nginx-test-metrics-token-0123";
const POLL = { timeout: 20_000, interval: 100 };
const ADMIN = { name: "Nia Nginx", email: "nia@proxy.test", password: "a proxy-proof password" };

type TInstance = { name: "A" | "B"; port: number; server: TServerProcess };

let instances: [TInstance, TInstance];
let proxyPort: number;
let nginx: TNginx | undefined;
let appUrl: string;
let runId: string;
let itemIds: string[];
let leadCookie: string;
const sockets: TClientSocket[] = [];

function actionId(file: string, name: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { filename: string; exportedName: string }> };
  const found = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === name);
  if (!found) throw new Error(`no server action ${file}#${name} in this build`);
  return found[0];
}

const startInstance = (port: number) =>
  startServerProcess({ DATABASE_URL: database.url(), AUTH_SECRET, APP_URL: appUrl, HOST: "127.0.0.1", METRICS_TOKEN, SIGN_IN_RATE_LIMIT: "1000", LOG_LEVEL: "warn" }, port);

async function startProxy(hostHeader?: string): Promise<TNginx> {
  const upstreams = instances.map((i) => `127.0.0.1:${i.port}`);
  return startNginx(localNginxConfig(readmeNginxExample(), { port: proxyPort, upstreams, hostHeader }), proxyPort);
}

/** The sockets an instance holds in its main namespace, from its own /metrics. */
async function socketsOn(instance: TInstance): Promise<number> {
  const text = await fetch(`http://127.0.0.1:${instance.port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }).then((r) => r.text());
  return Number(/^warroom_sockets_connected\{namespace="\/"\} (\d+)/m.exec(text)?.[1] ?? 0);
}

/** A socket through the proxy from `localAddress` (nginx's ip_hash sends each /24 to one instance). */
async function socketThroughProxy(localAddress: string): Promise<TClientSocket> {
  // engine.io-client hands localAddress to the WebSocket in Node; its types leave it out.
  const nodeOptions = { localAddress };
  const socket: TClientSocket = connect(appUrl, { transports: ["websocket"], forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 500, extraHeaders: { cookie: leadCookie, origin: appUrl }, ...nodeOptions });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

/** A socket that nginx put on `instance`: tries source addresses 127.0.k.1 until one lands there. */
async function socketOn(instance: TInstance): Promise<TClientSocket> {
  for (let k = 1; k <= 32; k += 1) {
    const before = await socketsOn(instance);
    const socket = await socketThroughProxy(`127.0.${k}.1`);
    if ((await socketsOn(instance)) > before) return socket;
    socket.close();
  }
  throw new Error(`no source address in 127.0.1-32.1 lands on ${instance.name}`);
}

async function joinRun(socket: TClientSocket): Promise<number[]> {
  const seen: number[] = [];
  socket.on("run:event", (event) => seen.push(event.seq));
  // Joined again after every reconnect, with what it has, as the war room's feed does.
  const join = () => socket.emit("run:join", { runId, afterSeq: Math.max(0, ...seen) }, (reply) => {
    if ("data" in reply) for (const event of reply.data.events) if (!seen.includes(event.seq)) seen.push(event.seq);
  });
  socket.on("connect", join);
  join();
  return seen;
}

async function tick(socket: TClientSocket, itemId: string, commandId: string): Promise<number> {
  const { version } = await db().runItem.findUniqueOrThrow({ where: { id: itemId }, select: { version: true } });
  const reply = (await socket.timeout(15_000).emitWithAck("item:change", { runId, itemId, version, action: { kind: "done" }, commandId })) as { data?: { seq: number }; error?: unknown };
  if (!reply.data) throw new Error(`tick refused: ${JSON.stringify(reply.error)}`);
  return reply.data.seq;
}

function shareAction(origin: string) {
  return fetch(`${appUrl}/runs/${runId}/share`, {
    method: "POST",
    headers: { "next-action": actionId("lib/share/server/actions.ts", "createShareLinkAction"), origin, cookie: leadCookie, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
    body: JSON.stringify([{ runId, label: `through nginx from ${origin}` }]),
  });
}

beforeAll(async () => {
  if (isNginxMissing) return;
  proxyPort = await freePort();
  appUrl = `http://127.0.0.1:${proxyPort}`;
  const ports = [await freePort(), await freePort()];
  instances = (await Promise.all(ports.map(async (port, i) => ({ name: "AB"[i] as "A" | "B", port, server: await startInstance(port) })))) as [TInstance, TInstance];
  await Promise.all(instances.map((i) => waitUntilHealthy(i.server, 120_000)));
  nginx = await startProxy();
}, 180_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await nginx?.stop();
  if (instances) await Promise.all(instances.map((i) => stop(i.server)));
});

describe.skipIf(isNginxMissing)("behind nginx with the README's config", () => {
  it("the README's example forwards the Host the browser sent", () => {
    expect(readmeNginxExample()).toMatch(/proxy_set_header Host \$http_host;/);
  });

  it("first-run setup, a server action, goes through", async () => {
    expect((await fetch(`${appUrl}/setup`)).status).toBe(200);
    const form = new FormData();
    for (const [key, value] of Object.entries(ADMIN)) form.append(`_1_${key}`, value);
    form.append("0", '[null,"$K1"]');
    const response = await fetch(`${appUrl}/setup`, {
      method: "POST",
      headers: { "next-action": actionId("lib/auth/actions.ts", "setupAction"), origin: appUrl, accept: "text/x-component" },
      body: form,
      redirect: "manual",
    });
    expect(response.status, await response.clone().text()).toBeLessThan(400);
    // The setup page moves on itself once the action answers ok (it says each step meanwhile).
    expect(await response.clone().text()).toContain('"ok":true');
    expect(await db().user.count({ where: { email: ADMIN.email, role: "admin" } })).toBe(1);
  });

  it("a lead's server action from APP_URL's origin goes through; another site's is refused", async () => {
    const team = await makeTeam();
    const run = await makeRun(team.lead);
    runId = run.id;
    itemIds = (await db().runItem.findMany({ where: { section: { phase: { runId }, intervalMinutes: null }, metricLink: { equals: Prisma.DbNull } }, take: 4, orderBy: { id: "asc" }, select: { id: true } })).map((i) => i.id);
    leadCookie = await signInOverHttp(appUrl, (await db().user.findUniqueOrThrow({ where: { id: team.lead.id } })).email);
    const own = await shareAction(appUrl);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain("/status/");
    const foreign = await shareAction("https://evil.example");
    expect(foreign.status).toBe(403);
    expect(await db().shareLink.count({ where: { runId } })).toBe(1);
  });

  it("WebSockets upgrade through it, an event reaches the other instance's socket, and a killed instance's sockets come back through the proxy", async () => {
    const [a, b] = instances;
    const onA = await socketOn(a);
    const onB = await socketOn(b);
    const seenOnA = await joinRun(onA);
    const seenOnB = await joinRun(onB);
    const first = await tick(onA, itemIds[0], "nginx-tick-0001");
    await expect.poll(() => seenOnB.includes(first), POLL).toBe(true);

    b.server.child.kill("SIGKILL");
    await b.server.exited;
    // onB's connection went with B; it reconnects by itself, through nginx, to A.
    await expect.poll(async () => onB.connected && (await socketsOn(a)) === 2, POLL).toBe(true);
    const second = await tick(onA, itemIds[1], "nginx-tick-0002");
    const third = await tick(onB, itemIds[2], "nginx-tick-0003");
    await expect.poll(() => [second, third].every((seq) => seenOnB.includes(seq) && seenOnA.includes(seq)), POLL).toBe(true);
    // Nothing lost, nothing twice, in order, on either socket.
    for (const seen of [seenOnA, seenOnB]) expect(seen.filter((seq) => seq >= first)).toEqual([first, second, third]);
    expect((await fetch(`${appUrl}/api/health`)).status).toBe(200);

    b.server = await startInstance(b.port);
    await waitUntilHealthy(b.server, 120_000);
  }, 180_000);

  it("a proxy that rewrites Host ($host drops the port) still gets server actions through", async () => {
    await nginx?.stop();
    nginx = await startProxy("$host");
    const own = await shareAction(appUrl);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain("/status/");
    expect((await shareAction(`http://127.0.0.1:${proxyPort + 1}`)).status).toBe(403);
    expect(await db().shareLink.count({ where: { runId } })).toBe(2);
  });
});
