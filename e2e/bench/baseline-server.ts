// Starts e2e/bench/bare-socket-server.ts as a child process and waits for it to listen.
import { spawn } from "node:child_process";
import path from "node:path";
import type { TRawRunEvent as TRunEvent } from "../../lib/realtime/events";

const READY_TIMEOUT_MS = 30_000;

export type TBaselineServer = { url: string; close: () => Promise<void> };

export async function startBaselineServer(options: { port: number; exampleEvent: TRunEvent }): Promise<TBaselineServer> {
  const script = path.join(__dirname, "bare-socket-server.ts");
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(options.port), BENCH_EVENT: JSON.stringify(options.exampleEvent) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bare Socket.IO server did not start:\n${output}`)), READY_TIMEOUT_MS);
    child.stderr.on("data", (chunk) => (output += chunk));
    child.stdout.on("data", (chunk) => {
      output += chunk;
      if (output.includes("ready on")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the bare Socket.IO server exited (${code}):\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${options.port}`,
    close: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
