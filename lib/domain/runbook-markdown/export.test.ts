// Export → import gives the same template: the built-in one, and one with notes and optional items.
import { describe, expect, it } from "vitest";
import { defaultTemplate } from "../../../prisma/seed/default-template";
import { ZTemplateDefinition } from "../template-definition";
import { runbookDifferences } from "./compare";
import { exportRunbook } from "./export";
import { importRunbook } from "./import";
import { outlineRunbook } from "./outline";

const parsed = (t: unknown) => ZTemplateDefinition.parse(t);

describe("exporting a template to Markdown", () => {
  const builtIn = parsed(defaultTemplate);
  const markdown = exportRunbook(builtIn);

  it("reads back as the same template (all but the built-in key)", () => {
    const back = importRunbook(markdown);
    expect(back.preview.notUnderstood).toEqual([]);
    expect(back.preview.assumed).toEqual([]);
    expect(runbookDifferences(back.definition, defaultTemplate)).toEqual([]);
    const { key: _key, ...withoutKey } = builtIn;
    expect(parsed(back.definition)).toEqual(withoutKey);
  });

  it("is in the seed's shape: phases, timed sections, checkboxes and fenced commands", () => {
    expect(markdown).toContain("## Staging Deployment (30-45 minutes)");
    expect(markdown).toContain("### System Verification (15 minutes)\n- [ ] Production environment health check\n  ```bash\n  # Database connectivity");
    expect(markdown).toContain("  - [ ] Error tracking: Open in browser");
    expect(markdown).toContain("  Should show: On branch main / nothing to commit");
    expect(markdown).toContain("### Issue: Canary Metrics Red\n```\n❌ Where are the errors?");
    const outline = outlineRunbook(markdown);
    expect(outline.checkboxes.length).toBe(74 + builtIn.playbook.goNoGoQuestions.length);
  });

  it("keeps notes and optional items through the round trip", () => {
    const t = parsed(defaultTemplate);
    const first = t.phases[0].sections[0];
    first.notes = ["A note", "```\nblock with\n\n- a list\n```"];
    first.items[0].required = false;
    // A message's brackets are Warroom's own text once exported: read back as written, not as fields.
    t.playbook.communicationTemplates[1].body += "\nCurrent Phase: [NAME]\nOwner: [TEAM]";
    const { definition, preview } = importRunbook(exportRunbook(t));
    const back = parsed(definition);
    expect(back.phases[0].sections[0].notes).toEqual(first.notes);
    expect(back.phases[0].sections[0].items[0].required).toBe(false);
    expect(back.playbook.communicationTemplates[1].body).toBe(t.playbook.communicationTemplates[1].body);
    expect(preview.notUnderstood).toEqual([]);
  });
});
