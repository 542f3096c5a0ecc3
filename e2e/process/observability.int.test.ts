// Warroom observable, as an operator runs it: the compiled server with METRICS_TOKEN and JSON logs,
// a real Prometheus (Debian's binary, e2e/support/prometheus.ts) scraping its GET /metrics, and the
// figures it stores matching what the test did (commands by kind and outcome, samples ingested,
// sockets, rule evaluations, pool, event-loop lag). A scrape with a wrong token is refused; the
// logs are JSON lines carrying request ids, and no secret reaches them.
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { freePort } from "../../lib/db/embedded";
import { createApiToken } from "../../lib/metrics/tokens";
import { createShareLink } from "../../lib/share/server/share-links";
import { makeRun, makeTeam } from "../support/factories";
import { useTestDatabase } from "../support/integration";
import { isPrometheusMissing, startPrometheus, type TPrometheusServer } from "../support/prometheus";
import { sessionCookieOf } from "../support/realtime-world";
import { startServerProcess, stop, type TServerProcess, waitUntilHealthy } from "../support/server-process";

const database = useTestDatabase("observability");
// Sessions made in this process are signed with e2e/support/integration.ts's secret.
const AUTH_SECRET = "test-secret-test-secret-test-secret-0123";
const METRICS_TOKEN = "scrape-token-for-the-test-0123456789";
const POLL = { timeout: 30_000, interval: 500 };

type TAck = { data?: { seq: number }; error?: { code: string } };

let server: TServerProcess;
let prometheus: TPrometheusServer | undefined;
let baseUrl: string;
let socket: Socket;
const secrets: string[] = [AUTH_SECRET, METRICS_TOKEN];

beforeAll(async () => {
  const team = await makeTeam();
  const run = await makeRun(team.lead);
  const items = await db().runItem.findMany({ where: { section: { phase: { runId: run.id }, intervalMinutes: null } }, take: 2, orderBy: { id: "asc" } });
  const metricToken = (await createApiToken(team.lead, { runId: run.id, name: "feed" })).token;
  const shareToken = (await createShareLink(team.lead, { runId: run.id, label: "stakeholders" })).token;
  const cookie = await sessionCookieOf(team.lead);
  secrets.push(metricToken, shareToken, decodeURIComponent(cookie.split("=")[1].split(".")[0]));

  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = await startServerProcess(
    { DATABASE_URL: database.url(), AUTH_SECRET, APP_URL: baseUrl, HOST: "127.0.0.1", METRICS_TOKEN, LOG_FORMAT: "json", LOG_LEVEL: "debug" },
    port,
  );
  await waitUntilHealthy(server);

  // What the metrics must then show: two ticks, one refused as stale, three samples sent twice.
  socket = connect(baseUrl, { transports: ["websocket"], extraHeaders: { cookie, origin: baseUrl } });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  const tick = (itemId: string, commandId: string) =>
    socket.timeout(15_000).emitWithAck("item:change", { runId: run.id, itemId, version: 0, action: { kind: "done" }, commandId }) as Promise<TAck>;
  expect((await tick(items[0].id, "observe-tick-1")).data).toBeDefined();
  expect((await tick(items[1].id, "observe-tick-2")).data).toBeDefined();
  expect((await tick(items[0].id, "observe-tick-3")).error?.code).toBe("conflict");
  const at = Date.now() - 5_000;
  const samples = [0, 1, 2].map((i) => ({ metric: "error_rate", value: 0.2, stage: "canary", timestamp: at + i * 1000 }));
  for (const expected of [{ accepted: 3, duplicates: 0 }, { accepted: 0, duplicates: 3 }]) {
    const response = await fetch(`${baseUrl}/api/runs/${run.id}/metrics`, {
      method: "POST",
      headers: { authorization: `Bearer ${metricToken}`, "content-type": "application/json", "x-request-id": "feed-request-0001" },
      body: JSON.stringify({ samples }),
    });
    expect(await response.json()).toEqual(expected);
  }
  // A status-link page view: its token is in the path, and must not be in the logs.
  await fetch(`${baseUrl}/status/${shareToken}`).then((r) => r.arrayBuffer());
}, 120_000);

afterAll(async () => {
  socket?.close();
  await prometheus?.stop();
  if (server) await stop(server);
});

async function query(promql: string): Promise<number | null> {
  const response = await fetch(`${prometheus!.url}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await response.json()) as { data: { result: { value: [number, string] }[] } };
  const first = body.data.result[0];
  return first ? Number(first.value[1]) : null;
}

describe("GET /metrics", () => {
  it("refuses a scrape without the token or with a wrong one", async () => {
    expect((await fetch(`${baseUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${baseUrl}/metrics`, { headers: { authorization: "Bearer wrong-token-0123456789" } })).status).toBe(401);
    const ok = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await ok.text();
    expect(text).toMatch(/^# HELP warroom_commands_total /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
  });

  it.skipIf(isPrometheusMissing)("is scraped by a real Prometheus, whose figures match what happened", async () => {
    const target = new URL(baseUrl).host;
    prometheus = await startPrometheus([], {
      jobs: [
        { name: "warroom", targets: [target], bearerToken: METRICS_TOKEN },
        { name: "intruder", targets: [target], bearerToken: "not-the-scrape-token-0000" },
      ],
    });
    await expect.poll(() => query('up{job="warroom"}'), POLL).toBe(1);
    await expect.poll(() => query('up{job="intruder"}'), POLL).toBe(0);
    const targets = (await (await fetch(`${prometheus.url}/api/v1/targets`)).json()) as { data: { activeTargets: { labels: { job: string }; lastError: string }[] } };
    expect(targets.data.activeTargets.find((t) => t.labels.job === "intruder")?.lastError).toContain("401");

    const scraped = (promql: string) => query(promql.replace("{", '{job="warroom",'));
    expect(await scraped('warroom_commands_total{type="items.tick",outcome="ok"}')).toBe(2);
    expect(await scraped('warroom_commands_total{type="items.tick",outcome="conflict"}')).toBe(1);
    expect(await scraped('warroom_command_duration_seconds_count{type="items.tick"}')).toBe(3);
    expect(await scraped('warroom_broadcast_latency_seconds_count{}')).toBeGreaterThanOrEqual(2);
    expect(await scraped('warroom_ingest_samples_total{outcome="accepted"}')).toBe(3);
    expect(await scraped('warroom_ingest_samples_total{outcome="duplicate"}')).toBe(3);
    expect(await scraped('warroom_sockets_connected{namespace="/"}')).toBe(1);
    expect(await scraped('warroom_sockets_connected{namespace="/status"}')).toBe(0);
    expect(await scraped('warroom_db_pool_connections{state="max"}')).toBe(10);
    expect(await scraped('warroom_db_pool_waiting{}')).toBe(0);
    expect(await scraped('nodejs_eventloop_lag_seconds{}')).toBeGreaterThanOrEqual(0);
    // The samples made the monitor load and judge the run's rules.
    await expect.poll(() => query('sum(warroom_rules{job="warroom"})'), POLL).toBeGreaterThan(0);
    await expect.poll(() => query('sum(warroom_rule_evaluations_total{job="warroom"})'), POLL).toBeGreaterThan(0);
  }, 90_000);
});

describe("logs", () => {
  it("are JSON lines; a request's lines carry its id, and no secret is written", async () => {
    const response = await fetch(`${baseUrl}/api/health`, { headers: { "x-request-id": "health-check-0001" } });
    expect(response.headers.get("x-request-id")).toBe("health-check-0001");
    const generated = (await fetch(`${baseUrl}/api/health`)).headers.get("x-request-id");
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);

    const byRequest = (id: string) =>
      server
        .output()
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((entry) => entry.reqId === id);
    await expect.poll(() => byRequest("health-check-0001").map((e) => [e.msg, e.path, e.status]), POLL).toEqual([["request", "/api/health", 200]]);
    expect(byRequest("feed-request-0001").map((e) => [e.msg, e.path])).toEqual([
      ["request", expect.stringMatching(/^\/api\/runs\/\w+\/metrics$/)],
      ["request", expect.stringMatching(/^\/api\/runs\/\w+\/metrics$/)],
    ]);

    const output = server.output();
    expect(output).toContain('"msg":"Warroom ready on');
    expect(output).toContain('"path":"/status/[redacted]"');
    expect(output).not.toMatch(/^\[warroom\]/m);
    for (const secret of secrets) expect(output.includes(secret), `the logs contain a secret (${secret.slice(0, 4)}…)`).toBe(false);
  });
});
