// Issue 21's runbooks as code, end to end with real processes: the compiled server on a fresh
// database, a workspace key from `npm run -s token:create`, then `npx warroom templates import` of
// the seed runbook (a dry run first, which writes nothing) and `npx warroom templates export` of the
// new template: the same checklist items, count and text, as the seed.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../lib/db/embedded";
import { disconnectDb, db } from "../../lib/db/client";
import { outlineRunbook } from "../../lib/domain/runbook-markdown/outline";
import { setRuntime } from "../../lib/runtime";
import { startServerProcess, stop, waitUntilHealthy, type TServerProcess } from "../support/server-process";
import { runProcess } from "../support/run-process";
import { createTestDatabase, type TTestDatabase } from "../support/test-database";


const SEED = "prisma/seed/deployment-day-checklist.md";
/** A runbook's checklist items: its checkboxes, the go/no-go questions apart. */
const checklist = (markdown: string) =>
  outlineRunbook(markdown)
    .checkboxes.filter((c) => !/go\/no-go/i.test(c.h3))
    .map((c) => c.text);

let database: TTestDatabase;
let server: TServerProcess;
let cliEnv: Record<string, string>;
const warroom = (args: string[]) => runProcess("npx", ["--no-install", "warroom", ...args], cliEnv);

beforeAll(async () => {
  database = await createTestDatabase(inject("pgAdminUrl"), "runbooks_cli");
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  server = await startServerProcess({ DATABASE_URL: database.url, HOST: "127.0.0.1", APP_URL: baseUrl, WARROOM_ADMIN_EMAIL: "ops@example.com", WARROOM_ADMIN_PASSWORD: `bootstrap-${randomBytes(6).toString("hex")}` }, port);
  await waitUntilHealthy(server, 120_000);
  setRuntime({ databaseUrl: database.url, authSecret: randomBytes(32).toString("hex"), appUrl: baseUrl, signInRateLimit: 1000, startedAt: new Date(), version: "test" });
  const token = await runProcess("npm", ["run", "-s", "token:create", "--", "--label", "runbooks", "--scopes", "templates:read,templates:write"], { DATABASE_URL: database.url });
  expect(token.code, token.stderr).toBe(0);
  cliEnv = { WARROOM_URL: baseUrl, WARROOM_TOKEN: token.stdout.trim() };
}, 240_000);

afterAll(async () => {
  if (server) await stop(server);
  await disconnectDb();
  await database?.drop();
});

describe("runbooks as code with `npx warroom templates`", () => {
  let templateId: string;

  it("import --dry-run prints what was understood and what was not, and creates nothing", async () => {
    const before = await db().template.count();
    const result = await warroom(["templates", "import", SEED, "--dry-run"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Understood: 6 phases, 17 sections, 74 checklist items, 7 go/no-go questions, 6 thresholds, 6 rollback triggers, 4 decision trees, 4 communication templates");
    expect(result.stdout).toContain("Not understood (9, kept as notes):");
    expect(result.stdout).toContain("line 477: If all YES → **PROCEED** → note on “30 Minutes Before”");
    expect(result.stdout).toContain("Dry run");
    expect(await db().template.count()).toBe(before);
  }, 240_000);

  it("import prints the new template's id on the last line; --json prints the answer", async () => {
    const result = await warroom(["templates", "import", SEED, "--name", "Deployment Day (from the repo)"]);
    expect(result.code, result.stderr).toBe(0);
    templateId = result.stdout.trim().split("\n").at(-1)!;
    const created = await db().template.findUniqueOrThrow({ where: { id: templateId } });
    expect([created.name, created.key, created.isDefault]).toEqual(["Deployment Day (from the repo)", null, false]);
    const json = await warroom(["templates", "import", SEED, "--name", "Second copy", "--json"]);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ name: "Second copy", preview: { understood: { items: 74 } } });
  }, 240_000);

  it("export gives the seed's checklist items back, count and text", async () => {
    const result = await warroom(["templates", "export", templateId]);
    expect(result.code, result.stderr).toBe(0);
    const seed = readFileSync(SEED, "utf8");
    const exported = checklist(result.stdout);
    // The seed's 65 checkboxes, plus the items it writes as bold sub-headings and plain bullets, and
    // the box the importer gives each section that only runs a command.
    const fromHeadings = ["Record deployment details", "Capture baseline metrics", "Post-deployment announcement", "Monitor error trends", "Watch for performance degradation", "Alert on any anomalies", "Keep team informed", "Core smoke tests pass", "Automated checks pass"];
    expect(checklist(seed)).toHaveLength(65);
    expect([...exported].sort()).toEqual([...checklist(seed), ...fromHeadings].sort());
    // And the export imports again as the same template.
    const dir = mkdtempSync(path.join(tmpdir(), "runbook-"));
    writeFileSync(path.join(dir, "exported.md"), result.stdout);
    const again = await warroom(["templates", "import", path.join(dir, "exported.md"), "--dry-run", "--json"]);
    expect(JSON.parse(again.stdout).preview).toMatchObject({ understood: { items: 74, phases: 6 }, assumed: [] });
  }, 240_000);

  it("refuses what is not a runbook with exit 4, naming what is wrong, and writes nothing", async () => {
    const before = await db().template.count();
    const dir = mkdtempSync(path.join(tmpdir(), "runbook-"));
    writeFileSync(path.join(dir, "notes.md"), "Just some notes\n- and a list\n");
    const result = await warroom(["templates", "import", path.join(dir, "notes.md")]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("HTTP 422 [markdown]: This is not a runbook: no phase headings were found");
    const missing = await warroom(["templates", "export", "no-such-template"]);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain("HTTP 404");
    expect(await db().template.count()).toBe(before);
  }, 240_000);
});
