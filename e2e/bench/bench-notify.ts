// npm run bench:notify: how long from a rollback rule firing to each destination's receipt, beside
// the socket broadcast of the same event. A fresh database and the production server (bench-server),
// a local receiver that validates every request (e2e/support/notify), and per round a fresh run with
// one destination of each kind: a breaching error-rate history is pushed over the metrics API, the
// server's monitor fires the rule, and the event's transaction timestamp (createdAt) is compared with
// the moment the war room's socket and each receiver got it. Every kind is measured on the same
// event as the socket, so the rounds interleave by construction. Target: every destination ≤ 2 s.
import "../../lib/server-only-in-node";
import { loadavg } from "node:os";
import { io, type Socket } from "socket.io-client";
import { makeRun, makeTeam } from "../support/factories";
import { startReceiver } from "../support/notify/receiver";
import { db } from "../../lib/db/client";
import type { TRunEvent } from "../../lib/domain/events/catalogue";
import { saveRunWebhook } from "../../lib/comms/webhooks";
import { createApiToken } from "../../lib/metrics/tokens";
import { closeOnSignal, startBenchServer } from "./bench-server";
import { ms } from "./format";
import { createPortPool } from "./ports";
import { summarize } from "./stats";

const KINDS = ["slack_blocks", "teams", "mattermost", "discord", "pagerduty", "signed"] as const;
const TARGET_MS = 2000;
const MIN = 60_000;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number ≥ 1`);
  return value;
}

async function main() {
  const rounds = option("rounds", 5);
  const firstPort = process.argv.includes("--port") ? option("port", 4300) : undefined;
  // The destinations are saved by this process (prepare) and sent by the server: both must let them reach the local receiver.
  process.env.OUTBOUND_ALLOW = "127.0.0.1/32";
  const receiver = await startReceiver();
  const server = await startBenchServer({
    label: "bench_notify",
    ports: createPortPool(firstPort),
    env: { OUTBOUND_ALLOW: "127.0.0.1/32" },
    prepare: async () => {
      const team = await makeTeam();
      const runs = [];
      for (let i = 0; i < rounds; i++) {
        const run = await makeRun(team.lead, { name: `bench:notify ${i + 1} 🚀` });
        // At the canary step, so the rollback rules gate and fire.
        await db().run.update({ where: { id: run.id }, data: { status: "production", rolloutPercent: 10, checkpointStartedAt: new Date() } });
        for (const kind of KINDS) {
          const { secret } = await saveRunWebhook(team.lead, { runId: run.id, name: `${kind}-${i}`, url: receiver.url(kind, `${kind}-${i}`), format: kind, triggers: ["rollback.recommended"], ...(kind === "pagerduty" ? { secret: "R0UT1NGKEY0123456789abcdefABCDEF" } : {}) });
          if (secret) receiver.trust(`${kind}-${i}`, secret);
        }
        runs.push({ id: run.id, token: (await createApiToken(team.lead, { runId: run.id, name: "bench" })).token });
      }
      return { runs, leadEmail: (await db().user.findUniqueOrThrow({ where: { id: team.lead.id } })).email };
    },
  });
  closeOnSignal(async () => {
    await server.close();
    await receiver.close();
  });
  try {
    const cookie = await server.signIn(server.data.leadEmail);
    const socket: Socket = io(server.baseUrl, { transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: { cookie, origin: server.baseUrl } });
    await new Promise<void>((resolve, reject) => {
      socket.once("session:ready", () => resolve());
      socket.once("connect_error", reject);
    });
    const socketMs: number[] = [];
    const byKind = new Map<string, number[]>(KINDS.map((k) => [k, []]));
    const problems: string[] = [];
    const loadBefore = loadavg()[0]!;
    for (const [i, run] of server.data.runs.entries()) {
      await socket.timeout(5000).emitWithAck("run:join", { runId: run.id });
      const fired = new Promise<{ event: TRunEvent; receivedAt: number }>((resolve) => {
        const onEvent = (event: TRunEvent) => {
          if (event.runId === run.id && event.type === "metrics.states_changed" && event.payload.alertsRaised.length > 0) {
            socket.off("run:event", onEvent);
            resolve({ event, receivedAt: Date.now() });
          }
        };
        socket.on("run:event", onEvent);
      });
      // 12 minutes of samples every 10 s, the last 6½ above 5%: the rule fires at the first evaluation.
      const now = Date.now();
      const samples = Array.from({ length: 72 }, (_, k) => {
        const at = now - 12 * MIN + k * 10_000;
        return { metric: "error_rate", stage: "canary", value: at > now - 6.5 * MIN ? 7.5 : 0.3, timestamp: at };
      });
      const reply = await fetch(`${server.baseUrl}/api/runs/${run.id}/metrics`, { method: "POST", headers: { authorization: `Bearer ${run.token}`, "content-type": "application/json" }, body: JSON.stringify({ samples }) });
      if (!reply.ok) throw new Error(`metric push refused: HTTP ${reply.status}`);
      const { event, receivedAt } = await fired;
      const firedAt = Date.parse(event.createdAt);
      socketMs.push(receivedAt - firedAt);
      for (const kind of KINDS) {
        const [request] = await receiver.waitFor(`${kind}-${i}`, 1, 30_000);
        byKind.get(kind)!.push(request!.at - firedAt);
        problems.push(...request!.problems.map((p) => `${kind}-${i}: ${p}`));
      }
      process.stdout.write(`round ${i + 1}/${rounds}: socket ${ms(receivedAt - firedAt)}, slowest destination ${ms(Math.max(...KINDS.map((k) => byKind.get(k)!.at(-1)!)))}\n`);
    }
    socket.close();
    const loadAfter = loadavg()[0]!;
    const baseline = summarize(socketMs)!;
    console.log(`\nbench:notify — ${rounds} rounds, ${server.databaseLabel}; load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`);
    console.log("rule fired (event createdAt) → received\n");
    console.log("| destination | p50 | max | socket broadcast p50 / max (same events) | within 2 s |");
    console.log("| --- | ---: | ---: | ---: | :---: |");
    let isMet = true;
    for (const kind of KINDS) {
      const s = summarize(byKind.get(kind)!)!;
      const within = byKind.get(kind)!.filter((v) => v <= TARGET_MS).length;
      isMet &&= within === rounds;
      console.log(`| ${kind} | ${ms(s.p50)} | ${ms(s.max)} | ${ms(baseline.p50)} / ${ms(baseline.max)} | ${within}/${rounds} |`);
    }
    console.log(`\nTarget (every destination within 2 s of the rule firing): ${isMet ? "met" : "NOT met"}. Payloads the receiver refused: ${problems.length}`);
    for (const p of problems.slice(0, 10)) console.log(`  ${p}`);
    if (problems.length > 0) process.exitCode = 1;
  } finally {
    await server.close();
    await receiver.close();
  }
}

main().catch((error: Error) => {
  console.error(`bench:notify failed: ${error.message}`);
  process.exit(1);
});
