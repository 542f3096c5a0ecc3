// Runbooks as code on real PostgreSQL: importing the seed creates a template (notes stored with their
// sections, and copied into a run made from it); the built-in template exported from the database
// reads back as the same template; bad input, a taken name and a viewer are refused with nothing written.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { callApi } from "../../e2e/support/api-client";
import { makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { defaultTemplate } from "../../prisma/seed/default-template";
import { createWorkspaceKey } from "../api/keys";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import { runbookDifferences } from "../domain/runbook-markdown/compare";
import { importRunbook } from "../domain/runbook-markdown/import";
import type { TRole } from "../domain/roles";
import { createRun } from "../runs/create-run";
import { exportTemplateMarkdown, importRunbookTemplate, previewRunbookImport } from "./runbooks";
import { seedDefaultTemplate } from "./seed";

useTestDatabase("runbooks");

const seed = readFileSync("prisma/seed/deployment-day-checklist.md", "utf8");
let team: Record<TRole, TActor>;
beforeAll(async () => {
  team = await makeTeam();
  await seedDefaultTemplate();
});

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: { code?: string; message?: string }) => ({ code: error.code, message: error.message }));

describe("importing a Markdown runbook", () => {
  it("creates a template with the seed's checklist and its notes, which a run then carries", async () => {
    const { id, preview } = await importRunbookTemplate(team.lead, { markdown: seed, name: "Imported day" });
    expect(preview.understood.items).toBe(74);
    const sections = await db().templateSection.findMany({ where: { phase: { templateId: id } }, include: { items: true } });
    expect(sections.reduce((t, s) => t + s.items.length, 0)).toBe(74);
    expect(sections.find((s) => s.title === "30 Minutes Before")?.notes).toContain("If all YES → **PROCEED**");
    const template = await db().template.findUniqueOrThrow({ where: { id } });
    expect(template.key).toBeNull();
    const run = await createRun(team.lead, { templateId: id, name: "From the repo", service: "midi-api", targetVersion: "9.3.0", plannedStart: new Date(), plannedDurationMin: 240 });
    const runSections = await db().runSection.findMany({ where: { phase: { runId: run.id } } });
    expect(runSections.find((s) => s.title === "30 Minutes Before")?.notes).toContain("If any NO → **RESCHEDULE**");
  });

  it("refuses a taken name, bad input and a viewer, writing nothing", async () => {
    const before = await db().template.count();
    expect(await refusal(importRunbookTemplate(team.lead, { markdown: seed, name: "imported DAY" }))).toMatchObject({ code: "conflict" });
    expect(await refusal(importRunbookTemplate(team.lead, { markdown: "" }))).toMatchObject({ code: "invalid_input", message: expect.stringContaining("empty") });
    expect(await refusal(importRunbookTemplate(team.lead, { markdown: "\u0000PNG" }))).toMatchObject({ code: "invalid_input", message: expect.stringContaining("binary") });
    expect(await refusal(importRunbookTemplate(team.lead, { markdown: "x".repeat(300 * 1024) }))).toMatchObject({ code: "payload_too_large" });
    expect(await refusal(importRunbookTemplate(team.lead, { text: seed }))).toMatchObject({ code: "invalid_input", message: expect.stringContaining("markdown") });
    expect(await refusal(importRunbookTemplate(team.viewer, { markdown: seed, name: "Viewer's" }))).toMatchObject({ code: "forbidden" });
    expect(() => previewRunbookImport(team.member, { markdown: seed })).toThrow(/Only leads and admins/);
    expect(await db().template.count()).toBe(before);
  });
});

describe("exporting a template", () => {
  it("exports the built-in template from the database so that it imports as the same template", async () => {
    const builtIn = await db().template.findFirstOrThrow({ where: { isDefault: true } });
    const { name, markdown } = await exportTemplateMarkdown(team.viewer, builtIn.id);
    expect(name).toBe("Deployment Day");
    const back = importRunbook(markdown);
    expect(back.preview.notUnderstood).toEqual([]);
    expect(runbookDifferences(back.definition, defaultTemplate)).toEqual([]);
  });

  it("answers not_found for an unknown template", async () => {
    expect(await refusal(exportTemplateMarkdown(team.viewer, "nope"))).toMatchObject({ code: "not_found" });
  });
});

describe("the pipeline API", () => {
  it("takes the Markdown itself as text/markdown, and keeps import and export to their scopes", async () => {
    const writer = (await createWorkspaceKey(team.admin, { name: "runbooks-write", scopes: ["templates:write"] })).token;
    const reader = (await createWorkspaceKey(team.admin, { name: "runbooks-read", scopes: ["templates:read"] })).token;
    const preview = await callApi("POST", "/api/v1/templates/import/preview", { key: writer, body: seed, headers: { "content-type": "text/markdown" } });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.json).toMatchObject({ name: "Deployment Day Checklist & Communications", preview: { understood: { items: 74 } } });
    const refused = await callApi("POST", "/api/v1/templates/import", { key: reader, body: { markdown: seed, name: "Reader's" } });
    expect(refused.status).toBe(403);
    const builtIn = await db().template.findFirstOrThrow({ where: { isDefault: true } });
    const exported = await callApi("GET", `/api/v1/templates/${builtIn.id}/export`, { key: reader });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(exported.headers.get("content-disposition")).toBe('attachment; filename="deployment-day.md"');
    expect(exported.text.startsWith("# Deployment Day\n")).toBe(true);
    expect((await callApi("GET", `/api/v1/templates/${builtIn.id}/export`, { key: writer })).status).toBe(403);
  });
});
