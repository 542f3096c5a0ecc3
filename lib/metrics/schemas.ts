// zod schemas for the metrics commands (rules, custom metrics, rollback triggers and decisions),
// shared by the war room's forms, the socket handlers and the tests.
import { z } from "zod";
import { ZCustomMetric, ZMetricStage, ZRuleSeverity, ZRuleWindow } from "../domain/metric-schemas";
import { checkCompareRule, ZCompareSpec } from "../domain/compare-rule-schema";
import { checkRuleSemantics, RULE_SEMANTICS_FIELDS } from "../domain/rule-semantics-schema";
import { checkRuleSource, RULE_SOURCE_FIELDS } from "../domain/rule-source-schema";
import { ZComparator } from "../domain/template-definition";
import { ZCommandId } from "../runs/schemas";

const ZId = z.string().trim().min(1).max(64);
const ZReason = (what: string) => z.string().trim().min(1, `${what} is required`).max(1000);

export const ZSaveRule = z
  .object({
    runId: ZId,
    /** Absent: a new rule. */
    ruleId: ZId.optional(),
    /** The version the person edited (compare-and-set); required with ruleId. */
    version: z.number().int().min(0).optional(),
    /** Empty: worded from the rule's parts. */
    label: z.string().trim().max(200).optional(),
    metric: z.string().trim().min(1, "Pick a metric").max(64),
    severity: ZRuleSeverity,
    // Not judged on a compare rule (its spec says what fails): optional there, required otherwise.
    comparator: ZComparator.optional(),
    threshold: z.number({ error: "Threshold must be a number" }).optional(),
    window: ZRuleWindow,
    stage: ZMetricStage.nullable().default(null),
    isEnabled: z.boolean().default(true),
    // How the rule is judged; left out: the window's meaning and the defaults (rule-semantics.ts).
    ...RULE_SEMANTICS_FIELDS,
    /** A compare rule: canary against production (lib/domain/compare-rule.ts). Absent: a threshold rule. */
    compare: ZCompareSpec.optional(),
    // Where its values come from; left out: pushed samples. The query is checked in saveRule, with
    // the data source's stage label.
    ...RULE_SOURCE_FIELDS,
    commandId: ZCommandId,
  })
  .superRefine(checkRuleSemantics)
  .superRefine(checkCompareRule)
  .superRefine(checkRuleSource)
  .superRefine((r, ctx) => {
    if (r.compare) return;
    if (r.comparator === undefined) ctx.addIssue({ code: "custom", path: ["comparator"], message: "comparator is required (>, >=, < or <=) unless the rule compares canary with production" });
    if (r.threshold === undefined) ctx.addIssue({ code: "custom", path: ["threshold"], message: "Threshold must be a number" });
  })
  .refine((r) => r.ruleId === undefined || r.version !== undefined, { message: "version is required to change a rule", path: ["version"] });
export type TSaveRuleInput = z.input<typeof ZSaveRule>;

export const ZDeclareMetric = ZCustomMetric.extend({ runId: ZId, commandId: ZCommandId });
export type TDeclareMetricInput = z.input<typeof ZDeclareMetric>;

export const ZTriggerRollback = z.object({
  runId: ZId,
  /** One of the playbook's manual triggers ("Data corruption detected"). */
  label: z.string().trim().min(1).max(200),
  note: ZReason("A note saying what was seen"),
  commandId: ZCommandId,
});
export type TTriggerRollbackInput = z.input<typeof ZTriggerRollback>;

export const ZAcknowledgeAlert = z.object({ runId: ZId, alertId: ZId, commandId: ZCommandId });

export const ZDecideAlert = z.object({
  runId: ZId,
  alertId: ZId,
  decision: z.enum(["rollback", "continue"]),
  reason: ZReason("A reason"),
  commandId: ZCommandId,
});
export type TDecideAlertInput = z.input<typeof ZDecideAlert>;
