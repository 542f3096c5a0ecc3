// npm run bench:abuse: one member floods item changes (10,000 by default) while a lead changes an
// item every second, on the production server with Warroom's default per-caller limits. Prints the
// lead's send → answer latency and refusals beside the same lead with no flood (the baseline),
// measured in the same run in interleaved rounds, with the load average of each round, and
// /api/health's latency both ways. Target: lead p99 ≤ 100 ms and no refusal of the lead.
import "../../lib/server-only-in-node";
import { fork, type ChildProcess } from "node:child_process";
import { loadavg } from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { io } from "socket.io-client";
import { DEFAULT_LIMITS } from "../../lib/security/limits";
import type { TFlood, TFlooderReport, TFlooderStart } from "./abuse-flooder";
import { parseAbuseBenchArgs, roundOrder, type TAbuseBenchOptions } from "./abuse-options";
import { closeOnSignal } from "./bench-server";
import { figures } from "./format";
import { UsageError } from "./options";
import { createPortPool } from "./ports";
import { summarize } from "./stats";
import { formatTable, type TBenchRow } from "./table";
import { fetchTickableItems, startTickFixture, type TTickFixture } from "./tick-fixture";

type TKind = "baseline" | "flood";
type TRound = { kind: TKind; leadMs: number[]; leadRefusals: string[]; healthMs: number[]; load: [number, number]; flood?: Extract<TFlooderReport, { kind: "flooded" }> };

const TARGET_P99_MS = 100;

async function main(): Promise<number> {
  const options = parseAbuseBenchArgs(process.argv.slice(2));
  const perRound = Math.ceil(options.flood / options.rounds);
  console.log(
    `bench:abuse  a member floods ${options.flood} commands (${perRound} in each of ${options.rounds} flood rounds) while a lead changes an item every ${options.every} ms; ` +
      `${options.rounds} baseline rounds without the flood, interleaved; ${options.seconds} s a round`,
  );
  console.log("setup        fresh database, team and run; starting the server (builds first if sources changed)…");
  const fixture = await startTickFixture({ ports: createPortPool(options.port), label: "bench_abuse", limits: "defaults" });
  closeOnSignal(fixture.close);
  let flooder: ChildProcess | undefined;
  try {
    console.log(`server       dist/server.js (NODE_ENV=production, via lib/cli/start.mjs) on ${fixture.baseUrl}; ${fixture.databaseLabel}`);
    console.log(
      `limits       Warroom's defaults: ${DEFAULT_LIMITS.commandsPerSecond} commands/s per socket (bursts of ${2 * DEFAULT_LIMITS.commandsPerSecond}), ` +
        `${DEFAULT_LIMITS.commandsInFlight} in flight per socket; a user's sockets together twice that`,
    );
    flooder = await startFlooder(fixture);
    const rounds = await measure(options, fixture, flooder, perRound);
    return report(rounds, fixture);
  } finally {
    flooder?.send({ kind: "stop" });
    await fixture.close();
  }
}

async function startFlooder(fixture: TTickFixture): Promise<ChildProcess> {
  const child = fork(path.resolve("e2e/bench/abuse-flooder.ts"), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const start: TFlooderStart = { kind: "start", url: fixture.baseUrl, cookie: fixture.cookies.member, runId: fixture.runId, itemIds: fixture.items.slice(1, 11).map((i) => i.id) };
  child.send(start);
  await nextReport(child, "ready");
  return child;
}

function nextReport<K extends TFlooderReport["kind"]>(child: ChildProcess, kind: K): Promise<Extract<TFlooderReport, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: TFlooderReport) => {
      if (message.kind !== kind) return;
      child.off("message", onMessage);
      resolve(message as Extract<TFlooderReport, { kind: K }>);
    };
    child.on("message", onMessage);
    child.once("exit", (code) => reject(new Error(`the flooder exited (${code})`)));
  });
}

async function measure(options: TAbuseBenchOptions, fixture: TTickFixture, flooder: ChildProcess, perRound: number): Promise<TRound[]> {
  const lead = io(fixture.baseUrl, { transports: ["websocket"], extraHeaders: { cookie: fixture.cookies.lead } });
  await new Promise((resolve) => lead.once("session:ready", resolve));
  const item = fixture.items[0]!;
  let version = item.version;
  let isDone = item.state === "done";
  const rounds: TRound[] = [];
  try {
    for (const [index, kind] of roundOrder(options.rounds).entries()) {
      const round: TRound = { kind, leadMs: [], leadRefusals: [], healthMs: [], load: [loadavg()[0]!, 0] };
      const flooding = kind === "flood" ? (flooder.send({ kind: "flood", count: perRound, seconds: options.seconds } satisfies TFlood), nextReport(flooder, "flooded")) : null;
      const startedAt = performance.now();
      const changes = Math.floor((options.seconds * 1000) / options.every);
      const health = probeHealth(fixture.baseUrl, options.seconds, round.healthMs);
      for (let i = 0; i < changes; i++) {
        const wait = startedAt + i * options.every - performance.now();
        if (wait > 0) await delay(wait);
        const action = isDone ? { kind: "reopen" } : { kind: "done", reason: "bench:abuse" };
        const sentAt = performance.now();
        const reply = (await lead.timeout(30_000).emitWithAck("item:change", { runId: fixture.runId, itemId: item.id, version, action }).catch(() => ({ error: { code: "no answer" } }))) as {
          data?: unknown;
          error?: { code: string };
        };
        round.leadMs.push(performance.now() - sentAt);
        if (reply.error) {
          round.leadRefusals.push(reply.error.code);
          const fresh = (await fetchTickableItems(fixture.baseUrl, fixture.cookies.lead, fixture.runId)).find((i) => i.id === item.id)!;
          [version, isDone] = [fresh.version, fresh.state === "done"];
        } else [version, isDone] = [version + 1, !isDone];
      }
      await health;
      if (flooding) round.flood = await flooding;
      round.load[1] = loadavg()[0]!;
      rounds.push(round);
      printRound(index + 1, round);
    }
  } finally {
    lead.close();
  }
  return rounds;
}

async function probeHealth(baseUrl: string, seconds: number, into: number[]): Promise<void> {
  for (let i = 0; i < seconds; i++) {
    const sentAt = performance.now();
    await fetch(`${baseUrl}/api/health`).then((r) => r.arrayBuffer()).catch(() => undefined);
    into.push(performance.now() - sentAt);
    await delay(Math.max(0, 1000 - (performance.now() - sentAt)));
  }
}

function printRound(n: number, round: TRound): void {
  const refused = round.leadRefusals.length ? `${round.leadRefusals.length} (${round.leadRefusals.join(", ")})` : "0";
  console.log(`round ${n}      ${round.kind.padEnd(8)} load ${round.load[0].toFixed(2)}→${round.load[1].toFixed(2)} · lead ${figures(summarize(round.leadMs))}, refused ${refused} · /api/health p99 ${Math.round(summarize(round.healthMs)?.p99 ?? 0)} ms`);
  if (round.flood) {
    const answers = Object.entries(round.flood.answers).sort(([, a], [, b]) => b - a).map(([code, count]) => `${count} ${code}`).join(", ");
    console.log(`             flood: ${round.flood.sent} sent → ${answers}; ${round.flood.unanswered} unanswered`);
  }
}

function report(rounds: TRound[], fixture: TTickFixture): number {
  const of = (kind: TKind) => rounds.filter((r) => r.kind === kind);
  const lead = (kind: TKind) => summarize(of(kind).flatMap((r) => r.leadMs));
  const refusals = (kind: TKind) => of(kind).reduce((n, r) => n + r.leadRefusals.length, 0);
  const health = (kind: TKind) => summarize(of(kind).flatMap((r) => r.healthMs));
  const [flood, baseline] = [lead("flood"), lead("baseline")];
  const floodAnswers = of("flood").reduce<Record<string, number>>((all, r) => {
    for (const [code, count] of Object.entries(r.flood?.answers ?? {})) all[code] = (all[code] ?? 0) + count;
    return all;
  }, {});
  const sent = of("flood").reduce((n, r) => n + (r.flood?.sent ?? 0), 0);
  console.log(`lead         with the flood: ${figures(flood)} · without: ${figures(baseline)}`);
  console.log(`flood        ${sent} sent in all → ${Object.entries(floodAnswers).map(([code, count]) => `${count} ${code}`).join(", ")}`);
  const ms = (value: number | undefined) => (value === undefined ? null : { value, unit: "ms" as const });
  const rows: TBenchRow[] = [
    { measure: "lead change p50, member flooding", warroom: ms(flood?.p50), baseline: ms(baseline?.p50), baselineLabel: "no flood", relation: "diff" },
    { measure: "lead change p99, member flooding", warroom: ms(flood?.p99), baseline: ms(baseline?.p99), baselineLabel: "no flood", relation: "diff", target: `≤ ${TARGET_P99_MS} ms`, isMet: !!flood && flood.p99 <= TARGET_P99_MS },
    { measure: "lead refusals", warroom: { value: refusals("flood"), unit: "count" }, baseline: { value: refusals("baseline"), unit: "count" }, baselineLabel: "no flood", target: "0", isMet: refusals("flood") === 0 },
    { measure: "/api/health p99", warroom: ms(health("flood")?.p99), baseline: ms(health("baseline")?.p99), baselineLabel: "no flood", relation: "diff" },
    { measure: "flood answered rate_limited", warroom: { value: floodAnswers.rate_limited ?? 0, unit: "count" }, baseline: { value: sent, unit: "count" }, baselineLabel: "sent" },
  ];
  console.log("");
  console.log(formatTable(rows));
  const errors = fixture.serverLog().split("\n").filter((line) => /ERROR/.test(line));
  if (errors.length) console.log(`server       ${errors.length} error lines, the first: ${errors[0]}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error instanceof UsageError ? error.message : `bench:abuse failed: ${error.message}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
