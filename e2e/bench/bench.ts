// npm run bench: every benchmark of issue 8 in sequence (fan-out and its knee, cross-instance, click →
// other browser, page weight, cold start), each beside a baseline measured in the same run on the
// same machine, ending with one side-by-side table. `--only` runs some parts; see e2e/bench/bench-options.ts.
// Exit code 1 when a part could not run; missed targets are in the table, not in the exit code.
import "../../lib/server-only-in-node";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { parseBenchArgs, type TBenchPart } from "./bench-options";
import { clickPart } from "./parts/click-part";
import { coldPart } from "./parts/cold-part";
import { crossPart } from "./parts/cross-part";
import { fanoutPart } from "./parts/fanout-part";
import type { TPart } from "./parts/part";
import { viewersPart } from "./parts/viewers-part";
import { weightPart } from "./parts/weight-part";
import { startNoise } from "./noise";
import { createPortPool } from "./ports";
import { formatTable, type TBenchRow } from "./table";
import { buildIfStale } from "../../lib/cli/build-if-stale.mjs";
import { UsageError } from "../../lib/cli/options";

const PARTS: Record<TBenchPart, TPart> = { fanout: fanoutPart, cross: crossPart, click: clickPart, weight: weightPart, cold: coldPart, viewers2k: viewersPart };

async function main(): Promise<number> {
  const options = parseBenchArgs(process.argv.slice(2));
  console.log(`bench       ${options.only.join(", ")} · ${machine()}`);
  console.log(`bench       ${process.argv.slice(2).length ? `npm run bench -- ${process.argv.slice(2).join(" ")}` : "npm run bench"}`);
  // Built once up front, so no part (the cold start least of all) times a build.
  if (buildIfStale() !== 0) throw new Error("npm run build failed");
  const ports = createPortPool(options.port);
  const rows: TBenchRow[] = [];
  let hasFailed = false;
  const noise = startNoise(options.noise);
  console.log(`noise       ${noise.description}`);
  try {
    hasFailed = await runParts(options, ports, rows);
  } finally {
    await noise.stop();
  }
  console.log(`\nload average at the end ${loadAverage()} (over 1, 5 and 15 min; ${os.availableParallelism()} cores${noise.count ? `; ${noise.description}` : ""})\n`);
  console.log(formatTable(rows));
  return hasFailed ? 1 : 0;
}

async function runParts(options: ReturnType<typeof parseBenchArgs>, ports: ReturnType<typeof createPortPool>, rows: TBenchRow[]): Promise<boolean> {
  let hasFailed = false;
  for (const name of options.only) {
    const startedAt = performance.now();
    console.log(`\n── ${name} ──  load average ${loadAverage()}`);
    try {
      rows.push(...(await PARTS[name]({ options, ports })));
    } catch (error) {
      hasFailed = true;
      console.error(`${name}: failed: ${(error as Error).message}`);
      rows.push({ measure: `${name}: did not run (${(error as Error).message.split("\n")[0].slice(0, 60)})`, warroom: null, isMet: false });
    }
    console.log(`── ${name} done in ${((performance.now() - startedAt) / 1000).toFixed(0)} s ──`);
  }
  return hasFailed;
}

function machine(): string {
  const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.+)$/m)?.[1] ?? os.cpus()[0]?.model ?? "unknown CPU";
  const commit = (() => {
    try {
      return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    } catch {
      return "unknown";
    }
  })();
  return `${os.availableParallelism()} cores (${cpu}) · Node ${process.version} · commit ${commit} · ${new Date().toISOString().slice(0, 16)}Z`;
}

const loadAverage = () => os.loadavg().map((value) => value.toFixed(2)).join(" ");

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error instanceof UsageError ? error.message : `bench failed: ${error.message}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
