// When Warroom runs as root, the embedded PostgreSQL runs as the "postgres" account (PostgreSQL
// refuses root), which must be able to reach both the data and the programs. A 0700 home on the way
// (Warroom cloned into /root, a container's default user) stops it. The programs, being Warroom's
// own, are copied where it can reach them (inside DATA_DIR); the data is never moved behind the
// user's back: Warroom stops with one line saying which folder is in the way and what to do.
import { execFile } from "node:child_process";
import { cp, mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { firstBlocking, modeText, pathsToRoot, type TAccount, type TDirectory } from "../domain/path-access";
import { log } from "../log";
import type { TPgPrograms } from "./embedded-programs";

const run = promisify(execFile);

export type TPostgresAccount = TAccount & { gid: number };

async function idOf(flag: "-u" | "-g" | "-G"): Promise<number[]> {
  const { stdout } = await run("id", [flag, "postgres"]);
  return stdout.trim().split(/\s+/).map(Number);
}

/** The "postgres" account, created (as a system account without a login) when it does not exist yet. */
export async function postgresAccount(): Promise<TPostgresAccount> {
  try {
    await idOf("-u");
  } catch {
    try {
      await run("groupadd", ["--system", "postgres"]).catch(() => undefined);
      await run("useradd", ["--system", "--gid", "postgres", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"]);
    } catch (error) {
      throw new Error(
        `The embedded PostgreSQL needs a "postgres" account when Warroom runs as root, and creating one failed (${(error as Error).message.split("\n")[0]}): create it, run Warroom as another user, or set DATABASE_URL.`,
      );
    }
  }
  const [[uid], [gid], gids] = await Promise.all([idOf("-u"), idOf("-g"), idOf("-G")]);
  return { uid: uid!, gid: gid!, gids };
}

/** The first directory on the way to `target` (the existing part of it) the account cannot search. */
export async function blockingDirectory(target: string, account: TAccount): Promise<TDirectory | null> {
  const directories: TDirectory[] = [];
  for (const dir of pathsToRoot(path.resolve(target))) {
    const info = await stat(dir).catch(() => null);
    if (!info) break;
    directories.push({ path: dir, mode: info.mode & 0o7777, uid: info.uid, gid: info.gid });
  }
  return firstBlocking(directories, account);
}

function describeOwner(dir: TDirectory): string {
  return `${modeText(dir.mode)}, owner uid ${dir.uid}`;
}

/** Stops start-up, in one line, when the account cannot reach DATA_DIR. */
export async function assertDataReachable(dataRoot: string, account: TAccount): Promise<void> {
  const blocking = await blockingDirectory(dataRoot, account);
  if (!blocking) return;
  throw new Error(
    `The embedded PostgreSQL runs as the "postgres" account (PostgreSQL refuses to run as root), and it cannot enter ${blocking.path} (${describeOwner(blocking)}) on the way to DATA_DIR ${dataRoot}: ` +
      `set DATA_DIR to a folder it can reach (e.g. DATA_DIR=/var/lib/warroom), run Warroom as a user other than root, or set DATABASE_URL.`,
  );
}

/**
 * The programs where the account can run them: where the package put them, or else a copy in
 * DATA_DIR/postgres-<version> (root-owned, readable by all), made once per version.
 */
export async function reachablePrograms(programs: TPgPrograms, dataRoot: string, account: TAccount): Promise<TPgPrograms> {
  const inTheWay = await blockingDirectory(path.join(programs.nativeDir, "bin"), account);
  if (!inTheWay) return programs;
  const copy = path.join(dataRoot, `postgres-${programs.version}`);
  if (!(await stat(path.join(copy, "bin", "postgres")).catch(() => null))) {
    log.info(`copying the embedded PostgreSQL's programs to ${copy}: the "postgres" account cannot enter ${inTheWay.path} (${modeText(inTheWay.mode)})`);
    // Copied beside, then renamed: a start interrupted mid-copy leaves no half copy in use.
    const partial = `${copy}.partial`;
    await rm(partial, { recursive: true, force: true });
    await mkdir(partial, { mode: 0o755 });
    await cp(programs.nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    await rm(copy, { recursive: true, force: true });
    await rename(partial, copy);
  }
  return { version: programs.version, nativeDir: copy };
}
