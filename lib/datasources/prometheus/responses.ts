// Prometheus's HTTP API answers, as zod schemas: the envelope every /api/v1 endpoint shares and the
// four result types of a query. Sample values arrive as strings because JSON has no NaN or ±Inf.
import { z } from "zod";

export const ZPromEnvelope = z.object({
  status: z.enum(["success", "error"]),
  data: z.unknown().optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
  warnings: z.array(z.string()).optional(),
  infos: z.array(z.string()).optional(),
});

/** "1.5", "NaN", "+Inf", "-Inf" → a number (Number() reads "+Inf" as NaN). */
export function parseSampleValue(text: string): number {
  if (text === "+Inf" || text === "Inf") return Number.POSITIVE_INFINITY;
  if (text === "-Inf") return Number.NEGATIVE_INFINITY;
  return text === "NaN" ? Number.NaN : Number(text);
}

const ZSampleValue = z
  .string()
  .refine((t) => /^(NaN|[+-]?Inf|[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)$/.test(t), "not a sample value")
  .transform(parseSampleValue);

/** [unix seconds, "value"] → { at, value }. */
const ZSample = z.tuple([z.number(), ZSampleValue]).transform(([seconds, value]) => ({ at: new Date(Math.round(seconds * 1000)), value }));
export type TPromSample = z.output<typeof ZSample>;

const ZLabels = z.record(z.string(), z.string());

export const ZQueryData = z.discriminatedUnion("resultType", [
  z.object({ resultType: z.literal("vector"), result: z.array(z.object({ metric: ZLabels, value: ZSample })) }),
  z.object({ resultType: z.literal("matrix"), result: z.array(z.object({ metric: ZLabels, values: z.array(ZSample) })) }),
  z.object({ resultType: z.literal("scalar"), result: ZSample }),
  z.object({ resultType: z.literal("string"), result: z.tuple([z.number(), z.string()]) }),
]);
export type TQueryData = z.output<typeof ZQueryData>;
export type TVectorSeries = Extract<TQueryData, { resultType: "vector" }>["result"][number];
export type TMatrixSeries = Extract<TQueryData, { resultType: "matrix" }>["result"][number];

export const ZBuildInfo = z.object({ version: z.string(), revision: z.string().optional(), goVersion: z.string().optional() });
