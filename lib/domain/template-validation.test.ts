import { describe, expect, it } from "vitest";
import { defaultTemplate } from "../../prisma/seed/default-template";
import { defaultPromql } from "./promql-defaults";
import { ZTemplateDefinition } from "./template-definition";
import { fromDraft, toDraft, type TTemplateDraft } from "./template-draft";
import { addItem, addPhase, moveAt, removePhase, updateItem, updatePhase } from "./template-edits";
import { MAX_BUDGET_MINUTES, problemsAt, validateTemplateDraft } from "./template-validation";

const seedDraft = (): TTemplateDraft => toDraft(ZTemplateDefinition.parse(defaultTemplate));
const messages = (d: TTemplateDraft) => validateTemplateDraft(d).map((p) => p.message);

describe("validateTemplateDraft", () => {
  it("accepts the seed runbook as it is", () => {
    expect(validateTemplateDraft(seedDraft())).toEqual([]);
  });

  it("names the phase, section and item of an empty item text", () => {
    const draft = addItem(seedDraft(), 1, 0);
    const index = draft.phases[1].sections[0].items.length;
    const problems = validateTemplateDraft(draft);
    expect(problems).toEqual([
      {
        path: `phases.1.sections.0.items.${index - 1}.text`,
        message: `Phase 2 “${draft.phases[1].title}” › section “${draft.phases[1].sections[0].title}” › item ${index}: text is required`,
      },
    ]);
    expect(problemsAt(problems, "phases.1", true)).toHaveLength(1);
    expect(problemsAt(problems, "phases.1")).toHaveLength(0);
  });

  it("needs at least one phase", () => {
    let draft = seedDraft();
    while (draft.phases.length) draft = removePhase(draft, 0);
    expect(messages(draft)).toEqual(["The template needs at least one phase"]);
  });

  it("keeps one phase per stage, in the run's stage order", () => {
    const draft = seedDraft();
    const swapped = { ...draft, phases: moveAt(draft.phases, 0, 1) };
    expect(messages(swapped)).toEqual([expect.stringMatching(/^Phase 2 “.*”: phases follow the run's stages, so Pre-deployment cannot come after Staging$/)]);
    const twice = updatePhase(draft, 1, (p) => ({ ...p, key: "pre_deployment" }));
    expect(messages(twice)).toContain(`Phase 2 “${draft.phases[1].title}”: phase 1 is already the Pre-deployment phase (one phase per stage)`);
    expect(addPhase(removePhase(draft, 3), "production").phases[3].key).toBe("production");
  });

  it("wants budgets as positive whole minutes, the longest not shorter than the shortest", () => {
    const at = (min: number | null, max: number | null) =>
      messages(updatePhase(seedDraft(), 0, (p) => ({ ...p, title: "Prep", budgetMinMinutes: min, budgetMaxMinutes: max })));
    expect(at(30, 30)).toEqual([]);
    expect(at(30, 29)).toEqual(["Phase 1 “Prep”: the longest budget (29 min) is shorter than the shortest (30 min)"]);
    expect(at(0, 10)).toEqual(["Phase 1 “Prep”: shortest budget must be a positive whole number of minutes"]);
    expect(at(1.5, 10)).toEqual(["Phase 1 “Prep”: shortest budget must be a positive whole number of minutes"]);
    expect(at(null, 10)).toEqual(["Phase 1 “Prep”: shortest budget is required"]);
    expect(at(10, MAX_BUDGET_MINUTES)).toEqual([]);
    expect(at(10, MAX_BUDGET_MINUTES + 1)).toEqual([`Phase 1 “Prep”: longest budget must be at most ${MAX_BUDGET_MINUTES} minutes (a week)`]);
  });

  it("refuses two sections of a phase with the same title, a blank title and a nested first item", () => {
    const draft = seedDraft();
    const first = draft.phases[0].sections[0].title;
    const dup = updatePhase(draft, 0, (p) => ({ ...p, sections: p.sections.map((s, i) => (i === 1 ? { ...s, title: first.toUpperCase() } : s)) }));
    expect(messages(dup)).toEqual([expect.stringContaining(`section “${first.toUpperCase()}”: sections 1 and 2 have the same title`)]);
    const blank = updatePhase(draft, 0, (p) => ({ ...p, sections: p.sections.map((s, i) => (i === 0 ? { ...s, title: " " } : s)) }));
    expect(messages(blank)).toEqual([`Phase 1 “${draft.phases[0].title}” › section 1: title is required`]);
    expect(messages(updateItem(draft, 0, 0, 0, { depth: 1 }))).toEqual([expect.stringMatching(/› item 1: the first item of a section cannot be nested under another$/)]);
  });

  it("checks go/no-go questions: at least one, none blank, no repeats", () => {
    const draft = seedDraft();
    expect(messages({ ...draft, goNoGoQuestions: [] })).toEqual(["Go/No-Go: at least one question is required"]);
    const [q1, q2] = draft.goNoGoQuestions;
    expect(messages({ ...draft, goNoGoQuestions: [q1, { ...q2, text: ` ${q1.text.toLowerCase()} ` }] })).toEqual(["Go/No-Go question 2: same as question 1"]);
    expect(messages({ ...draft, goNoGoQuestions: [{ ...q1, text: "" }] })).toEqual(["Go/No-Go question 1: text is required"]);
  });

  it("checks rules: a known metric, a valid comparison, a finite threshold and a window in range", () => {
    const draft = seedDraft();
    const rule = draft.rules.rollbackTriggers[0];
    const check = (change: Partial<typeof rule>) =>
      messages({ ...draft, rules: { ...draft.rules, rollbackTriggers: [{ ...rule, label: "Errors", ...change }] } });
    expect(check({})).toEqual([]);
    expect(check({ metric: "nope" })).toEqual([expect.stringMatching(/^Rollback triggers › rule 1 “Errors”: choose a metric \(error_rate, /)]);
    expect(check({ comparator: "=>" })).toEqual(["Rollback triggers › rule 1 “Errors”: the comparison must be one of > >= < <="]);
    expect(check({ value: Number.POSITIVE_INFINITY })).toEqual(["Rollback triggers › rule 1 “Errors”: threshold must be a finite number"]);
    expect(check({ value: null })).toEqual(["Rollback triggers › rule 1 “Errors”: threshold is required"]);
    expect(check({ windowKind: "sustained", windowMinutes: null })).toEqual(["Rollback triggers › rule 1 “Errors”: window minutes are required for a sustained window"]);
    expect(check({ windowKind: "sustained", windowMinutes: 0 })).toEqual(["Rollback triggers › rule 1 “Errors”: window must be more than 0 and at most 1440 minutes"]);
    expect(check({ windowKind: "sustained", windowMinutes: 1440 })).toEqual([]);
    expect(check({ windowKind: "immediate", windowMinutes: 0 })).toEqual([]);
    expect(check({ windowKind: "weekly" })).toEqual(["Rollback triggers › rule 1 “Errors”: unknown window kind"]);
    expect(check({ label: "" })).toEqual(["Rollback triggers › rule 1: label is required"]);
  });

  it("checks a PromQL source: a data source chosen, a query Prometheus's grammar accepts, a sane error limit", () => {
    const draft = seedDraft();
    const rule = draft.rules.rollbackTriggers[0];
    expect(rule).toMatchObject({ sourceKind: "push", dataSourceId: "", query: "" });
    const query = defaultPromql("error_rate")!.query;
    const check = (change: Partial<typeof rule>) =>
      validateTemplateDraft({ ...draft, rules: { ...draft.rules, rollbackTriggers: [{ ...rule, label: "Errors", sourceKind: "promql", dataSourceId: "ds1", query, ...change }] } });
    expect(check({})).toEqual([]);
    expect(check({ dataSourceId: "" })).toEqual([{ path: "rules.rollbackTriggers.0.dataSourceId", message: "Rollback triggers › rule 1 “Errors”: choose the data source the query runs on" }]);
    expect(check({ query: "sum(rate(http_requests_total[{{window}}])" })).toEqual([
      { path: "rules.rollbackTriggers.0.query", message: "Rollback triggers › rule 1 “Errors”: PromQL syntax error: the query ends too early (line 1, column 42); is a bracket or operand missing?" },
    ]);
    expect(check({ query: "up{service={{service}}}" }).map((p) => p.message)).toEqual([expect.stringContaining('{{service}} at position 12 must be inside a "…" string')]);
    expect(check({ query: " " }).map((p) => p.message)).toEqual(["Rollback triggers › rule 1 “Errors”: The query is empty"]);
    expect(check({ consecutiveErrorLimit: 0 }).map((p) => p.path)).toEqual(["rules.rollbackTriggers.0.consecutiveErrorLimit"]);
  });

  it("keeps a rule's PromQL source through the draft; pushed rules stay as they were", () => {
    const draft = seedDraft();
    const query = defaultPromql("error_rate")!.query;
    const [first, ...rest] = draft.rules.rollbackTriggers;
    const edited = { ...draft, rules: { ...draft.rules, rollbackTriggers: [{ ...first, sourceKind: "promql" as const, dataSourceId: "ds1", query, consecutiveErrorLimit: 6 }, ...rest] } };
    const { playbook } = fromDraft(edited);
    expect(playbook.rollbackTriggers[0]).toMatchObject({ source: { kind: "promql", dataSourceId: "ds1", query }, consecutiveErrorLimit: 6 });
    expect(playbook.rollbackTriggers[1]).not.toHaveProperty("source");
    const parsed = ZTemplateDefinition.parse({ ...defaultTemplate, playbook: { ...defaultTemplate.playbook, ...playbook } });
    expect(toDraft(parsed).rules.rollbackTriggers[0]).toMatchObject({ sourceKind: "promql", dataSourceId: "ds1", query, consecutiveErrorLimit: 6 });
  });

  it("refuses communication templates with unknown {{fields}} or no text", () => {
    const draft = seedDraft();
    const [first, ...rest] = draft.communicationTemplates;
    const withBody = (body: string) => messages({ ...draft, communicationTemplates: [{ ...first, body }, ...rest] });
    expect(withBody("Starting at {{goNoGoTime}}")).toEqual([]);
    expect(withBody("Hi {{nope}} and {{ phase }} and {{also}}")).toEqual([`Communication “${first.title}”: unknown fields {{nope}}, {{also}}`]);
    expect(withBody("  ")).toEqual([`Communication “${first.title}”: text is required`]);
  });

  it("needs a template name and a sane expected duration", () => {
    const draft = { ...seedDraft(), name: "", expectedDurationMinMinutes: 480, expectedDurationMaxMinutes: 360 };
    expect(messages(draft)).toEqual(["Template: name is required", "Template: the longest budget (360 min) is shorter than the shortest (480 min)"]);
  });

  it("keeps an item's metric link through the draft, and names a link to a rule the template lost", () => {
    const draft = seedDraft();
    const production = draft.phases.findIndex((p) => p.key === "production");
    const items = draft.phases[production].sections[0].items;
    expect(items.map((i) => i.metricLink)).toEqual(["", "checkpoint:10", "", "checkpoint:50", "", "checkpoint:100"]);
    expect(fromDraft(draft).definition.phases[production].sections[0].items[1].metricLink).toEqual({ kind: "checkpoint", percent: 10 });
    // Renaming the rule "Verify performance metrics" states unties it: the editor says where.
    const renamed = { ...draft, rules: { ...draft.rules, successMetrics: draft.rules.successMetrics.map((r) => (r.label === "Response time < 500ms" ? { ...r, label: "Response time < 400ms" } : r)) } };
    expect(messages(renamed)).toEqual([expect.stringMatching(/› item 8: tied to rule “Response time < 500ms”, which this template no longer has$/)]);
    const garbled = updateItem(draft, production, 0, 0, { metricLink: "checkpoint:0" });
    expect(messages(garbled)).toEqual([expect.stringMatching(/› item 1: “checkpoint:0” is not a rule or checkpoint$/)]);
  });
});
