// Starts the compiled server (dist/server.js, as `npm start` runs it) as a child process.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { freePort } from "../../lib/db/embedded";

/**
 * The per-caller limits (lib/security/limits.ts) raised out of the way, for servers that must carry
 * more than one caller is allowed: the benchmarks measure capacity (one socket at 400 changes/s in the
 * knee, saturated ingestion) and the fuzz test wants every input to reach as deep as it can.
 * bench:abuse, which measures what the limits protect, keeps the defaults.
 */
export const LIMITS_OUT_OF_THE_WAY: Record<string, string> = {
  SOCKET_COMMAND_RATE: "100000",
  SOCKET_COMMANDS_IN_FLIGHT: "10000",
  SOCKET_REPLAYS_PER_MINUTE: "1000000",
  API_RATE_LIMIT: "10000000",
  METRIC_SAMPLE_RATE_LIMIT: "100000000",
};

export type TServerProcess = {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
};

export async function startServerProcess(env: Record<string, string | undefined>, port?: number): Promise<TServerProcess> {
  if (!existsSync("dist/server.js")) throw new Error("dist/server.js is missing: run `npm run build` first");
  const chosenPort = port ?? (await freePort());
  // The tests read the human lines (`[warroom] stopped`); a pipe would get JSON lines by default.
  const merged = { ...process.env, NODE_ENV: "production", PORT: String(chosenPort), LOG_FORMAT: "pretty", ...env };
  const childEnv = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
  const child = spawn(process.execPath, ["dist/server.js"], { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, port: chosenPort, output: () => output, exited };
}

/** Resolves when /api/health answers 200; rejects if the process exits first or time runs out. */
export async function waitUntilHealthy(server: TServerProcess, timeoutMs = 60_000): Promise<void> {
  let hasExited = false;
  void server.exited.then(() => (hasExited = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited) throw new Error(`server exited before becoming healthy:\n${server.output()}`);
    const status = await fetch(`http://127.0.0.1:${server.port}/api/health`).then((r) => r.status, () => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server not healthy within ${timeoutMs} ms:\n${server.output()}`);
}

export async function stop(server: TServerProcess): Promise<number | null> {
  server.child.kill("SIGTERM");
  return server.exited;
}
