import { Client } from "pg";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../../e2e/support/integration";
import { defaultTemplate } from "../../prisma/seed/default-template";
import { ZTemplateDefinition } from "../domain/template-definition";
import { getDefaultTemplate } from "../templates/queries";
import { seedDefaultTemplate } from "../templates/seed";
import { checkHealth } from "../health";
import { applyMigrations, readMigrationsList } from "./migrate";

const database = useTestDatabase("migrate");

describe("migrations", () => {
  it("records every migration folder the way prisma migrate deploy does, and re-applies nothing", async () => {
    const { migrationDirectories } = await readMigrationsList();
    const client = new Client({ connectionString: database.url() });
    await client.connect();
    const rows = await client.query(
      `SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name`,
    );
    await client.end();
    expect(rows.rows.map((r) => r.migration_name)).toEqual(migrationDirectories.map((d) => d.path));
    expect(rows.rows.every((r) => r.finished_at !== null && r.rolled_back_at === null)).toBe(true);
    expect(await applyMigrations(database.url())).toEqual([]);
  });
});

describe("seeding the default template", () => {
  it("writes the whole runbook once, however often it runs", async () => {
    expect(await seedDefaultTemplate()).toEqual({ isCreated: true });
    const again = await Promise.all([seedDefaultTemplate(), seedDefaultTemplate()]);
    expect(again).toEqual([{ isCreated: false }, { isCreated: false }]);

    const stored = await getDefaultTemplate();
    const source = ZTemplateDefinition.parse(defaultTemplate);
    expect(stored?.name).toBe("Deployment Day");
    expect(stored?.phases.map((p) => p.key)).toEqual(source.phases.map((p) => p.key));
    for (const [i, phase] of source.phases.entries()) {
      expect(stored?.phases[i].sections.map((s) => [s.title, s.items.length])).toEqual(
        phase.sections.map((s) => [s.title, s.items.length]),
      );
    }
    const allItems = stored!.phases.flatMap((p) => p.sections.flatMap((s) => s.items));
    expect(allItems.find((i) => i.text === "Backup created")?.command).toContain("pg_dump");
    expect(stored?.playbook).toEqual(source.playbook);
  });
});

describe("health", () => {
  it("reports the database up with version and uptime", async () => {
    const health = await checkHealth();
    expect(health).toMatchObject({ status: "ok", database: { status: "up" }, version: "test" });
    expect(health.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });
});
