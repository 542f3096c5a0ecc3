// The zod schema of a compare rule's spec as a template or a lead states it, and the fields a
// compare rule cannot be combined with. Errors name the field and say what would be valid.
import { z } from "zod";
import { COMPARE_DIRECTIONS, type TCompareSpec } from "./compare-rule";

export const ZCompareSpec = z.object(
  {
    direction: z.enum(COMPARE_DIRECTIONS, { error: `direction must be one of ${COMPARE_DIRECTIONS.join(", ")}` }),
    allowedDifferencePercent: z
      .number({ error: "allowedDifferencePercent must be a number (percent of production's median)" })
      .min(0, "allowedDifferencePercent must be 0 or more")
      .max(10_000, "allowedDifferencePercent must be at most 10000"),
    minSamplesPerSide: z
      .number({ error: "minSamplesPerSide must be a whole number" })
      .int("minSamplesPerSide must be a whole number")
      .min(1, "minSamplesPerSide must be at least 1")
      .max(100_000, "minSamplesPerSide must be at most 100000"),
  },
  { error: "compare must be an object with direction, allowedDifferencePercent and minSamplesPerSide" },
);

/** A stored spec (a Json column, a playbook entry), or null when there is none or it no longer parses. */
export function parseCompareSpec(value: unknown): TCompareSpec | null {
  if (value === null || value === undefined) return null;
  const parsed = ZCompareSpec.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * The fields a compare rule cannot combine with, for the rule save and the template: it judges both
 * stages' raw samples, so it has no stage of its own and no aggregation.
 */
export function checkCompareRule(value: { compare?: unknown; stage?: string | null; aggregation?: string; denominatorMetric?: string }, ctx: z.RefinementCtx): void {
  if (!value.compare) return;
  if (value.stage) ctx.addIssue({ code: "custom", path: ["stage"], message: "a compare rule judges canary against production: leave stage empty" });
  if (value.aggregation) ctx.addIssue({ code: "custom", path: ["aggregation"], message: "a compare rule ranks the samples themselves (Mann-Whitney U): leave aggregation out" });
}
