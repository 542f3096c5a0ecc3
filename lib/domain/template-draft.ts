// The template as the editor holds it: every field a person can type into, with empty text and empty
// numbers allowed (null), so a half-finished edit can be shown with its problems instead of being
// refused field by field. `toDraft` opens a stored template; `fromDraft` turns a checked draft back
// into the parts of a template definition. Pure.
import { DEFAULT_COMPARE_WINDOW_MINUTES } from "./compare-rule";
import type { TCompareDirection } from "./metric-compare";
import type { TPhaseKey, TPlaybook, TTemplateDefinition } from "./template-definition";
import { linkFromKey, linkKey } from "./item-links";
import { parseMetricLink, ZPhaseKey } from "./template-definition";
import type { TRolloutStepDraft } from "./rollout-steps";

export type { TRolloutStepDraft } from "./rollout-steps";

/** Phases are tied to the run's stages (the status machine works through them by this key). */
export const PHASE_STAGES = ZPhaseKey.options;
export const PHASE_STAGE_LABELS: Record<TPhaseKey, string> = {
  pre_deployment: "Pre-deployment",
  staging: "Staging",
  smoke_testing: "Smoke tests",
  production: "Production rollout",
  validation: "Validation",
  post_deployment: "Monitoring",
};

/** The playbook lists of metric rules the editor edits, in the order the war room shows them. */
export const RULE_LISTS = ["escalationThresholds", "rollbackTriggers", "successMetrics"] as const;
export type TRuleList = (typeof RULE_LISTS)[number];
export const RULE_LIST_LABELS: Record<TRuleList, string> = {
  escalationThresholds: "Escalation thresholds",
  rollbackTriggers: "Rollback triggers",
  successMetrics: "Success metrics",
};

// `uid` only keeps React's list keys (and focus) stable while rows move; it is never stored.
export type TItemDraft = {
  uid: string;
  text: string;
  depth: 0 | 1;
  command: string;
  expectedOutput: string;
  required: boolean;
  /** The rule or checkpoint the item ticks itself by, as linkKey() writes it; "" for none. */
  metricLink: string;
};
export type TSectionDraft = {
  uid: string;
  title: string;
  budgetMinutes: number | null;
  command: string;
  expectedOutput: string;
  intervalMinutes: number | null;
  /** An imported runbook's notes: shown, kept through a save, not edited here. */
  notes?: string[];
  items: TItemDraft[];
};
export type TPhaseDraft = {
  uid: string;
  key: TPhaseKey;
  title: string;
  budgetMinMinutes: number | null;
  budgetMaxMinutes: number | null;
  successCriteria: string[];
  sections: TSectionDraft[];
};
export type TQuestionDraft = { uid: string; text: string };
export type TRuleRowDraft = {
  uid: string;
  label: string;
  metric: string;
  comparator: string;
  value: number | null;
  unit: string;
  windowKind: string;
  /** The legacy window's minutes; for a compare rule, its comparison window. */
  windowMinutes: number | null;
  /** Where its values come from: pushed samples, or `query` on the data source `dataSourceId`. */
  sourceKind: "push" | "promql";
  dataSourceId: string;
  query: string;
  /** PromQL only: errors in a row before the source counts as failing (null: the default, 4). */
  consecutiveErrorLimit: number | null;
  /** "compare": canary judged against production (lib/domain/compare-rule.ts); comparator, value and window kind unused. */
  kind: "threshold" | "compare";
  direction: string;
  allowedDifferencePercent: number | null;
  minSamplesPerSide: number | null;
  /** How the rule is judged as stored (aggregation, mode, no data…): not edited here, kept through a save. */
  semantics: Record<string, unknown>;
};
export type TCommsDraft = { key: TPlaybook["communicationTemplates"][number]["key"]; title: string; cadence: string; body: string };

export type TTemplateDraft = {
  name: string;
  description: string;
  expectedDurationMinMinutes: number | null;
  expectedDurationMaxMinutes: number | null;
  phases: TPhaseDraft[];
  goNoGoQuestions: TQuestionDraft[];
  rules: Record<TRuleList, TRuleRowDraft[]>;
  /** Canary 10% → 50% → 100%: the production rollout and its checkpoints. */
  rolloutSteps: TRolloutStepDraft[];
  communicationTemplates: TCommsDraft[];
  /** Next number for a new row's uid: keeps the edit operations pure. */
  nextUid: number;
};

/** The stored template's shape as read back (optional text may be null in the database). */
type TStoredItem = { text: string; depth: number; command?: string | null; expectedOutput?: string | null; required: boolean; metricLink?: unknown };
type TStoredSection = {
  title: string;
  budgetMinutes?: number | null;
  command?: string | null;
  expectedOutput?: string | null;
  intervalMinutes?: number | null;
  notes?: string[];
  items: TStoredItem[];
};
export type TStoredTemplate = {
  name: string;
  description: string;
  expectedDurationMinMinutes: number;
  expectedDurationMaxMinutes: number;
  phases: { key: string; title: string; budgetMinMinutes: number; budgetMaxMinutes: number; successCriteria: string[]; sections: TStoredSection[] }[];
  playbook: Pick<TPlaybook, "goNoGoQuestions" | TRuleList | "communicationTemplates" | "rolloutSteps">;
};

export function toDraft(template: TStoredTemplate): TTemplateDraft {
  let next = 0;
  const uid = () => `u${next++}`;
  const draft: TTemplateDraft = {
    name: template.name,
    description: template.description,
    expectedDurationMinMinutes: template.expectedDurationMinMinutes,
    expectedDurationMaxMinutes: template.expectedDurationMaxMinutes,
    phases: template.phases.map((p) => ({
      uid: uid(),
      key: p.key as TPhaseKey,
      title: p.title,
      budgetMinMinutes: p.budgetMinMinutes,
      budgetMaxMinutes: p.budgetMaxMinutes,
      successCriteria: p.successCriteria,
      sections: p.sections.map((s) => ({
        uid: uid(),
        title: s.title,
        budgetMinutes: s.budgetMinutes ?? null,
        command: s.command ?? "",
        expectedOutput: s.expectedOutput ?? "",
        intervalMinutes: s.intervalMinutes ?? null,
        notes: s.notes ?? [],
        items: s.items.map((i) => ({
          uid: uid(),
          text: i.text,
          depth: i.depth === 1 ? 1 : 0,
          command: i.command ?? "",
          expectedOutput: i.expectedOutput ?? "",
          required: i.required,
          metricLink: linkKey(parseMetricLink(i.metricLink)),
        })),
      })),
    })),
    goNoGoQuestions: template.playbook.goNoGoQuestions.map((text) => ({ uid: uid(), text })),
    rules: {
      escalationThresholds: [],
      rollbackTriggers: [],
      successMetrics: [],
    },
    rolloutSteps: template.playbook.rolloutSteps.map((step) => ({ uid: uid(), percent: step.percent, label: step.label, greenMinutes: step.greenMinutes, checkpoint: step.checkpoint })),
    communicationTemplates: template.playbook.communicationTemplates.map((c) => ({ ...c })),
    nextUid: 0,
  };
  for (const list of RULE_LISTS) {
    draft.rules[list] = template.playbook[list].map((t) => {
      const { label, metric, comparator, value, unit, window, compare, source, consecutiveErrorLimit, ...semantics } = t;
      return {
        uid: uid(),
        label,
        metric,
        comparator,
        value,
        unit: unit ?? "",
        windowKind: compare ? "immediate" : window.kind,
        windowMinutes: compare ? (t.windowMinutes ?? DEFAULT_COMPARE_WINDOW_MINUTES) : window.kind === "immediate" ? null : window.minutes,
        kind: compare ? "compare" : "threshold",
        direction: compare?.direction ?? "increase",
        allowedDifferencePercent: compare?.allowedDifferencePercent ?? null,
        minSamplesPerSide: compare?.minSamplesPerSide ?? null,
        semantics: Object.fromEntries(Object.entries(semantics).filter(([, v]) => v !== undefined)),
        sourceKind: source?.kind ?? "push",
        dataSourceId: source?.kind === "promql" ? source.dataSourceId : "",
        query: source?.kind === "promql" ? source.query : "",
        consecutiveErrorLimit: consecutiveErrorLimit ?? null,
      };
    });
  }
  draft.nextUid = next;
  return draft;
}

const optional = (text: string) => (text.trim() ? text.trim() : undefined);
const orZero = (n: number | null) => n ?? 0;

/**
 * The draft as template-definition parts: the tree, and the playbook lists the editor owns (the
 * rest of the playbook — decision trees, manual triggers, the record — is kept from the stored one).
 * Call it on a draft `validateTemplateDraft` passed; the definition schema is still the last word.
 */
export function fromDraft(draft: TTemplateDraft): {
  definition: Omit<TTemplateDefinition, "playbook" | "key">;
  playbook: Pick<TPlaybook, "goNoGoQuestions" | TRuleList | "communicationTemplates" | "rolloutSteps">;
} {
  return {
    definition: {
      name: draft.name.trim(),
      description: draft.description.trim(),
      expectedDurationMinMinutes: orZero(draft.expectedDurationMinMinutes),
      expectedDurationMaxMinutes: orZero(draft.expectedDurationMaxMinutes),
      phases: draft.phases.map((p) => ({
        key: p.key,
        title: p.title.trim(),
        budgetMinMinutes: orZero(p.budgetMinMinutes),
        budgetMaxMinutes: orZero(p.budgetMaxMinutes),
        successCriteria: p.successCriteria,
        sections: p.sections.map((s) => ({
          title: s.title.trim(),
          budgetMinutes: s.budgetMinutes ?? undefined,
          command: optional(s.command),
          expectedOutput: optional(s.expectedOutput),
          intervalMinutes: s.intervalMinutes ?? undefined,
          ...(s.notes?.length ? { notes: s.notes } : {}),
          items: s.items.map((i) => ({
            text: i.text.trim(),
            depth: i.depth,
            command: optional(i.command),
            expectedOutput: optional(i.expectedOutput),
            required: i.required,
            metricLink: linkFromKey(i.metricLink),
          })),
        })),
      })),
    },
    playbook: {
      goNoGoQuestions: draft.goNoGoQuestions.map((q) => q.text.trim()),
      ...(Object.fromEntries(RULE_LISTS.map((list) => [list, draft.rules[list].map(ruleFromDraft)])) as Pick<TPlaybook, TRuleList>),
      rolloutSteps: draft.rolloutSteps.map((step) => ({ percent: orZero(step.percent), label: step.label.trim(), greenMinutes: orZero(step.greenMinutes), checkpoint: step.checkpoint.trim() })),
      communicationTemplates: draft.communicationTemplates.map((c) => ({ key: c.key, title: c.title.trim(), cadence: c.cadence.trim(), body: c.body.trim() })),
    },
  };
}

/** One rule row as the playbook stores it: a threshold, or a compare rule (validated by validateTemplateDraft). */
/** Where the rule's values come from: pushed samples (nothing stored), or its PromQL query on a data source. */
function sourceFromDraft(r: TRuleRowDraft): Record<string, unknown> {
  if (r.sourceKind !== "promql") return {};
  return {
    source: { kind: "promql", dataSourceId: r.dataSourceId, query: r.query.trim() },
    ...(r.consecutiveErrorLimit !== null && { consecutiveErrorLimit: r.consecutiveErrorLimit }),
  };
}

function ruleFromDraft(r: TRuleRowDraft): TPlaybook[TRuleList][number] {
  const common: Record<string, unknown> = { ...r.semantics, label: r.label.trim(), metric: r.metric, unit: r.unit.trim(), ...sourceFromDraft(r) };
  if (r.kind === "compare") {
    // Ranks of raw samples, no aggregate; ">" and the allowance keep the stored entry readable as a threshold.
    const { aggregation: _aggregation, denominatorMetric: _denominator, ...rest } = common;
    const allowed = orZero(r.allowedDifferencePercent);
    return {
      ...rest,
      comparator: ">",
      value: allowed,
      window: { kind: "immediate" },
      windowMinutes: r.windowMinutes ?? DEFAULT_COMPARE_WINDOW_MINUTES,
      compare: { direction: r.direction as TCompareDirection, allowedDifferencePercent: allowed, minSamplesPerSide: r.minSamplesPerSide ?? 1 },
    } as TPlaybook[TRuleList][number];
  }
  const { compare: _compare, ...rest } = common;
  return {
    ...rest,
    comparator: r.comparator as ">" | ">=" | "<" | "<=",
    value: orZero(r.value),
    window: (r.windowKind === "immediate" ? { kind: "immediate" } : { kind: r.windowKind, minutes: orZero(r.windowMinutes) }) as TPlaybook["rollbackTriggers"][number]["window"],
  } as TPlaybook[TRuleList][number];
}
