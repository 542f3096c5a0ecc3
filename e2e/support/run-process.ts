// A command run to its end as a separate process (the CLI tests run `npx warroom …` this way): its exit
// code and everything it wrote, with stdin given (or closed) so a command reading it never waits.
import { spawn } from "node:child_process";

export type TProcessResult = { code: number | null; stdout: string; stderr: string };

export function runProcess(command: string, args: string[], env: Record<string, string>, stdin?: string): Promise<TProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? "");
  });
}
