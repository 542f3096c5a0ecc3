// Compare rules in templates: the editor's draft round trip, its checks (naming the field), the
// playbook schema, the run's first rules and rehearsal time.
import { describe, expect, it } from "vitest";
import { defaultTemplate } from "../../prisma/seed/default-template";
import { defaultRules } from "./metric-defaults";
import { ZThreshold, ZTemplateDefinition } from "./template-definition";
import { fromDraft, toDraft, type TRuleRowDraft, type TTemplateDraft } from "./template-draft";
import { validateTemplateDraft } from "./template-validation";
import { compressPlaybook } from "./time-scale";

const seedDraft = (): TTemplateDraft => toDraft(ZTemplateDefinition.parse(defaultTemplate));
const compareRow = (over: Partial<TRuleRowDraft> = {}): TRuleRowDraft => ({
  ...seedDraft().rules.rollbackTriggers[0],
  uid: "c1",
  label: "P95 slower on canary",
  metric: "response_time_p95",
  unit: "ms",
  kind: "compare",
  direction: "increase",
  allowedDifferencePercent: 10,
  minSamplesPerSide: 20,
  windowMinutes: 5,
  ...over,
});
const withRow = (row: TRuleRowDraft): TTemplateDraft => {
  const draft = seedDraft();
  return { ...draft, rules: { ...draft.rules, rollbackTriggers: [...draft.rules.rollbackTriggers, row] } };
};

describe("a compare rule in the template editor", () => {
  it("round-trips: draft → playbook → draft, and the playbook entry is a valid threshold with its spec", () => {
    const { playbook } = fromDraft(withRow(compareRow()));
    const stored = playbook.rollbackTriggers.at(-1)!;
    expect(stored).toEqual({
      label: "P95 slower on canary",
      metric: "response_time_p95",
      unit: "ms",
      comparator: ">",
      value: 10,
      window: { kind: "immediate" },
      windowMinutes: 5,
      compare: { direction: "increase", allowedDifferencePercent: 10, minSamplesPerSide: 20 },
    });
    expect(ZThreshold.safeParse(stored).success).toBe(true);
    const reopened = toDraft({ ...ZTemplateDefinition.parse(defaultTemplate), playbook: { ...ZTemplateDefinition.parse(defaultTemplate).playbook, ...playbook } });
    expect(reopened.rules.rollbackTriggers.at(-1)).toMatchObject({ kind: "compare", direction: "increase", allowedDifferencePercent: 10, minSamplesPerSide: 20, windowMinutes: 5 });
  });

  it("keeps how a rule is judged through a save (the editor does not edit it, and must not drop it)", () => {
    const definition = ZTemplateDefinition.parse(defaultTemplate);
    const explicit = { ...definition.playbook.rollbackTriggers[0], onNoData: "fail" as const, mode: { kind: "k_of_n" as const, k: 3, n: 5 } };
    const draft = toDraft({ ...definition, playbook: { ...definition.playbook, rollbackTriggers: [explicit] } });
    expect(fromDraft(draft).playbook.rollbackTriggers[0]).toMatchObject({ onNoData: "fail", mode: { kind: "k_of_n", k: 3, n: 5 } });
  });

  it("checks direction, allowance, samples per side and window, naming the field; comparator and value are not asked for", () => {
    const problems = (over: Partial<TRuleRowDraft>) => validateTemplateDraft(withRow(compareRow({ comparator: "??", value: null, ...over })));
    const at = (over: Partial<TRuleRowDraft>) => problems(over).map((p) => [p.path.replace(/^rules\.rollbackTriggers\.\d+\./, ""), p.message.replace(/^.*: /, "")]);
    expect(problems({})).toEqual([]);
    expect(at({ direction: "up" })).toEqual([["direction", "the direction must be one of increase, decrease, either"]]);
    expect(at({ allowedDifferencePercent: null })).toEqual([["allowedDifferencePercent", "the allowed difference (%) is required"]]);
    expect(at({ allowedDifferencePercent: -5 })).toEqual([["allowedDifferencePercent", "the allowed difference must be 0 to 10000%"]]);
    expect(at({ minSamplesPerSide: 2.5 })).toEqual([["minSamplesPerSide", "the minimum samples per side must be a whole number from 1 to 100000"]]);
    expect(at({ minSamplesPerSide: null })).toEqual([["minSamplesPerSide", "the minimum samples per side is required"]]);
    expect(at({ windowMinutes: 0 })).toEqual([["windowMinutes", "window must be more than 0 and at most 1440 minutes"]]);
  });
});

describe("a compare rule in the playbook", () => {
  const threshold = { label: "P95 slower on canary", metric: "response_time_p95", comparator: ">", value: 10, unit: "ms", window: { kind: "immediate" } };
  const compare = { direction: "increase", allowedDifferencePercent: 10, minSamplesPerSide: 20 };

  it("refuses a stage or an aggregation beside it, and a bad spec, naming the field", () => {
    const issues = (value: unknown) => {
      const parsed = ZThreshold.safeParse(value);
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(issues({ ...threshold, compare })).toEqual([]);
    expect(issues({ ...threshold, compare, aggregation: "mean" })).toEqual(["aggregation: a compare rule ranks the samples themselves (Mann-Whitney U): leave aggregation out"]);
    expect(issues({ ...threshold, compare: { ...compare, minSamplesPerSide: 0 } })).toEqual(["compare.minSamplesPerSide: minSamplesPerSide must be at least 1"]);
  });

  it("becomes a run's rule with its spec and a 5-minute comparison window unless it says otherwise", () => {
    const playbook = { rollbackTriggers: [{ ...threshold, compare }, { ...threshold, label: "ten", compare, windowMinutes: 10 }] };
    expect(defaultRules(playbook).map((r) => [r.compare, r.semantics.windowMinutes])).toEqual([
      [compare, 5],
      [compare, 10],
    ]);
  });

  it("is compressed for rehearsals: its comparison window, labelled", () => {
    const compressed = compressPlaybook({ rollbackTriggers: [{ ...threshold, compare }], rolloutSteps: [] }, 30);
    expect(compressed.rollbackTriggers).toEqual([{ ...threshold, compare, label: "P95 slower on canary [time ×30: 10 s]", windowMinutes: 5 / 30 }]);
  });
});
