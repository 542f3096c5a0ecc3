// The zod schemas of the metric rules and catalog, for the server's boundaries (the ingestion API,
// rule and metric commands). Kept apart from metric-catalog.ts and metric-rules.ts so the screens
// that import those rules (the bridge, the status page) do not ship zod to the browser.
import { z } from "zod";
import { METRIC_KEY_PATTERN, METRIC_KINDS, METRIC_STAGES, type TCustomMetric, type TMetricKind, type TMetricStage } from "./metric-catalog";
import { MAX_WINDOW_MINUTES, RULE_SEVERITIES, type TRuleSeverity, type TRuleWindow } from "./metric-rules";

export const ZMetricStage: z.ZodType<TMetricStage> = z.enum(METRIC_STAGES);
export const ZMetricKind: z.ZodType<TMetricKind> = z.enum(METRIC_KINDS);

export const ZCustomMetric = z.object({
  key: z
    .string()
    .trim()
    .regex(METRIC_KEY_PATTERN, "Key must be lowercase letters, digits and _ (starting with a letter, at most 64)"),
  label: z.string().trim().min(1, "Label is required").max(100),
  unit: z.string().trim().max(16).default(""),
  kind: z.enum(METRIC_KINDS),
}) satisfies z.ZodType<TCustomMetric, unknown>;

export const ZRuleSeverity: z.ZodType<TRuleSeverity> = z.enum(RULE_SEVERITIES);

export const ZRuleWindow: z.ZodType<TRuleWindow> = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("immediate") }),
  z.object({ kind: z.literal("sustained"), minutes: z.number().positive().max(MAX_WINDOW_MINUTES) }),
  z.object({ kind: z.literal("count"), minutes: z.number().positive().max(MAX_WINDOW_MINUTES) }),
  z.object({ kind: z.literal("sum"), minutes: z.number().positive().max(MAX_WINDOW_MINUTES) }),
]);
