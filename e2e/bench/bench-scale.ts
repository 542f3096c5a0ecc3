// npm run bench:scale: what a first load costs as history grows. Three databases, each with its own
// production server: a run with 1k / 10k / 100k timeline events and 100 / 1,000 / 10,000 runs (seeded
// with set-based INSERTs, e2e/support/seed-history.ts). In interleaved rounds (every size once per round,
// the order rotating) it loads the run's war room and the runs list as a signed-in lead and records the
// server's time to the whole page and the page's bytes; the growth figure is the median of the
// per-round ratios largest ÷ smallest (target ≤ 1.5×). Then EXPLAIN (ANALYZE, BUFFERS) of the first
// load's queries at each size. Prints the load average per round; ends with one Markdown table.
// Exit code 1 only when a phase could not run; missed targets are in the table.
import "../../lib/server-only-in-node";
import { loadavg } from "node:os";
import { db } from "../../lib/db/client";
import { makeRun, makeTeam } from "../support/factories";
import { seedRuns, seedTimeline } from "../support/seed-history";
import { closeOnSignal, startBenchServer, type TBenchServer } from "./bench-server";
import { median, summarizeRounds } from "./interleave";
import { UsageError } from "./options";
import { createPortPool } from "./ports";
import { explainFirstLoad } from "./scale-explain";
import { parseScaleBenchArgs, sizesOf, type TScaleBenchOptions } from "./scale-options";
import { formatTable, type TBenchRow } from "./table";

const GROWTH_TARGET = 1.5;
type TSize = { events: number; runs: number };
type TScaleServer = TBenchServer<{ runId: string; email: string }> & { size: TSize; cookie: string };
type TLoad = { ms: number; bytes: number };
type TPage = "war room" | "runs list";
const PAGES: TPage[] = ["war room", "runs list"];

const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
const count = (n: number) => n.toLocaleString("en-US");

async function startScaleServer(size: TSize, options: TScaleBenchOptions, ports: ReturnType<typeof createPortPool>): Promise<TScaleServer> {
  const started = Date.now();
  const server = await startBenchServer({
    label: `bench_scale_${size.events}`,
    ports,
    prepare: async () => {
      const team = await makeTeam();
      const run = await makeRun(team.lead, { name: "bench:scale" });
      await seedTimeline(run.id, size.events - 2);
      // The run itself and the runs the team's factories made count towards the list's size.
      await seedRuns(run.id, size.runs - 1);
      const lead = await db().user.findUniqueOrThrow({ where: { id: team.lead.id } });
      await db().$executeRawUnsafe("ANALYZE");
      return { runId: run.id, email: lead.email };
    },
  });
  const cookie = await server.signIn(server.data.email);
  console.log(`setup        ${count(size.events)} events · ${count(size.runs)} runs on ${server.baseUrl} (${((Date.now() - started) / 1000).toFixed(0)} s; ${server.databaseLabel})`);
  return { ...server, size, cookie };
}

/** One GET of the page as the browser's first request sends it: the time to the last byte and the bytes. */
async function loadPage(server: TScaleServer, page: TPage): Promise<TLoad> {
  const path = page === "war room" ? `/runs/${server.data.runId}` : "/runs";
  const started = performance.now();
  const response = await fetch(`${server.baseUrl}${path}`, { headers: { cookie: server.cookie } });
  const body = await response.arrayBuffer();
  const ms = performance.now() - started;
  if (!response.ok) {
    const errors = server.serverLog().split("\n").filter((line) => / ERROR |error/i.test(line)).slice(-3).join("\n");
    throw new Error(`GET ${path} on ${server.baseUrl}: HTTP ${response.status}${errors ? `\n${errors}` : ""}`);
  }
  return { ms, bytes: body.byteLength };
}

/** The first visit, tried up to three times: on a loaded host a cold server's first request can fail. */
async function firstVisit(server: TScaleServer): Promise<TLoad> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await loadPage(server, "war room");
    } catch (error) {
      if (attempt === 3) throw error;
      console.log(`first visit  failed (attempt ${attempt}), trying again: ${(error as Error).message}`);
    }
  }
}

async function medianLoad(server: TScaleServer, page: TPage, loads: number): Promise<TLoad> {
  const results: TLoad[] = [];
  for (let i = 0; i < loads; i++) results.push(await loadPage(server, page));
  return { ms: median(results.map((r) => r.ms))!, bytes: median(results.map((r) => r.bytes))! };
}

const sizeLabel = (page: TPage, size: TSize) => (page === "war room" ? `${count(size.events)} events` : `${count(size.runs)} runs`);

async function measure(options: TScaleBenchOptions, servers: TScaleServer[]): Promise<TBenchRow[]> {
  // The first visit after seeding folds the whole log once and saves the checkpoint: shown, not timed in the rounds.
  for (const server of servers) {
    const first = await firstVisit(server);
    await loadPage(server, "runs list");
    console.log(`first visit  war room, ${sizeLabel("war room", server.size).padEnd(14)} ${Math.round(first.ms)} ms (folds the whole log once, writes the checkpoint)`);
  }
  const results = new Map<string, TLoad[]>();
  for (let round = 0; round < options.rounds; round++) {
    // Rotate the order so no size always goes first (or last) in a round.
    const order = servers.map((_, i) => servers[(i + round) % servers.length]);
    const parts: string[] = [];
    for (const server of order) {
      for (const page of PAGES) {
        const figure = await medianLoad(server, page, options.loads);
        const key = `${page}|${server.size.events}`;
        results.set(key, [...(results.get(key) ?? []), figure]);
        parts.push(`${page === "war room" ? "room" : "list"} ${sizeLabel(page, server.size)} ${Math.round(figure.ms)} ms`);
      }
    }
    console.log(`round ${String(round + 1).padStart(2)}     ${parts.join(" · ")} · load ${load()}`);
  }
  const rows: TBenchRow[] = [];
  const [small, , large] = servers;
  for (const page of PAGES) {
    const of = (server: TScaleServer) => results.get(`${page}|${server.size.events}`)!;
    for (const server of servers) {
      const loads = of(server);
      rows.push({ measure: `${page}, ${sizeLabel(page, server.size)}: server time`, warroom: { value: median(loads.map((l) => l.ms))!, unit: "ms" } });
    }
    const rounds = summarizeRounds(of(large).map((l, i) => ({ warroom: l.ms, baseline: of(small)[i].ms, load: 0 })));
    rows.push({
      measure: `${page}: time growth ${sizeLabel(page, small.size)} → ${sizeLabel(page, large.size)}`,
      warroom: { value: rounds.warroom!, unit: "ms" },
      baseline: { value: rounds.baseline!, unit: "ms" },
      baselineLabel: sizeLabel(page, small.size),
      rounds: { kind: "ratio", value: rounds.ratio!, low: rounds.low!, high: rounds.high!, count: rounds.ratios.length },
      target: `≤ ${GROWTH_TARGET}×`,
      isMet: rounds.ratio! <= GROWTH_TARGET,
    });
    const bytes = (server: TScaleServer) => median(of(server).map((l) => l.bytes))! / 1000;
    rows.push({
      measure: `${page}: bytes growth ${sizeLabel(page, small.size)} → ${sizeLabel(page, large.size)}`,
      warroom: { value: bytes(large), unit: "kB" },
      baseline: { value: bytes(small), unit: "kB" },
      baselineLabel: sizeLabel(page, small.size),
      relation: "ratio",
      target: `≤ ${GROWTH_TARGET}×`,
      isMet: bytes(large) / bytes(small) <= GROWTH_TARGET,
    });
  }
  return rows;
}

async function explainAll(servers: TScaleServer[]): Promise<void> {
  console.log("\nEXPLAIN (ANALYZE, BUFFERS) of the first load's queries: execution time · buffers touched, smallest → largest");
  const plans = await Promise.all(servers.map((s) => explainFirstLoad(s.databaseUrl, s.data.runId)));
  for (const name of plans[0].keys()) {
    const figures = plans.map((p) => p.get(name)!);
    const cells = figures.map((f) => `${f.ms.toFixed(2)} ms · ${count(f.buffers)} buf`).join("  →  ");
    console.log(`  ${name.padEnd(58)} ${cells}`);
    console.log(`  ${"".padEnd(58)} plan at the largest: ${figures.at(-1)!.plan}`);
  }
}

async function main(): Promise<number> {
  const options = parseScaleBenchArgs(process.argv.slice(2));
  const [events, runs] = [sizesOf(options.events), sizesOf(options.runs)];
  const sizes: TSize[] = events.map((e, i) => ({ events: e, runs: runs[i] }));
  console.log(`bench:scale  first loads with ${events.map(count).join(" / ")} timeline events and ${runs.map(count).join(" / ")} runs · ${options.rounds} interleaved rounds × ${options.loads} loads · load ${load()}`);
  const ports = createPortPool(options.port);
  const servers: TScaleServer[] = [];
  const close = async () => {
    for (const server of servers.splice(0)) await server.close();
  };
  closeOnSignal(close);
  try {
    for (const size of sizes) servers.push(await startScaleServer(size, options, ports));
    const rows = await measure(options, servers);
    await explainAll(servers);
    console.log(`\nload average ${load()} (1, 5, 15 min) · ${new Date().toISOString()}\n`);
    console.log(formatTable(rows));
    return 0;
  } finally {
    await close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error instanceof UsageError ? error.message : `bench:scale failed: ${error.message}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
