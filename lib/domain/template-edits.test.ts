import { describe, expect, it } from "vitest";
import { defaultTemplate } from "../../prisma/seed/default-template";
import { ZTemplateDefinition } from "./template-definition";
import { fromDraft, toDraft, type TTemplateDraft } from "./template-draft";
import {
  addItem,
  addPhase,
  addQuestion,
  addRolloutStep,
  addRule,
  addSection,
  freeStages,
  moveAt,
  moveItem,
  moveSection,
  removeItem,
  removePhase,
  removeSection,
  updateItem,
  updateRolloutStep,
} from "./template-edits";
import { validateTemplateDraft } from "./template-validation";

const seedDraft = (): TTemplateDraft => toDraft(ZTemplateDefinition.parse(defaultTemplate));
const itemTexts = (d: TTemplateDraft, p: number, s: number) => d.phases[p].sections[s].items.map((i) => i.text);

describe("moveAt", () => {
  it("swaps with the neighbour, and leaves the list as it is at either end", () => {
    expect(moveAt(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveAt(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moveAt(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moveAt(["a", "b", "c"], 2, 1)).toEqual(["a", "b", "c"]);
    expect(moveAt(["a"], 5, 1)).toEqual(["a"]);
  });
});

describe("the seed template as a draft", () => {
  it("goes back to the same definition untouched", () => {
    const parsed = ZTemplateDefinition.parse(defaultTemplate);
    const { definition, playbook } = fromDraft(toDraft(parsed));
    const again = ZTemplateDefinition.parse({ ...definition, playbook: { ...parsed.playbook, ...playbook } });
    expect(again.phases).toEqual(parsed.phases);
    expect(again.playbook).toEqual(parsed.playbook);
  });

  it("gives every row its own uid and counts on from the last", () => {
    const draft = seedDraft();
    const uids = [
      ...draft.phases.flatMap((p) => [p.uid, ...p.sections.flatMap((s) => [s.uid, ...s.items.map((i) => i.uid)])]),
      ...draft.goNoGoQuestions.map((q) => q.uid),
    ];
    expect(new Set(uids).size).toBe(uids.length);
    expect(uids).not.toContain(`u${draft.nextUid}`);
  });
});

describe("items", () => {
  it("adds an empty required item at the end of the section with a fresh uid", () => {
    const draft = seedDraft();
    const next = addItem(draft, 0, 0);
    const items = next.phases[0].sections[0].items;
    expect(items).toHaveLength(draft.phases[0].sections[0].items.length + 1);
    expect(items.at(-1)).toMatchObject({ text: "", required: true, depth: 0, uid: `u${draft.nextUid}` });
    expect(next.nextUid).toBe(draft.nextUid + 1);
    expect(draft.phases[0].sections[0].items).toHaveLength(items.length - 1);
  });

  it("moves, edits and removes one item, leaving the others in order", () => {
    const draft = seedDraft();
    const [a, b, c] = itemTexts(draft, 0, 0);
    const moved = moveItem(draft, 0, 0, 1, -1);
    expect(itemTexts(moved, 0, 0).slice(0, 3)).toEqual([b, a, c]);
    const edited = updateItem(moved, 0, 0, 0, { text: "Edited", required: false });
    expect(edited.phases[0].sections[0].items[0]).toMatchObject({ text: "Edited", required: false });
    const removed = removeItem(edited, 0, 0, 0);
    expect(itemTexts(removed, 0, 0).slice(0, 2)).toEqual([a, c]);
  });

  it("ignores an index that is not there", () => {
    const draft = seedDraft();
    expect(addItem(draft, 99, 0)).toBe(draft);
    expect(updateItem(draft, 0, 99, 0, { text: "x" }).phases).toEqual(draft.phases);
  });
});

describe("sections", () => {
  it("adds a titled section with one empty item, moves and removes sections", () => {
    const draft = seedDraft();
    const titles = (d: TTemplateDraft) => d.phases[0].sections.map((s) => s.title);
    const added = addSection(draft, 0);
    expect(added.phases[0].sections.at(-1)).toMatchObject({ title: "New section", items: [{ text: "" }] });
    const [first, second] = titles(draft);
    expect(titles(moveSection(draft, 0, 0, 1)).slice(0, 2)).toEqual([second, first]);
    expect(titles(removeSection(draft, 0, 0))[0]).toBe(second);
  });
});

describe("phases", () => {
  it("offers only the stages no phase uses, and puts a new phase where its stage comes", () => {
    const draft = seedDraft();
    expect(freeStages(draft)).toEqual([]);
    const without = removePhase(draft, 2);
    expect(freeStages(without)).toEqual(["smoke_testing"]);
    const back = addPhase(without, "smoke_testing");
    expect(back.phases.map((p) => p.key)).toEqual(draft.phases.map((p) => p.key));
    expect(back.phases[2]).toMatchObject({ title: "Smoke tests", budgetMinMinutes: 15, budgetMaxMinutes: 30 });
    expect(addPhase(draft, "staging")).toBe(draft);
  });
});

describe("questions and rules", () => {
  it("adds an empty question and an empty rule to the chosen list", () => {
    const draft = seedDraft();
    expect(addQuestion(draft).goNoGoQuestions.at(-1)?.text).toBe("");
    const withRule = addRule(draft, "rollbackTriggers");
    expect(withRule.rules.rollbackTriggers).toHaveLength(draft.rules.rollbackTriggers.length + 1);
    expect(withRule.rules.rollbackTriggers.at(-1)).toMatchObject({ label: "", value: null, windowKind: "immediate" });
  });
});

describe("rollout steps in the editor", () => {
  it("come from the template and go back to it unchanged", () => {
    const draft = seedDraft();
    expect(draft.rolloutSteps.map((s) => [s.percent, s.label, s.greenMinutes])).toEqual([
      [10, "Canary", 5],
      [50, "Progressive 50%", 2],
      [100, "Full rollout", 5],
    ]);
    expect(fromDraft(draft).playbook.rolloutSteps).toEqual(ZTemplateDefinition.parse(defaultTemplate).playbook.rolloutSteps);
  });

  it("change minutes and keep a runbook-style checkpoint name in step", () => {
    const changed = updateRolloutStep(seedDraft(), 0, { greenMinutes: 10 });
    expect(changed.rolloutSteps[0]).toMatchObject({ greenMinutes: 10, checkpoint: "Canary metrics green (10 minutes)" });
  });

  it("add an empty step the lead must fill, which the draft's check then asks for", () => {
    const added = addRolloutStep(seedDraft());
    expect(added.rolloutSteps).toHaveLength(4);
    expect(validateTemplateDraft(added).map((p) => p.path)).toEqual(["rolloutSteps.3.percent", "rolloutSteps.3.label"]);
  });

  it("untie an item from a checkpoint whose percent is gone, saying so where the item is", () => {
    const moved = updateRolloutStep(seedDraft(), 1, { percent: 40 });
    const problems = validateTemplateDraft(moved);
    expect(problems.some((p) => p.path.endsWith(".metricLink") && p.message.includes("tied to the checkpoint at 50%, which the rollout no longer has"))).toBe(true);
  });
});
