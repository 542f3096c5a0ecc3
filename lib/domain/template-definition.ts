// The shape of a deployment template as data: what the seed runbook becomes, what the template
// editor edits, and what a run copies at creation. Pure types and zod schemas, no I/O.
import { z } from "zod";
import { checkCompareRule, ZCompareSpec } from "./compare-rule-schema";
import { checkRuleSemantics, RULE_SEMANTICS_FIELDS } from "./rule-semantics-schema";
import { checkRuleSource, RULE_SOURCE_FIELDS } from "./rule-source-schema";
import type { TMetricLink } from "./item-links";
import { COMPARATORS, DECISION_ACTIONS, PHASE_KEYS } from "./template-vocabulary";
import { validateRolloutSteps } from "./rollout-steps";

const text = (max: number) => z.string().trim().min(1).max(max);

export const ZTemplateItem = z.object({
  text: text(500),
  /** Nested checkbox under the previous top-level item (e.g. "Error tracking: Open in browser"). */
  depth: z.union([z.literal(0), z.literal(1)]).default(0),
  command: text(4000).optional(),
  /** The "Should show: …" / "Should be: …" line of the runbook. */
  expectedOutput: text(500).optional(),
  required: z.boolean().default(true),
  /** The rule or checkpoint the item states: it ticks itself when that passes with data. */
  metricLink: z.lazy(() => ZMetricLink).optional(),
});

/** See TMetricLink in item-links.ts: a rule by its threshold label, or a rollout step by percent. */
export const ZMetricLink = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("rule"), rule: text(200) }),
  z.object({ kind: z.literal("checkpoint"), percent: z.number().int().min(1).max(100) }),
]);

/** A stored link (a Json column), or null when there is none or it no longer parses. */
export function parseMetricLink(value: unknown): TMetricLink | null {
  const parsed = ZMetricLink.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export const ZTemplateSection = z.object({
  title: text(200),
  budgetMinutes: z.number().int().positive().optional(),
  /** A command block that belongs to the section as a whole ("Deploy to Staging"). */
  command: text(4000).optional(),
  expectedOutput: text(500).optional(),
  /** Recurring checks ("Every 5 Minutes") come due on this interval while the phase runs. */
  intervalMinutes: z.number().int().positive().optional(),
  /** Markdown an imported runbook had here that no field holds: kept, shown, exported again. */
  notes: z.array(text(8000)).max(50).optional(),
  items: z.array(ZTemplateItem).max(200),
});

export const ZPhaseKey = z.enum(PHASE_KEYS);
export type TPhaseKey = z.infer<typeof ZPhaseKey>;

export const ZTemplatePhase = z
  .object({
    key: ZPhaseKey,
    title: text(200),
    budgetMinMinutes: z.number().int().positive(),
    budgetMaxMinutes: z.number().int().positive(),
    successCriteria: z.array(text(300)).default([]),
    sections: z.array(ZTemplateSection).min(1).max(50),
  })
  .refine((p) => p.budgetMaxMinutes >= p.budgetMinMinutes, {
    message: "budgetMaxMinutes must be at least budgetMinMinutes",
  });

export const ZComparator = z.enum(COMPARATORS);
export type TComparator = z.infer<typeof ZComparator>;

/** A metric threshold from the runbook, e.g. "Error rate > 5% sustained (5 minutes)". */
export const ZThreshold = z.object({
  label: text(200),
  metric: text(64),
  comparator: ZComparator,
  value: z.number(),
  unit: z.string().max(16).default(""),
  /** How the window is read: the latest value, held for D, or counted/summed within a window. */
  window: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("immediate") }),
    z.object({ kind: z.literal("sustained"), minutes: z.number().positive() }),
    z.object({ kind: z.literal("count"), minutes: z.number().positive() }),
    z.object({ kind: z.literal("sum"), minutes: z.number().positive() }),
  ]),
  // How the rule is judged (aggregation, window, mode, no data, recovery): optional, the window
  // above gives the runbook's meaning to whatever is left out (lib/domain/rule-semantics.ts).
  ...RULE_SEMANTICS_FIELDS,
  /**
   * A compare rule: canary against production (lib/domain/compare-rule.ts). Its comparator and
   * value are then not judged (editors write ">" and the allowed difference, so a reader that only
   * knows thresholds still reads sense); `windowMinutes` is the comparison window.
   */
  compare: ZCompareSpec.optional(),
  // Where its values come from: left out, pushed samples (lib/domain/rule-source.ts).
  ...RULE_SOURCE_FIELDS,
})
  .superRefine(checkRuleSemantics)
  .superRefine(checkCompareRule)
  .superRefine(checkRuleSource);

/** A rollback trigger a person declares (no metric): "Data corruption detected". */
export const ZManualTrigger = z.object({ label: text(200) });

export const ZRolloutStep = z.object({
  percent: z.number().int().min(1).max(100),
  label: text(100),
  /** "Canary metrics green (5 minutes)": how long metrics must stay green before the next step. */
  greenMinutes: z.number().positive(),
  checkpoint: text(200),
});

export const ZDecisionAction = z.enum(DECISION_ACTIONS);

export type TDecisionNode = {
  id: string;
  label: string;
  /** A node with an action ends a path; a node with children asks a question. */
  action?: z.infer<typeof ZDecisionAction>;
  children?: TDecisionNode[];
};

export const ZDecisionNode: z.ZodType<TDecisionNode, TDecisionNode> = z.lazy(() =>
  z.object({
    id: text(64),
    label: text(300),
    action: ZDecisionAction.optional(),
    children: z.array(ZDecisionNode).max(20).optional(),
  }),
);

export const ZDecisionTree = z.object({
  key: text(64),
  title: text(200),
  /** The signal that should offer this tree: e.g. "staging_item_failed", "canary_rollback_rule". */
  signal: text(64),
  /** Steps to take before deciding ("Check compilation error"). */
  steps: z.array(text(300)),
  root: ZDecisionNode,
});

export const ZCommunicationTemplate = z.object({
  key: z.enum(["pre_deployment", "in_progress", "complete", "rollback"]),
  title: text(200),
  /** When to send it: "1 hour before", "every 30 minutes". */
  cadence: text(100),
  /** Body with {{field}} placeholders filled from the live run. */
  body: text(8000),
});

export const ZPlaybook = z.object({
  goNoGoQuestions: z.array(text(300)).min(1).max(30),
  successCriteria: z.array(text(300)),
  escalationThresholds: z.array(ZThreshold),
  rollbackTriggers: z.array(ZThreshold),
  manualRollbackTriggers: z.array(ZManualTrigger),
  successMetrics: z.array(ZThreshold),
  // Increasing, ending at 100%: the same check as the template editor's, naming the step and field.
  rolloutSteps: z
    .array(ZRolloutStep)
    .min(1)
    .max(10)
    .superRefine((steps, ctx) => {
      for (const problem of validateRolloutSteps(steps, "")) ctx.addIssue({ code: "custom", message: problem.message, path: problem.path.split(".").filter(Boolean).map((part) => (/^\d+$/.test(part) ? Number(part) : part)) });
    }),
  rollbackCommand: text(1000).optional(),
  decisionTrees: z.array(ZDecisionTree),
  communicationTemplates: z.array(ZCommunicationTemplate),
  /** The "Record Deployment Details" block, kept verbatim for the deployment record. */
  recordTemplate: text(8000),
});
export type TPlaybook = z.infer<typeof ZPlaybook>;

export const ZTemplateDefinition = z.object({
  key: text(64).optional(),
  name: text(200),
  description: z.string().max(2000).default(""),
  expectedDurationMinMinutes: z.number().int().positive(),
  expectedDurationMaxMinutes: z.number().int().positive(),
  phases: z.array(ZTemplatePhase).min(1).max(20),
  playbook: ZPlaybook,
});
export type TTemplateDefinition = z.input<typeof ZTemplateDefinition>;
export type TParsedTemplateDefinition = z.output<typeof ZTemplateDefinition>;
