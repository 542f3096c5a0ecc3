// db:backup and db:restore as a user runs them (the npm scripts, as processes): a deployment day's
// data — a team, three runs ticked, failed, skipped and moved on, announcements, links, tokens,
// twelve hours of metric samples judged by their rules — backed up from PostgreSQL and restored into
// a fresh DATA_DIR's embedded PostgreSQL. Every run's snapshot and timeline read back the same,
// and so does every table, row for row. A backup from a newer schema is refused before anything is
// written; a database with data is refused unless --replace. A backup from an older schema is loaded
// at its own schema and then migrated forward.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gunzipSync, gzipSync } from "node:zlib";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { postAnnouncement } from "../comms/announcements";
import { db, disconnectDb } from "../db/client";
import { Prisma } from "../generated/prisma/client";
import { startEmbeddedDatabase } from "../db/embedded";
import { insertSamples } from "../metrics/ingest";
import { evaluateRunNow } from "../metrics/monitor";
import { createApiToken } from "../metrics/tokens";
import { runtime, setRuntime } from "../runtime";
import { changeItem } from "../runs/item-commands";
import { getRunSnapshot } from "../runs/queries";
import { changeStatus } from "../runs/status-commands";
import { createShareLink } from "../share/server/share-links";
import { eventsAfter } from "../timeline/events";
import { writeBackup } from "./backup";
import { appliedMigrations, listTables, quoteIdent } from "./catalog";
import { restoreBackup } from "./restore";
import { applyMigrations, readMigrationsList } from "../db/migrate";
import type { TSampleDto } from "../metrics/monitor-store";

const source = useTestDatabase("backup");
const run = promisify(execFile);
const HOUR = 3_600_000;
let workDir: string;
let backupFile: string;
const runIds: string[] = [];
const cleanups: (() => Promise<void>)[] = [];

/** An npm script of this checkout, as a user runs it; resolves with its output and exit code. */
async function npmScript(args: string[], env: Record<string, string | undefined>): Promise<{ code: number; out: string }> {
  const childEnv = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
  try {
    const { stdout, stderr } = await run("npm", ["run", "--silent", ...args], { env: childEnv, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

/** Twelve hours of scrapes every 30 s: 7 metrics × canary and production. */
function daySamples(start: number): TSampleDto[] {
  const metrics = ["error_rate", "response_time_avg", "response_time_p95", "db_query_time", "cpu", "memory", "db_connection_failures"];
  const samples: TSampleDto[] = [];
  for (let at = start; at < start + 12 * HOUR; at += 30_000) {
    for (const stage of ["canary", "production"] as const) {
      for (const [i, metric] of metrics.entries()) samples.push({ metric, stage, at, value: metric === "db_connection_failures" ? 0 : ((at / 30_000 + i) % 17) / 4 });
    }
  }
  return samples;
}

async function buildDay(): Promise<void> {
  const team = await makeTeam();
  const dayStart = Date.now() - 12 * HOUR;
  for (const [n, service] of ["midi-api", "billing", "search"].entries()) {
    const { id: runId } = await makeRun(team.lead, { name: `Deploy ${service}`, service });
    runIds.push(runId);
    const items = await db().runItem.findMany({ where: { section: { phase: { runId }, intervalMinutes: null }, metricLink: { equals: Prisma.DbNull } }, orderBy: { id: "asc" }, take: 30 });
    for (const [i, item] of items.entries()) {
      const action = i % 10 === 3 ? { kind: "skip", reason: "Not this release — “quoted”, tab\there" } : i % 10 === 7 ? { kind: "fail", note: "Line one\nline two \\ backslash" } : { kind: "done" };
      await changeItem(team.member, { runId, itemId: item.id, action, version: item.version });
      if (i % 6 === 0) await changeItem(team.lead, { runId, itemId: item.id, action: { kind: "reopen" }, version: item.version + 1 });
    }
    const { version } = await db().run.findUniqueOrThrow({ where: { id: runId }, select: { version: true } });
    await changeStatus(team.lead, { runId, to: "pre_deployment", version });
    await postAnnouncement(team.lead, { runId, templateKey: "pre_deployment", body: `${service}: starting — ünïcödé 🚀`, fields: { phoneNumber: "+1 555 0100" } });
    await createShareLink(team.lead, { runId, label: `stakeholders ${n}` });
    await createApiToken(team.lead, { runId, name: `feed ${n}` });
    await insertSamples(runId, daySamples(dayStart));
    await evaluateRunNow(runId);
  }
}

type TDatabaseImage = { tables: Record<string, { rows: number; digest: string }>; runs: Record<string, unknown> };

/** Everything a database holds: each table's row count and digest, and each run's snapshot and timeline. */
async function imageOf(url: string): Promise<TDatabaseImage> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const tables: TDatabaseImage["tables"] = {};
  try {
    await client.query("SET TimeZone = 'UTC'; SET extra_float_digits = 3");
    for (const table of await listTables(client)) {
      const { rows } = await client.query<{ rows: number; digest: string }>(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM ${quoteIdent(table.name)} t`,
      );
      tables[table.name] = rows[0];
    }
  } finally {
    await client.end();
  }
  await disconnectDb();
  setRuntime({ ...runtime(), databaseUrl: url });
  const runs: TDatabaseImage["runs"] = {};
  for (const runId of runIds) runs[runId] = { snapshot: await getRunSnapshot(runId), timeline: await eventsAfter(runId, 0) };
  await disconnectDb();
  return { tables, runs };
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), "warroom-backup-"));
  backupFile = path.join(workDir, "day.warroom-backup");
  await buildDay();
}, 240_000);

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  await rm(workDir, { recursive: true, force: true });
});

describe("db:backup → db:restore", () => {
  it("a day's data comes back the same in a fresh data dir: every run's snapshot and timeline, every row", async () => {
    const before = await imageOf(source.url());
    expect(before.tables.MetricSample.rows).toBe(3 * 12 * 120 * 14);
    for (const r of Object.values(before.runs) as { timeline: { events: unknown[]; isTruncated: boolean } }[]) {
      expect(r.timeline.events.length).toBeGreaterThan(35);
      expect(r.timeline.isTruncated).toBe(false);
    }

    const backup = await npmScript(["db:backup", "--", backupFile], { DATABASE_URL: source.url() });
    expect(backup.out).toMatch(/^backed up \d+ rows of \d+ tables \(schema: \d+ migrations\) to .*day\.warroom-backup/m);
    expect(backup.code).toBe(0);

    // Its own temporary folder: as root, the embedded PostgreSQL runs as "postgres", which can enter DATA_DIR but not workDir.
    const dataDir = await mkdtemp(path.join(tmpdir(), "warroom-restored-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const restore = await npmScript(["db:restore", "--", backupFile], { DATABASE_URL: undefined, DATA_DIR: dataDir });
    expect(restore.out).toMatch(/^restored \d+ rows of \d+ tables from /m);
    expect(restore.code).toBe(0);

    const embedded = await startEmbeddedDatabase(dataDir);
    try {
      const after = await imageOf(embedded.url);
      expect(Object.keys(after.tables).sort()).toEqual(Object.keys(before.tables).sort());
      for (const table of Object.keys(before.tables)) expect(after.tables[table], table).toEqual(before.tables[table]);
      for (const runId of runIds) expect(after.runs[runId], runId).toEqual(before.runs[runId]);

      // Restoring again over data is refused, and --replace replaces it.
      await embedded.stop();
      const again = await npmScript(["db:restore", "--", backupFile], { DATABASE_URL: undefined, DATA_DIR: dataDir });
      expect(again.code).toBe(1);
      expect(again.out).toMatch(/already holds Warroom data .*--replace/);
      const replaced = await npmScript(["db:restore", "--", backupFile, "--replace"], { DATABASE_URL: undefined, DATA_DIR: dataDir });
      expect(replaced.code).toBe(0);
    } finally {
      await embedded.stop().catch(() => undefined);
    }
    const embeddedAgain = await startEmbeddedDatabase(dataDir);
    try {
      expect((await imageOf(embeddedAgain.url)).tables).toEqual(before.tables);
    } finally {
      await embeddedAgain.stop();
    }
  }, 300_000);

  it("refuses a backup from a newer schema, writing nothing", async () => {
    const lines = gunzipSync(await readFile(backupFile)).toString("utf8").split("\n");
    const header = JSON.parse(lines[0]) as { migrations: string[] };
    header.migrations.push("29991231000000_from_the_future");
    lines[0] = JSON.stringify(header);
    const newer = path.join(workDir, "newer.warroom-backup");
    await writeFile(newer, gzipSync(lines.join("\n")));

    const admin = inject("pgAdminUrl");
    const name = `warroom_test_restore_${Date.now().toString(36)}`;
    const empty = new URL(admin);
    empty.pathname = `/${name}`;
    const client = new Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    try {
      const refused = await npmScript(["db:restore", "--", newer], { DATABASE_URL: empty.toString() });
      expect(refused.code).toBe(1);
      expect(refused.out).toContain("This backup is from a newer Warroom: its schema has a migration this version does not know (29991231000000_from_the_future). Upgrade Warroom, then restore.");
      const target = new Client({ connectionString: empty.toString() });
      await target.connect();
      const { rows } = await target.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'");
      await target.end();
      expect(rows[0].n).toBe(0);
    } finally {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    }
  }, 120_000);

  it("loads a backup from an older schema at that schema, then applies the newer migrations", async () => {
    const known = (await readMigrationsList()).migrationDirectories.map((m) => m.path);
    const admin = inject("pgAdminUrl");
    const suffix = Date.now().toString(36);
    const urlOf = (name: string) => Object.assign(new URL(admin), { pathname: `/${name}` }).toString();
    const [older, fresh] = [`warroom_test_older_${suffix}`, `warroom_test_fresh_${suffix}`];
    const client = new Client({ connectionString: admin });
    await client.connect();
    try {
      for (const name of [older, fresh]) await client.query(`CREATE DATABASE ${name}`);
      // A Warroom one release back: every migration but the last, and an account made then.
      await applyMigrations(urlOf(older), { only: known.slice(0, -1) });
      const source = new Client({ connectionString: urlOf(older) });
      await source.connect();
      await source.query(`INSERT INTO "user" (id, name, email, "updatedAt") VALUES ('u-older', 'Olga Older', 'olga@older.test', now())`);
      await source.end();
      const file = path.join(workDir, "older.warroom-backup");
      expect(await writeBackup({ url: urlOf(older), file, warroomVersion: "older" })).toMatchObject({ migrations: known.length - 1 });

      const summary = await restoreBackup({ url: urlOf(fresh), file, replace: false });
      expect(summary.migratedAfter).toEqual([known.at(-1)]);
      const target = new Client({ connectionString: urlOf(fresh) });
      await target.connect();
      try {
        expect(await appliedMigrations(target)).toEqual(known);
        const { rows } = await target.query(`SELECT name, email, "authEpoch", "disabledAt" FROM "user"`);
        expect(rows).toEqual([{ name: "Olga Older", email: "olga@older.test", authEpoch: 0, disabledAt: null }]);
      } finally {
        await target.end();
      }
    } finally {
      for (const name of [older, fresh]) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    }
  }, 120_000);
});
