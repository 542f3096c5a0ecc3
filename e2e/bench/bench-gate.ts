// npm run bench:gate: N pipelines long-polling one run's gate (`?wait=60s&while=wait`) on the
// production server while a lead closes the go/no-go poll over a socket; per round, how long after
// the poll's close (the event's createdAt, stamped in its transaction) each pipeline has its `go`,
// beside a socket client in the run's room receiving that same event (the baseline: Warroom's own
// live path). Rounds reopen the poll (the gate goes back to wait) and close it again; both figures
// come from the same event each round, so they are interleaved by construction. Load is printed.
import "../../lib/server-only-in-node";
import { Agent, request } from "node:http";
import { loadavg } from "node:os";
import { io, type Socket } from "socket.io-client";
import { z } from "zod";
import { createWorkspaceKey } from "../../lib/api/keys";
import { API_SCOPES } from "../../lib/api/scopes";
import { parseCliOptions, UsageError } from "../../lib/cli/options";
import { db } from "../../lib/db/client";
import { makeTeam } from "../support/factories";
import { greenSamples, QUESTIONS, runAtGoNoGo } from "../support/gate-arrange";
import { closeOnSignal, startBenchServer } from "./bench-server";
import { figures, ms } from "./format";
import { createPortPool } from "./ports";
import { summarize } from "./stats";

const ZGateBenchOptions = z.object({
  pipelines: z.coerce.number().int().min(1).max(5000).default(500),
  rounds: z.coerce.number().int().min(1).max(100).default(5),
  port: z.coerce.number().int().min(1).max(65535).optional(),
});
const USAGE = "usage: npm run bench:gate -- [--pipelines N (500)] [--rounds R (5)] [--port P]";

type TGate = { decision: string; reasons: { source: string; decision: string; message: string }[] };

const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");

function getJson(agent: Agent, url: string, key: string): Promise<{ status: number; json: TGate; at: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${key}` } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => {
        const at = Date.now();
        try {
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(body) as TGate, at });
        } catch (error) {
          reject(error);
        }
      });
    });
    // A request the server dropped is counted as a failure of its round, not a crash of the bench.
    req.on("error", (error) => resolve({ status: 0, json: { decision: `error: ${error.message}`, reasons: [] }, at: Date.now() }));
    req.end();
  });
}

/** Until the server counts `count` gate waiters (warroom_gate_waiters on /metrics), at most a minute. */
async function untilWaiting(baseUrl: string, count: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  let waiting = 0;
  while (Date.now() < deadline) {
    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    waiting = Number(/^warroom_gate_waiters (\d+)/m.exec(text)?.[1] ?? 0);
    if (waiting >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`only ${waiting} of ${count} pipelines were waiting on the gate after a minute`);
}

async function send(socket: Socket, event: string, input: object): Promise<{ seq: number }> {
  const reply = (await socket.timeout(15_000).emitWithAck(event, input)) as { data?: { seq: number }; error?: { message: string } };
  if (!reply.data) throw new Error(`${event}: ${reply.error?.message}`);
  return reply.data;
}

function connect(baseUrl: string, cookie: string): Promise<Socket> {
  const socket = io(baseUrl, { transports: ["websocket"], forceNew: true, extraHeaders: { cookie, origin: baseUrl } });
  return new Promise((resolve, reject) => {
    socket.once("session:ready", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

async function main(): Promise<number> {
  const options = parseCliOptions(process.argv.slice(2), { flags: { pipelines: { type: "string" }, rounds: { type: "string" }, port: { type: "string" } }, usage: USAGE, schema: ZGateBenchOptions });
  console.log(`bench:gate  ${options.pipelines} pipelines long-polling one run's gate · ${options.rounds} rounds · load ${load()} (1, 5, 15 min)`);
  const server = await startBenchServer({
    label: "gate",
    // The bench reads how many pipelines wait (warroom_gate_waiters) before it closes the poll.
    env: { METRICS_ALLOW: "127.0.0.1" },
    ports: createPortPool(options.port),
    prepare: async () => {
      const team = await makeTeam();
      const { runId } = await runAtGoNoGo(team.lead, { service: "bench-gate" });
      const { token } = await createWorkspaceKey(team.admin, { name: "bench-pipelines", scopes: [...API_SCOPES] });
      const emails = await db().user.findMany({ where: { id: { in: [team.lead.id, team.viewer.id] } }, select: { id: true, email: true } });
      return { runId, token, lead: emails.find((u) => u.id === team.lead.id)!.email, viewer: emails.find((u) => u.id === team.viewer.id)!.email };
    },
  });
  closeOnSignal(server.close);
  // No keep-alive: between rounds the server closes idle connections, and reusing one as it closes
  // reads as a reset. A long-poll's own connection setup is long done when the poll closes.
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const sockets: Socket[] = [];
  try {
    const { runId, token, lead, viewer } = server.data;
    console.log(`server      dist/server.js on ${server.baseUrl} · ${server.databaseLabel}`);
    const gateUrl = `${server.baseUrl}/api/v1/runs/${runId}/gate`;
    const push = async () => {
      const response = await fetch(`${server.baseUrl}/api/v1/runs/${runId}/metrics`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ samples: greenSamples() }) });
      if (!response.ok) throw new Error(`metrics push: HTTP ${response.status}`);
    };
    // Green data, kept fresh all along: only the poll decides the gate.
    await push();
    const feed = setInterval(() => void push().catch((error: Error) => console.error(`[bench] ${error.message}`)), 20_000);
    try {
      const deadline = Date.now() + 60_000;
      while ((await getJson(agent, gateUrl, token)).json.reasons.find((r) => r.source === "metrics")?.decision !== "go") {
        if (Date.now() > deadline) throw new Error("the metrics never turned ok with fresh data");
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      const leadSocket = await connect(server.baseUrl, await server.signIn(lead));
      const watcher = await connect(server.baseUrl, await server.signIn(viewer));
      sockets.push(leadSocket, watcher);
      const received = new Map<number, { at: number; createdAt: number }>();
      watcher.on("run:event", (event: { seq: number; type: string; createdAt: string }) => {
        if (event.type === "poll.closed") received.set(event.seq, { at: Date.now(), createdAt: Date.parse(event.createdAt) });
      });
      await send(watcher, "run:join", { runId });

      const pipelineMs: number[] = [];
      const socketMs: number[] = [];
      let pollId: string | null = null;
      for (let round = 1; round <= options.rounds; round++) {
        pollId
          ? await send(leadSocket, "poll:reopen", { runId, pollId })
          : await send(leadSocket, "poll:open", { runId, questions: QUESTIONS, positions: ["deployment_lead"] });
        pollId = (await db().goNoGoPoll.findFirstOrThrow({ where: { runId }, orderBy: { round: "desc" } })).id;
        const answers = Promise.all(Array.from({ length: options.pipelines }, () => getJson(agent, `${gateUrl}?wait=60s&while=wait`, token)));
        // Every request must be a waiter before the poll closes: one that came later would answer at
        // once and read as slower, not faster. The server says how many wait (/metrics).
        await untilWaiting(server.baseUrl, options.pipelines);
        await send(leadSocket, "poll:vote", { runId, pollId, position: "deployment_lead", answers: QUESTIONS.map((_, questionIndex) => ({ questionIndex, answer: "go", version: 0 })) });
        const { seq } = await send(leadSocket, "poll:close", { runId, pollId });
        const results = await answers;
        for (let i = 0; i < 200 && !received.has(seq); i++) await new Promise((resolve) => setTimeout(resolve, 10));
        const baseline = received.get(seq);
        if (!baseline) throw new Error(`round ${round}: the socket client never received the poll's close (#${seq})`);
        const notGo = results.filter((r) => r.status !== 200 || r.json.decision !== "go");
        if (notGo.length) throw new Error(`round ${round}: ${notGo.length} pipelines did not get go (first: ${notGo[0].status} ${JSON.stringify(notGo[0].json).slice(0, 200)})\nserver log:\n${server.serverLog().slice(-3000)}`);
        const roundMs = results.map((r) => r.at - baseline.createdAt);
        pipelineMs.push(...roundMs);
        socketMs.push(baseline.at - baseline.createdAt);
        const summary = summarize(roundMs)!;
        console.log(`round ${String(round).padStart(2)}    pipelines p50 ${ms(summary.p50)} · p99 ${ms(summary.p99)} · max ${ms(summary.max)}   socket ${ms(baseline.at - baseline.createdAt)}   load ${load()}`);
      }
      const pipelines = summarize(pipelineMs)!;
      const socket = summarize(socketMs)!;
      console.log(`pipelines   close → answer   ${figures(pipelines)}`);
      console.log(`socket      close → receipt  ${figures(socket)}   (baseline: the same event to a socket in the run's room)`);
      const limit = 1.5 * socket.p99 + 50;
      const isMet = pipelines.p99 <= 1000 && pipelines.p99 <= limit;
      console.log(`target      p99 ≤ 1 s and ≤ 1.5× baseline + 50 ms (= ${ms(limit)}): ${isMet ? "met" : "NOT met"} (p99 ${ms(pipelines.p99)})`);
      console.log(`load        ${load()} at the end`);
      return isMet ? 0 : 1;
    } finally {
      clearInterval(feed);
    }
  } finally {
    for (const socket of sockets) socket.close();
    agent.destroy();
    await server.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error instanceof UsageError ? error.message : `bench:gate failed: ${error.stack ?? error.message}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
