// A compare rule made in the template editor, on real PostgreSQL: saved with the template (bad
// fields refused naming the field, nothing written), copied into a run made from it — as a rule the
// monitor judges canary against production — and compressed on a rehearsal run.
import { beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import type { TRole } from "../domain/roles";
import type { TRuleRowDraft, TTemplateDraft } from "../domain/template-draft";
import { addRule } from "../domain/template-edits";
import { AppError } from "../errors";
import { getRunSnapshot } from "../runs/queries";
import { copyTemplate, saveTemplate } from "./edit-commands";
import { getTemplateForEditor } from "./editor-queries";
import { seedDefaultTemplate } from "./seed";

useTestDatabase("compare_template");

let team: Record<TRole, TActor>;
beforeAll(async () => {
  team = await makeTeam();
  await seedDefaultTemplate();
});

/** The default template's copy with one compare rollback trigger appended (the editor's steps). */
async function copyWithCompareRule(name: string, row: Partial<TRuleRowDraft>): Promise<{ id: string; draft: TTemplateDraft }> {
  const seedId = (await db().template.findFirstOrThrow({ where: { isDefault: true } })).id;
  const { id } = await copyTemplate(team.lead, { templateId: seedId, name });
  const added = addRule((await getTemplateForEditor(id))!.draft, "rollbackTriggers");
  const rows = added.rules.rollbackTriggers;
  const compare: TRuleRowDraft = {
    ...rows[rows.length - 1],
    label: "P95 slower on canary than production",
    metric: "response_time_p95",
    unit: "ms",
    kind: "compare",
    direction: "increase",
    allowedDifferencePercent: 10,
    minSamplesPerSide: 20,
    windowMinutes: 5,
    ...row,
  };
  return { id, draft: { ...added, rules: { ...added.rules, rollbackTriggers: [...rows.slice(0, -1), compare] } } };
}

describe("a compare rule in a template", () => {
  it("is saved, reopened as a compare row, and becomes a run's compare rule", async () => {
    const { id, draft } = await copyWithCompareRule("Canary-judged day", {});
    expect(await saveTemplate(team.lead, { templateId: id, version: 0, draft })).toEqual({ id, version: 1 });
    expect((await getTemplateForEditor(id))!.draft.rules.rollbackTriggers.at(-1)).toMatchObject({ kind: "compare", direction: "increase", allowedDifferencePercent: 10, minSamplesPerSide: 20, windowMinutes: 5 });

    const run = await makeRun(team.lead, { name: "from the canary-judged template", templateId: id });
    const rule = (await getRunSnapshot(run.id))!.metrics.rules.find((r) => r.label === "P95 slower on canary than production")!;
    expect(rule).toMatchObject({ severity: "rollback", metric: "response_time_p95", stage: null, compare: { direction: "increase", allowedDifferencePercent: 10, minSamplesPerSide: 20 } });
    expect(rule.semantics.windowMinutes).toBe(5);

    const rehearsal = await makeRun(team.lead, { name: "rehearsal", templateId: id, timeScale: 30 });
    const compressed = (await getRunSnapshot(rehearsal.id))!.metrics.rules.find((r) => r.compare)!;
    expect(compressed).toMatchObject({ label: "P95 slower on canary than production [time ×30: 10 s]" });
    expect(compressed.semantics.windowMinutes).toBeCloseTo(5 / 30, 10);
  });

  it("refuses a bad comparison naming the rule and the field, and writes nothing", async () => {
    const { id, draft } = await copyWithCompareRule("Bad canary day", { allowedDifferencePercent: -5, direction: "sideways" });
    const refused = await saveTemplate(team.lead, { templateId: id, version: 0, draft }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({
      code: "invalid_input",
      message: "Rollback triggers › rule 4 “P95 slower on canary than production”: the direction must be one of increase, decrease, either; Rollback triggers › rule 4 “P95 slower on canary than production”: the allowed difference must be 0 to 10000%",
      details: [
        { path: "rules.rollbackTriggers.3.direction", message: expect.any(String) },
        { path: "rules.rollbackTriggers.3.allowedDifferencePercent", message: expect.any(String) },
      ],
    });
    expect((await db().template.findUniqueOrThrow({ where: { id } })).version).toBe(0);
  });
});
