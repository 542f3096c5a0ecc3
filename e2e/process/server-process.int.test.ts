// The compiled server as a user starts it: clear one-line failures, the embedded database path,
// data kept across restarts, and a clean SIGTERM.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase } from "../../lib/db/embedded";
import { startServerProcess, stop, waitUntilHealthy } from "../support/server-process";

const tempDirs: string[] = [];
async function tempDataDir() {
  const dir = await mkdtemp(path.join(tmpdir(), "warroom-process-"));
  tempDirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

function lines(text: string) {
  return text.trim().split("\n").filter(Boolean);
}

describe("start-up failures print one clear line and exit non-zero", () => {
  it("names an invalid environment variable", async () => {
    const server = await startServerProcess({ PORT: "not-a-port", AUTH_SECRET: "short" }, 0);
    expect(await server.exited).toBe(1);
    expect(lines(server.output())).toHaveLength(1);
    expect(server.output()).toMatch(/Invalid environment: .*PORT.*AUTH_SECRET must be at least 32 characters/);
  });

  it("reports an unreachable database without printing its password", async () => {
    const server = await startServerProcess({ DATABASE_URL: "postgresql://warroom:hunter2-secret@127.0.0.1:1/warroom" });
    expect(await server.exited).toBe(1);
    const out = server.output();
    expect(lines(out)).toHaveLength(1);
    expect(out).toContain("Cannot reach the database at postgresql://warroom:***@127.0.0.1:1/warroom");
    expect(out).not.toContain("hunter2");
  });

  it("reports a port already in use", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "0.0.0.0", resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const server = await startServerProcess({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/x" }, port);
      expect(await server.exited).toBe(1);
      expect(lines(server.output())).toEqual([`[warroom] ERROR Port ${port} is already in use: stop the other process or set PORT.`]);
    } finally {
      blocker.close();
    }
  });
});

describe("embedded PostgreSQL (no DATABASE_URL)", () => {
  it("migrates, seeds and serves; keeps data across restarts; stops cleanly on SIGTERM", async () => {
    const dataDir = await tempDataDir();
    const env = { DATABASE_URL: "", DATA_DIR: dataDir };

    const first = await startServerProcess(env);
    await waitUntilHealthy(first, 120_000);
    const health = await (await fetch(`http://127.0.0.1:${first.port}/api/health`)).json();
    expect(health).toMatchObject({ status: "ok", database: { status: "up" }, version: "0.1.0" });
    const setup = await fetch(`http://127.0.0.1:${first.port}/`, { redirect: "manual" });
    expect(setup.headers.get("location")).toMatch(/\/setup$/);
    expect(await stop(first)).toBe(0);
    expect(first.output()).toContain("applied migrations");
    expect(first.output()).toContain("seeded the Deployment Day template");
    // The embedded server was stopped with Warroom: no postmaster left behind.
    expect(existsSync(path.join(dataDir, "pg", "postmaster.pid"))).toBe(false);

    // Write a user straight into the kept data directory, as a previous session would have.
    const embedded = await startEmbeddedDatabase(dataDir);
    const client = new Client({ connectionString: embedded.url });
    await client.connect();
    const templates = await client.query(`SELECT count(*)::int AS n FROM "Template"`);
    expect(templates.rows[0].n).toBe(1);
    await client.query(
      `INSERT INTO "user" (id, name, email, role, "updatedAt") VALUES ('u1', 'Kept User', 'kept@example.com', 'admin', now())`,
    );
    await client.end();
    await embedded.stop();

    const second = await startServerProcess(env);
    await waitUntilHealthy(second, 120_000);
    // Users exist now, so the first-run setup is over: anonymous visitors go to sign-in.
    const signIn = await fetch(`http://127.0.0.1:${second.port}/`, { redirect: "manual" });
    expect(signIn.headers.get("location")).toMatch(/\/sign-in$/);
    expect(await stop(second)).toBe(0);
    expect(second.output()).not.toContain("applied migrations");
    expect(second.output()).not.toContain("seeded");
    expect(second.output()).not.toContain("first start");
    // Two cold starts of the server and one of the database: minutes on a machine loaded by other builds.
  }, 240_000);
});
