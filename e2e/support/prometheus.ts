// A real Prometheus per test file: Debian's `prometheus` binary on a free port with a generated
// config (1 s scrapes of the exporters the test names) and its own temporary storage, removed on
// stop. Tests that need it skip, with one line saying how to install it, where it is missing.
import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../../lib/db/embedded";

export type TPrometheusServer = { url: string; port: number; stop: () => Promise<void>; output: () => string };

const READY_TIMEOUT_MS = 30_000;

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name: string): string | null {
  const dirs = (process.env.PATH ?? "").split(path.delimiter).filter(Boolean);
  return dirs.map((dir) => path.join(dir, name)).find(isExecutable) ?? null;
}

/** PROMETHEUS_BINARY when it names an executable, else `prometheus` on the PATH. */
const configured = process.env.PROMETHEUS_BINARY;
export const PROMETHEUS_BINARY = configured && isExecutable(configured) ? configured : findOnPath("prometheus");
export const isPrometheusMissing = PROMETHEUS_BINARY === null;
if (isPrometheusMissing) console.warn("prometheus not installed: apt-get install -y prometheus");

/** A scrape job beyond the default "exporter" one: its targets, and the bearer token it sends. */
export type TScrapeJob = { name: string; targets: readonly string[]; bearerToken?: string };

function jobConfig(job: TScrapeJob): string[] {
  return [
    `  - job_name: ${JSON.stringify(job.name)}`,
    ...(job.bearerToken ? ["    authorization:", "      type: Bearer", `      credentials: ${JSON.stringify(job.bearerToken)}`] : []),
    "    static_configs:",
    `      - targets: [${job.targets.map((t) => JSON.stringify(t)).join(", ")}]`,
  ];
}

function scrapeConfig(targets: readonly string[], scrapeIntervalMs: number, jobs: readonly TScrapeJob[]): string {
  return [
    "global:",
    `  scrape_interval: ${scrapeIntervalMs}ms`,
    `  evaluation_interval: ${scrapeIntervalMs}ms`,
    "scrape_configs:",
    ...[{ name: "exporter", targets }, ...jobs].filter((job) => job.targets.length > 0).flatMap(jobConfig),
    "",
  ].join("\n");
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  await exited;
}

/** Starts Prometheus scraping `targets` (host:port) and resolves once /-/ready answers 200. */
export async function startPrometheus(targets: readonly string[], options: { scrapeIntervalMs?: number; jobs?: readonly TScrapeJob[] } = {}): Promise<TPrometheusServer> {
  if (!PROMETHEUS_BINARY) throw new Error("prometheus not installed: apt-get install -y prometheus");
  const dir = await mkdtemp(path.join(tmpdir(), "warroom-prometheus-"));
  const config = path.join(dir, "prometheus.yml");
  await writeFile(config, scrapeConfig(targets, options.scrapeIntervalMs ?? 1000, options.jobs ?? []));
  const port = await freePort();
  const child = spawn(
    PROMETHEUS_BINARY,
    [`--config.file=${config}`, `--storage.tsdb.path=${path.join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--log.level=warn"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child, exited);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(url, child);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output.slice(-2000)}`);
  }
  return { url, port, stop, output: () => output };
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode} before it was ready`);
    const status = await fetch(`${url}/-/ready`).then((r) => r.status, () => 0);
    if (status === 200) return;
    // Poll again shortly: readiness is the condition waited for, this is only the polling pace.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`prometheus not ready within ${READY_TIMEOUT_MS} ms`);
}
