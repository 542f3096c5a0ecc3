// A file argument, or standard input for "-" (or when piped): metric samples, a Markdown runbook.
import { readFile } from "node:fs/promises";
import { CliError } from "./client";

export async function readInput(file: string | undefined, what = "the samples"): Promise<string> {
  if (file && file !== "-") return readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => Promise.reject(new CliError(`cannot read ${file}: ${error.code ?? error.message}`)));
  if (process.stdin.isTTY) throw new CliError(`give a FILE, or pipe ${what} in (FILE “-” reads standard input)`);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
