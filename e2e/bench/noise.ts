// `--noise N`: N busy loops beside the benchmark, each a Node process spinning on one core (pinned
// with taskset where it exists, cores taken in turn), so "a busy shared machine" is a condition the
// bench sets rather than one it happens to meet. They stop with the bench: each checks every 50 ms
// that the bench process is still alive and exits otherwise, so a killed bench leaves none behind.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import os from "node:os";

export type TNoise = { count: number; description: string; stop: () => Promise<void> };

const SPIN = "const parent = Number(process.argv[1]); for (;;) { const until = Date.now() + 50; while (Date.now() < until); try { process.kill(parent, 0); } catch { process.exit(0); } }";

const hasTaskset = () => spawnSync("taskset", ["--version"], { stdio: "ignore" }).status === 0;

export function startNoise(count: number): TNoise {
  if (count === 0) return { count, description: "none", stop: async () => undefined };
  const cores = os.availableParallelism();
  const isPinned = hasTaskset();
  const children: ChildProcess[] = Array.from({ length: count }, (_, i) => {
    const node = [process.execPath, "-e", SPIN, String(process.pid)];
    const [command, ...args] = isPinned ? ["taskset", "-c", String(i % cores), ...node] : node;
    return spawn(command, args, { stdio: "ignore" });
  });
  const where = isPinned ? `pinned to core${count > 1 ? "s" : ""} ${children.map((_, i) => i % cores).join(", ")}` : "unpinned (no taskset)";
  return {
    count,
    description: `${count} busy loop${count > 1 ? "s" : ""} ${where}, of ${cores} cores`,
    stop: async () => {
      await Promise.all(
        children.map((child) => {
          if (child.exitCode !== null || child.signalCode !== null) return undefined;
          const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
          child.kill("SIGKILL");
          return exited;
        }),
      );
    },
  };
}
