// The zod schema of a rule's semantics as a template or a lead states them (all optional: what is
// left out comes from the legacy window and the defaults, rule-semantics.ts), shared by the
// template's thresholds and the run's rule save. Errors name the field and say what would be valid.
import { z } from "zod";
import { AGGREGATIONS } from "./rule-aggregate";
import { ON_NO_DATA } from "./rule-verdict";

/** A deployment day, as the legacy window's limit (metric-rules.ts MAX_WINDOW_MINUTES). */
const MAX_MINUTES = 24 * 60;
const minutes = (what: string) => z.number({ error: `${what} must be a number of minutes` }).positive(`${what} must be more than 0 minutes`).max(MAX_MINUTES, `${what} must be at most ${MAX_MINUTES} minutes (a day)`);

export const ZVerdictModeInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("immediate") }),
  z.object({ kind: z.literal("sustained"), minutes: minutes("sustained") }),
  z.object({
    kind: z.literal("k_of_n"),
    k: z.number().int("k must be a whole number").min(1, "k must be at least 1"),
    n: z.number().int("n must be a whole number").min(1, "n must be at least 1").max(100, "n must be at most 100 evaluations"),
  }),
], { error: "mode must be immediate, sustained (with minutes) or k_of_n (with k and n)" });

export const RULE_SEMANTICS_FIELDS = {
  aggregation: z.enum(AGGREGATIONS, { error: `aggregation must be one of ${AGGREGATIONS.join(", ")}` }).optional(),
  /** The evaluation window the aggregate is computed over. */
  windowMinutes: minutes("windowMinutes").optional(),
  mode: ZVerdictModeInput.optional(),
  /** ratio only: the metric below the line (requests, for errors / requests). */
  denominatorMetric: z.string().trim().min(1).max(64).optional(),
  onNoData: z.enum(ON_NO_DATA, { error: `onNoData must be one of ${ON_NO_DATA.join(", ")}` }).optional(),
  recoveryMinutes: z.number().min(0, "recoveryMinutes must be 0 or more").max(MAX_MINUTES).optional(),
  minSamples: z.number().int("minSamples must be a whole number").min(1, "minSamples must be at least 1").max(100_000).optional(),
  intervalSeconds: z.number().int().min(1, "intervalSeconds must be at least 1").max(3600, "intervalSeconds must be at most 3600").optional(),
  staleAfterSeconds: z.number().int().min(1, "staleAfterSeconds must be at least 1").max(86_400).optional(),
};

type TSemanticsInput = { [K in keyof typeof RULE_SEMANTICS_FIELDS]?: z.infer<(typeof RULE_SEMANTICS_FIELDS)[K]> };

/** The rules no single field can check: k ≤ n, and a denominator exactly when the aggregation is a ratio. */
export function checkRuleSemantics(value: TSemanticsInput, ctx: z.RefinementCtx): void {
  if (value.mode?.kind === "k_of_n" && value.mode.k > value.mode.n) {
    ctx.addIssue({ code: "custom", path: ["mode", "k"], message: `k (${value.mode.k}) must be at most n (${value.mode.n}): fire when k of the last n evaluations breach` });
  }
  if (value.aggregation === "ratio" && !value.denominatorMetric) {
    ctx.addIssue({ code: "custom", path: ["denominatorMetric"], message: "denominatorMetric is required with aggregation ratio (e.g. requests, for errors / requests)" });
  }
  if (value.denominatorMetric && value.aggregation !== "ratio") {
    ctx.addIssue({ code: "custom", path: ["denominatorMetric"], message: "denominatorMetric only applies to aggregation ratio" });
  }
}
