// zod schemas for the template editor's commands. The draft schema checks only the shape (and caps
// sizes, since a server action is a public endpoint); what a person can get wrong — empty text,
// budgets, duplicate titles — is left to validateTemplateDraft, whose messages name the place.
import { z } from "zod";
import { ZPhaseKey } from "../domain/template-definition";

const ZId = z.string().trim().min(1).max(64);
// Generous caps: the validation rules give the real limits with a message; these only stop abuse.
const ZText = z.string().max(10_000);
const ZMinutes = z.number().nullable();
const ZUid = z.string().max(32);

const ZItemDraft = z.object({
  uid: ZUid,
  text: ZText,
  depth: z.union([z.literal(0), z.literal(1)]),
  command: ZText,
  expectedOutput: ZText,
  required: z.boolean(),
  metricLink: z.string().max(300).default(""),
});

const ZSectionDraft = z.object({
  uid: ZUid,
  title: ZText,
  budgetMinutes: ZMinutes,
  command: ZText,
  expectedOutput: ZText,
  intervalMinutes: ZMinutes,
  // Carried through the editor unchanged (an imported runbook's notes), so a save keeps them.
  notes: z.array(z.string().max(8000)).max(50).optional(),
  items: z.array(ZItemDraft).max(500),
});

const ZPhaseDraft = z.object({
  uid: ZUid,
  key: ZPhaseKey,
  title: ZText,
  budgetMinMinutes: ZMinutes,
  budgetMaxMinutes: ZMinutes,
  successCriteria: z.array(z.string().max(300)).max(50),
  sections: z.array(ZSectionDraft).max(100),
});

const ZRuleRowDraft = z.object({
  uid: ZUid,
  label: ZText,
  metric: z.string().max(64),
  comparator: z.string().max(8),
  value: z.number().nullable(),
  unit: z.string().max(64),
  windowKind: z.string().max(32),
  windowMinutes: ZMinutes,
  // Absent from editors opened before PromQL sources: pushed samples.
  sourceKind: z.enum(["push", "promql"]).default("push"),
  dataSourceId: z.string().max(64).default(""),
  query: ZText.default(""),
  consecutiveErrorLimit: z.number().nullable().default(null),
  // Defaults: a draft from an editor that predates compare rules is a threshold row.
  kind: z.enum(["threshold", "compare"]).default("threshold"),
  direction: z.string().max(16).default("increase"),
  allowedDifferencePercent: z.number().nullable().default(null),
  minSamplesPerSide: z.number().nullable().default(null),
  // Kept as stored and checked by the definition schema on save; only its size is capped here.
  semantics: z
    .record(z.string().max(64), z.unknown())
    .refine((r) => Object.keys(r).length <= 20, "semantics: at most 20 fields")
    .default({}),
});

export const ZTemplateDraft = z.object({
  name: ZText,
  description: ZText,
  expectedDurationMinMinutes: ZMinutes,
  expectedDurationMaxMinutes: ZMinutes,
  phases: z.array(ZPhaseDraft).max(20),
  goNoGoQuestions: z.array(z.object({ uid: ZUid, text: ZText })).max(100),
  rules: z.object({
    escalationThresholds: z.array(ZRuleRowDraft).max(100),
    rollbackTriggers: z.array(ZRuleRowDraft).max(100),
    successMetrics: z.array(ZRuleRowDraft).max(100),
  }),
  rolloutSteps: z.array(z.object({ uid: ZUid, percent: z.number().nullable(), label: ZText, greenMinutes: ZMinutes, checkpoint: ZText })).max(50),
  communicationTemplates: z
    .array(z.object({ key: z.enum(["pre_deployment", "in_progress", "complete", "rollback"]), title: ZText, cadence: ZText, body: ZText }))
    .max(4),
  nextUid: z.number().int().min(0),
});

export const ZCopyTemplate = z.object({
  templateId: ZId,
  name: z.string().trim().min(1, "Name the copy").max(200, "Name is longer than 200 characters"),
});
export type TCopyTemplateInput = z.input<typeof ZCopyTemplate>;

export const ZSaveTemplate = z.object({
  templateId: ZId,
  /** The version the editor opened: a save over someone else's newer one is refused. */
  version: z.number().int().min(0),
  draft: ZTemplateDraft,
});
export type TSaveTemplateInput = z.input<typeof ZSaveTemplate>;

/** A Markdown runbook to import (lib/domain/runbook-markdown); its limits are checked by the importer, which names them. */
export const ZImportRunbook = z
  .strictObject({
    markdown: z.string({ error: "must be the runbook's Markdown text" }),
    name: z.string().trim().min(1, "must not be empty").max(200).optional(),
  })
  .meta({ id: "ImportRunbook" });
