// A real nginx (Debian's binary) in front of Warroom instances, configured with the README's own
// example: the ```nginx block of README.md, with its `listen` and its upstream's servers replaced by
// local ones and nothing else changed, inside a minimal main config of its own prefix (temporary
// folder: pid, logs, temp files). Tests that need it skip, with one line saying how to install it.
import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export type TNginx = { url: string; port: number; stop: () => Promise<void>; errorLog: () => Promise<string> };

const READY_TIMEOUT_MS = 20_000;

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findNginx(): string | null {
  const configured = process.env.NGINX_BINARY;
  if (configured && isExecutable(configured)) return configured;
  // Debian installs it in /usr/sbin, which a non-root PATH often lacks.
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/usr/local/sbin"].filter(Boolean);
  return dirs.map((dir) => path.join(dir, "nginx")).find(isExecutable) ?? null;
}

export const NGINX_BINARY = findNginx();
export const isNginxMissing = NGINX_BINARY === null;
export const NGINX_MISSING_LINE = "nginx not installed: apt-get install -y nginx";
if (isNginxMissing) console.warn(NGINX_MISSING_LINE);

/** The README's nginx example, exactly as a reader copies it. */
export function readmeNginxExample(readme = readFileSync(path.resolve("README.md"), "utf8")): string {
  const block = /```nginx\n([\s\S]*?)```/.exec(readme);
  if (!block) throw new Error("README.md has no ```nginx block");
  return block[1];
}

function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  if (!pattern.test(text)) throw new Error(`the README's nginx example no longer has ${what}: update e2e/support/nginx.ts`);
  return text.replace(pattern, replacement);
}

/**
 * The README's example made local: plain HTTP on 127.0.0.1:`port` (no certificate here) and the
 * given upstream servers. `hostHeader` swaps what the example forwards as Host (a proxy configured
 * differently, e.g. `$host`).
 */
export function localNginxConfig(example: string, options: { port: number; upstreams: readonly string[]; hostHeader?: string }): string {
  let config = replaceOnce(example, /^(\s*)listen 443 ssl;.*$/m, `$1listen 127.0.0.1:${options.port};`, "`listen 443 ssl;`");
  config = replaceOnce(
    config,
    /^(\s*)server 10\.0\.0\.11:3000;.*\n\s*server 10\.0\.0\.12:3000;.*$/m,
    options.upstreams.map((u) => `    server ${u};`).join("\n"),
    "the two upstream servers",
  );
  if (options.hostHeader) config = replaceOnce(config, /proxy_set_header Host \$http_host;/, `proxy_set_header Host ${options.hostHeader};`, "`proxy_set_header Host $http_host;`");
  return config;
}

function mainConfig(dir: string, http: string): string {
  return [
    // As root, workers would otherwise run as "nobody", which cannot use this folder.
    process.getuid?.() === 0 ? "user root;" : "",
    "worker_processes 1;",
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log warn;`,
    "events { worker_connections 4096; }",
    "http {",
    "  access_log off;",
    ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `  ${kind}_temp_path ${dir}/${kind};`),
    http,
    "}",
    "",
  ].join("\n");
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  // SIGTERM is nginx's fast shutdown: open WebSockets are closed rather than waited for.
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  await exited;
}

/** Starts nginx with `httpConfig` (server, upstream and map blocks) on `port`; resolves once it answers. */
export async function startNginx(httpConfig: string, port: number): Promise<TNginx> {
  if (!NGINX_BINARY) throw new Error(NGINX_MISSING_LINE);
  const dir = await mkdtemp(path.join(tmpdir(), "warroom-nginx-"));
  await writeFile(path.join(dir, "nginx.conf"), mainConfig(dir, httpConfig));
  const child = spawn(NGINX_BINARY, ["-p", dir, "-e", `${dir}/error.log`, "-c", `${dir}/nginx.conf`, "-g", "daemon off;"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const errorLog = () => readFile(path.join(dir, "error.log"), "utf8").catch(() => "");
  const stop = async () => {
    await stopChild(child, exited);
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) {
      const log = await errorLog();
      await stop();
      throw new Error(`nginx exited with ${child.exitCode} before it answered:\n${output}${log}`);
    }
    // Any HTTP answer will do (a 502 while no instance is up yet): nginx itself is listening.
    if ((await fetch(`${url}/api/health`).then((r) => r.status, () => 0)) !== 0) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not answer on ${url} within ${READY_TIMEOUT_MS} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, port, stop, errorLog };
}
