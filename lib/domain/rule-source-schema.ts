// The zod schema of a rule's source as a template or a lead states it (shared by the template's
// thresholds and the run's rule save): pushed samples, or a PromQL template on a data source.
// The query's grammar is checked where it is saved (lib/metrics/rules.ts with the data source's
// stage label, template-validation.ts in the editor), not here: this schema reaches screens that
// should not ship Prometheus's parser. Errors name the field ("consecutiveErrorLimit: …").
import { z } from "zod";

export const MAX_PROMQL_CHARS = 4000;

export const ZRuleSourceInput = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("push") }),
    z.object({
      kind: z.literal("promql"),
      dataSourceId: z.string({ error: "choose a data source" }).trim().min(1, "choose a data source").max(64),
      query: z
        .string({ error: "write the PromQL query" })
        .trim()
        .min(1, "write the PromQL query")
        .max(MAX_PROMQL_CHARS, `the query is longer than ${MAX_PROMQL_CHARS} characters`),
    }),
  ],
  { error: "source must be {kind: push} or {kind: promql, dataSourceId, query}" },
);
export type TRuleSourceInput = z.output<typeof ZRuleSourceInput>;

export const RULE_SOURCE_FIELDS = {
  /** Left out: pushed samples. */
  source: ZRuleSourceInput.optional(),
  /** PromQL only: errors in a row before the source counts as failing (default 4, as Argo Rollouts). */
  consecutiveErrorLimit: z.number().int("consecutiveErrorLimit must be a whole number").min(1, "consecutiveErrorLimit must be at least 1").max(100, "consecutiveErrorLimit must be at most 100").optional(),
};

type TSourceFields = { source?: TRuleSourceInput; aggregation?: string; consecutiveErrorLimit?: number };

export const RATIO_WITH_PROMQL = "ratio divides two pushed metrics: with a PromQL source, compute the ratio in the query (e.g. sum(rate(errors[5m])) / sum(rate(requests[5m])))";

/**
 * What no single field can check: an error limit without a query to count errors of, and a ratio
 * aggregation, which divides two pushed metrics (a PromQL rule's query computes its own ratio).
 */
export function checkRuleSource(value: TSourceFields, ctx: z.RefinementCtx): void {
  if (value.source?.kind !== "promql") {
    if (value.consecutiveErrorLimit !== undefined) {
      ctx.addIssue({ code: "custom", path: ["consecutiveErrorLimit"], message: "consecutiveErrorLimit only applies to a PromQL source" });
    }
    return;
  }
  if (value.aggregation === "ratio") ctx.addIssue({ code: "custom", path: ["aggregation"], message: RATIO_WITH_PROMQL });
}
