// A newcomer runs Warroom as root from a folder the "postgres" account cannot enter (a clone in
// /root): the compiled server stops with one line saying which folder is in the way and what to do —
// no `spawn … initdb EACCES` stack trace — and leaves no password file in the temp folder.
import { chmod, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startServerProcess } from "../support/server-process";

const isRoot = process.getuid?.() === 0;
if (!isRoot) console.log("[embedded-root] not running as root: skipped (run the tests as root to exercise it)");

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Other test files start embedded databases meanwhile: the server here gets a temp folder of its own (TMPDIR). */
const passwordFilesIn = async (dir: string) => (await readdir(dir)).filter((name) => name.startsWith("pg-password-") || name.startsWith("warroom-initdb-"));

describe.skipIf(!isRoot)("the compiled server as root, DATA_DIR behind a 0700 folder", () => {
  it("stops with one line naming the folder and what to do", async () => {
    const home = await mkdtemp(path.join(tmpdir(), "warroom-root-home-"));
    dirs.push(home);
    const ownTmp = await mkdtemp(path.join(tmpdir(), "warroom-root-tmp-"));
    dirs.push(ownTmp);
    await chmod(ownTmp, 0o1777);
    const server = await startServerProcess({ DATABASE_URL: "", DATA_DIR: path.join(home, "warroom", ".data"), TMPDIR: ownTmp });
    expect(await server.exited).toBe(1);
    const lines = server.output().trim().split("\n").filter((line) => line.startsWith("[warroom]") || /^\s+at |Error/.test(line));
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^\\[warroom\\] (?:ERROR )?The embedded PostgreSQL runs as the "postgres" account .* cannot enter ${home} \\(drwx------[^)]*\\) on the way to DATA_DIR ${home}/warroom/\\.data: set DATA_DIR to a folder it can reach .* or set DATABASE_URL\\.$`))]);
    expect(await passwordFilesIn(ownTmp)).toEqual([]);
  });
});
