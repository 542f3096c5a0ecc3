// Importing the seed runbook: what it understands, what it keeps as notes (with line numbers), and
// how it compares with the built-in template written by hand from the same Markdown.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultTemplate } from "../../../prisma/seed/default-template";
import { runbookDifferences } from "./compare";
import { importRunbook } from "./import";
import { MAX_RUNBOOK_BYTES, RunbookImportError } from "./types";

const seed = readFileSync(new URL("../../../prisma/seed/deployment-day-checklist.md", import.meta.url), "utf8");
const seedLine = (n: number) => seed.split("\n")[n - 1].trim();

describe("importing the seed runbook", () => {
  const { definition, preview } = importRunbook(seed);

  it("understands its phases, sections, items and playbook", () => {
    expect(preview.understood).toEqual({
      phases: 6,
      sections: 17,
      items: 74, // its 65 checkboxes, 7 bold or bulleted items, and a box for each of the 2 command-only sections
      goNoGoQuestions: 7,
      thresholds: 6,
      rollbackTriggers: 6,
      decisionTrees: 4,
      communicationTemplates: 4,
    });
    expect(preview.assumed).toEqual([]);
    expect(definition.name).toBe("Deployment Day Checklist & Communications");
    expect([definition.expectedDurationMinMinutes, definition.expectedDurationMaxMinutes]).toEqual([360, 480]);
  });

  it("equals the built-in template in everything a runbook states", () => {
    expect(runbookDifferences(definition, defaultTemplate)).toEqual([]);
  });

  it("has every checkbox of the runbook as an item or a go/no-go question, with its depth", () => {
    const boxes = seed.split("\n").filter((l) => /^\s*- \[ \] /.test(l));
    const items = definition.phases.flatMap((p) => p.sections.flatMap((s) => s.items));
    const texts = [...items.map((i) => i.text), ...definition.playbook.goNoGoQuestions];
    for (const box of boxes) expect(texts).toContain(box.replace(/^\s*- \[ \] /, "").trim());
    expect(items.filter((i) => i.depth === 1).map((i) => i.text)).toEqual([
      "Error tracking: Open in browser",
      "Performance monitoring: Ready",
      "Log aggregation: Connected",
      "Alert thresholds: Configured",
      "Create/upload file",
      "Run analysis",
      "Verify results",
      "Export file",
    ]);
  });

  it("keeps what it did not understand as notes on the nearest section, with line numbers", () => {
    expect(preview.notUnderstood.map((n) => [n.line, n.keptAs])).toEqual([
      [260, "note on “Team Communication”"],
      [470, "note on “30 Minutes Before”"],
      [477, "note on “30 Minutes Before”"],
      [478, "note on “30 Minutes Before”"],
      [490, "note on “30 Minutes Before”"],
      [491, "note on “30 Minutes Before”"],
      [492, "note on “30 Minutes Before”"],
      [493, "note on “30 Minutes Before”"],
      [496, "note on “30 Minutes Before”"],
    ]);
    expect(preview.notUnderstood[0].text).toBe("Code block (29 lines): 🎉 DEPLOYMENT SUCCESSFUL 🎉");
    for (const n of preview.notUnderstood.slice(1)) expect(n.text).toBe(seedLine(n.line));
    const sections = definition.phases.flatMap((p) => p.sections);
    const before = sections.find((s) => s.title === "30 Minutes Before");
    expect(before?.notes).toContain("If all YES → **PROCEED**");
    expect(sections.find((s) => s.title === "Team Communication")?.notes?.[0]).toContain("Questions? Slack: #midi-deployment");
  });
});

describe("importing other runbooks", () => {
  const tiny = ["# Tiny", "", "## Pre-Deployment (20 minutes)", "### Checks", "- [ ] Backup taken", "Some words nobody planned for", "## Production (10 minutes)", "- [ ] Deploy"].join("\n");

  it("reads a small runbook and says what it assumed", () => {
    const { definition, preview } = importRunbook(tiny, { name: "Mine" });
    expect(definition.name).toBe("Mine");
    expect(definition.phases.map((p) => [p.key, p.sections.map((s) => [s.title, s.items.map((i) => i.text)])])).toEqual([
      ["pre_deployment", [["Checks", ["Backup taken"]]]],
      ["production", [["Production", ["Deploy"]]]],
    ]);
    expect(preview.notUnderstood).toEqual([{ line: 6, text: "Some words nobody planned for", keptAs: "note on “Checks”" }]);
    expect(preview.assumed).toHaveLength(3);
  });

  it("gives a section that only runs a command a box to tick, named after it", () => {
    const md = [
      "## Smoke Testing (10 minutes)", "**Run API Checks**", "```bash", "./api_check.sh", "```", "**Manual**", "- [ ] Looks fine",
      "## Production Validation (5 minutes)", "### Health Check", "```bash", "curl $API/health | jq '.healthy'", "# Should be: == true", "```",
    ].join("\n");
    const sections = importRunbook(md).definition.phases.flatMap((p) => p.sections);
    expect(sections.map((s) => [s.title, s.expectedOutput, s.items.map((i) => [i.text, i.required])])).toEqual([
      ["Run API Checks", undefined, [["API checks pass", true]]],
      ["Manual", undefined, [["Looks fine", true]]],
      ["Health Check", "healthy == true", [["Health check passes", true]]],
    ]);
  });

  it("turns a message's known [PLACEHOLDERS] into fields and lists the others as not understood, by line", () => {
    const md = ["## Production (10 minutes)", "- [ ] Deploy", "## Communication Templates", "### Deployment Complete", "```", "Service: [SERVICE NAME] [VERSION]", "Duration: [X hours Y minutes]", "Owner: [TEAM] / [PAGER]", "```"].join("\n");
    const { definition, preview } = importRunbook(md);
    expect(definition.playbook.communicationTemplates[0].body).toBe(
      "Service: {{service}} {{version}}\nDuration: {{durationHours}} hours {{durationMinutes}} minutes\nOwner: [TEAM] / [PAGER]",
    );
    expect(preview.notUnderstood).toEqual([
      { line: 8, text: "Owner: [TEAM] / [PAGER]", keptAs: "left as written in “Deployment Complete”: no live field for [TEAM], [PAGER]" },
    ]);
  });

  it.each([
    ["", /empty/],
    ["   \n\n", /empty/],
    ["Just a paragraph\n- a list", /not a runbook/],
    ["## Pre-Deployment (1 hour)\n- [ ] x\n```bash\nls", /line 3: this code block is never closed/],
    ["## Pre-Deployment\u0000\u0001", /binary/],
    [`## Pre-Deployment (1 hour)\n${"- [ ] x\n".repeat(MAX_RUNBOOK_BYTES / 8 + 1)}`, /limit is 256 KB/],
    ["## Pre-Deployment (1 hour)\n### Checks <!-- warroom {nope} -->\n- [ ] x", /line 2: the warroom comment is not a JSON object/],
  ])("refuses %#, naming what is wrong", (source, message) => {
    expect(() => importRunbook(source)).toThrow(RunbookImportError);
    expect(() => importRunbook(source)).toThrow(message);
  });

  it("refuses a phase without a checklist", () => {
    expect(() => importRunbook("## Staging (10 minutes)\n## Production (5 minutes)\n- [ ] Go")).toThrow(/“Staging” has no checklist/);
  });
});
