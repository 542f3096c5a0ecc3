// Payloads of the metric events (rule states, rules, declared metrics, tokens) and of rollback
// recommendations. The types stay in metric-events.ts; each schema is annotated with its type, so a
// field added to one and not the other fails the typecheck. zod/mini: parsed in the browser too.
import { z } from "zod/mini";
import { METRIC_KINDS, METRIC_STAGES } from "../metric-catalog";
import type {
  TAcknowledgedPayload,
  TAlertView,
  TDecidedPayload,
  TMetricDeclaredPayload,
  TRuleSavedPayload,
  TRuleView,
  TRulesLivePayload,
  TStatesChangedPayload,
  TTokenCreatedPayload,
  TTokenRevokedPayload,
  TTriggeredPayload,
} from "../metric-events";
import { RULE_SEVERITIES, RULE_STATES, type TRuleState, type TRuleWindow } from "../metric-rules";
import { COMPARE_DIRECTIONS, type TCompareFigures, type TCompareSpec } from "../compare-rule";
import { AGGREGATIONS } from "../rule-aggregate";
import { DEFAULT_CONSECUTIVE_ERROR_LIMIT, PUSH_SOURCE } from "../rule-source";
import { ruleSemantics, type TRuleSemantics } from "../rule-semantics";
import { ON_NO_DATA, type TRuleVerdictState } from "../rule-verdict";
import { COMPARATORS } from "../template-vocabulary";

const ZStage = z.enum(METRIC_STAGES);
const ZSeverity = z.enum(RULE_SEVERITIES);
/**
 * Events recorded before verdicts (issue 15) say "resolved" and "no_data": they read as the states
 * those became (a resolved rule is calm; no data is inconclusive), so old timelines still fold.
 */
const STORED_STATES = [...RULE_STATES, "resolved", "no_data"] as const;
const LEGACY_STATES = { resolved: "ok", no_data: "inconclusive" } as const satisfies Record<string, TRuleState>;
const ZState = z.pipe(
  z.enum(STORED_STATES),
  z.transform((state: (typeof STORED_STATES)[number]): TRuleState => (state === "resolved" || state === "no_data" ? LEGACY_STATES[state] : state)),
);
const ZWindow: z.ZodMiniType<TRuleWindow> = z.union([
  z.object({ kind: z.literal("immediate") }),
  z.object({ kind: z.enum(["sustained", "count", "sum"]), minutes: z.number() }),
]);

export const ZVerdictMode = z.union([
  z.object({ kind: z.literal("immediate") }),
  z.object({ kind: z.literal("sustained"), minutes: z.number() }),
  z.object({ kind: z.literal("k_of_n"), k: z.number(), n: z.number() }),
]);

const ZSemantics: z.ZodMiniType<TRuleSemantics> = z.object({
  aggregation: z.enum(AGGREGATIONS),
  windowMinutes: z.number(),
  mode: ZVerdictMode,
  denominatorMetric: z.nullable(z.string()),
  intervalSeconds: z.number(),
  minSamples: z.number(),
  onNoData: z.enum(ON_NO_DATA),
  recoveryMinutes: z.number(),
  staleAfterSeconds: z.number(),
});

const ZLive = z.object({ value: z.number(), sampleCount: z.number(), at: z.number() });

const ZDirection = z.enum(COMPARE_DIRECTIONS);
const ZCompareFigures: z.ZodMiniType<TCompareFigures> = z.object({
  outcome: z.enum(["pass", "fail", "inconclusive"]),
  direction: ZDirection,
  allowedDifferencePercent: z.number(),
  minSamplesPerSide: z.number(),
  windowMinutes: z.number(),
  canaryCount: z.number(),
  productionCount: z.number(),
  canaryMedian: z.nullable(z.number()),
  productionMedian: z.nullable(z.number()),
  differencePercent: z.nullable(z.number()),
  u: z.nullable(z.number()),
  p: z.nullable(z.number()),
});
const ZCompareSpecView: z.ZodMiniType<TCompareSpec> = z.object({ direction: ZDirection, allowedDifferencePercent: z.number(), minSamplesPerSide: z.number() });

export const ZVerdictState: z.ZodMiniType<TRuleVerdictState> = z.object({
  status: z.enum(["ok", "pending", "firing", "inconclusive"]),
  since: z.number(),
  startedAt: z.number(),
  // -Infinity before the first evaluation travels as null in JSON.
  lastEvaluatedAt: z.pipe(z.nullable(z.number()), z.transform((v: number | null) => v ?? Number.NEGATIVE_INFINITY)),
  lastSampleAt: z.nullable(z.number()),
  breachSince: z.nullable(z.number()),
  clearSince: z.nullable(z.number()),
  recent: z.array(z.boolean()),
  inconclusive: z.nullable(
    z.union([
      z.object({ kind: z.enum(["no_data", "stale", "no_canary"]) }),
      z.object({ kind: z.literal("provider_error"), message: z.string() }),
      z.object({ kind: z.literal("too_few_samples"), count: z.number(), required: z.number(), side: z.optional(z.enum(["canary", "production"])) }),
    ]),
  ),
  live: z.nullable(ZLive),
  compare: z.optional(z.nullable(ZCompareFigures)),
});

const ZRuleViewFields = z.object({
  id: z.string(),
  position: z.number(),
  label: z.string(),
  metric: z.string(),
  severity: ZSeverity,
  comparator: z.enum(COMPARATORS),
  threshold: z.number(),
  unit: z.string(),
  window: ZWindow,
  stage: z.nullable(ZStage),
  // Absent in rules saved before verdicts: their window gives their meaning (ruleSemantics).
  semantics: z.optional(ZSemantics),
  // Absent in rules saved before PromQL sources: pushed samples.
  source: z.optional(
    z.union([
      z.object({ kind: z.literal("push") }),
      z.object({ kind: z.literal("promql"), dataSourceId: z.nullable(z.string()), query: z.string() }),
    ]),
  ),
  consecutiveErrorLimit: z.optional(z.number()),
  // Absent in rules saved before compare rules: a threshold rule.
  compare: z.optional(z.nullable(ZCompareSpecView)),
  isEnabled: z.boolean(),
  version: z.number(),
  state: ZState,
  since: z.nullable(z.string()),
  value: z.nullable(z.number()),
  valueStage: z.nullable(ZStage),
  verdict: z.optional(z.nullable(ZVerdictState)),
});
const ZRuleView = z.pipe(
  ZRuleViewFields,
  z.transform((rule: z.infer<typeof ZRuleViewFields>): TRuleView => ({
    ...rule,
    semantics: rule.semantics ?? ruleSemantics(rule.window, {}),
    source: rule.source ?? PUSH_SOURCE,
    consecutiveErrorLimit: rule.consecutiveErrorLimit ?? DEFAULT_CONSECUTIVE_ERROR_LIMIT,
    compare: rule.compare ?? null,
    verdict: rule.verdict ?? null,
  })),
);

const ZAlertView: z.ZodMiniType<TAlertView> = z.object({
  id: z.string(),
  source: z.enum(["rule", "manual"]),
  ruleId: z.nullable(z.string()),
  label: z.string(),
  metric: z.nullable(z.string()),
  stage: z.nullable(ZStage),
  value: z.nullable(z.number()),
  unit: z.string(),
  note: z.nullable(z.string()),
  raisedAt: z.string(),
  raisedByName: z.string(),
  acknowledgedAt: z.nullable(z.string()),
  acknowledgedByName: z.nullable(z.string()),
  decision: z.nullable(z.enum(["rollback", "continue"])),
  decisionReason: z.nullable(z.string()),
  decidedAt: z.nullable(z.string()),
  decidedByName: z.nullable(z.string()),
});

const ZCheckpointChange = z.object({ startedAt: z.nullable(z.string()), reason: z.string(), reasons: z.optional(z.array(z.string())) });
const ZMetricValue = z.object({ metric: z.string(), stage: ZStage, value: z.number(), at: z.string() });

export const ZStatesChangedPayload: z.ZodMiniType<TStatesChangedPayload> = z.object({
  changes: z.array(
    z.object({
      ruleId: z.string(),
      label: z.string(),
      metric: z.string(),
      severity: ZSeverity,
      unit: z.string(),
      from: ZState,
      to: ZState,
      since: z.nullable(z.string()),
      value: z.nullable(z.number()),
      stage: z.nullable(ZStage),
      verdict: z.optional(ZVerdictState),
    }),
  ),
  alertsRaised: z.array(ZAlertView),
  checkpoint: z.optional(ZCheckpointChange),
});

export const ZRuleSavedPayload: z.ZodMiniType<TRuleSavedPayload> = z.object({
  rule: ZRuleView,
  isNew: z.boolean(),
  summary: z.string(),
  checkpoint: z.optional(ZCheckpointChange),
});

export const ZMetricDeclaredPayload: z.ZodMiniType<TMetricDeclaredPayload> = z.object({
  metric: z.object({ key: z.string(), label: z.string(), unit: z.string(), kind: z.enum(METRIC_KINDS) }),
});

export const ZTokenCreatedPayload: z.ZodMiniType<TTokenCreatedPayload> = z.object({
  token: z.object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    createdByName: z.string(),
    createdAt: z.string(),
    revokedAt: z.nullable(z.string()),
    revokedByName: z.nullable(z.string()),
    scopes: z.optional(z.array(z.string())),
    lastUsedAt: z.optional(z.nullable(z.string())),
  }),
});

export const ZTokenRevokedPayload: z.ZodMiniType<TTokenRevokedPayload> = z.object({
  tokenId: z.string(),
  name: z.string(),
  prefix: z.string(),
  revokedAt: z.string(),
  revokedByName: z.string(),
});

export const ZTriggeredPayload: z.ZodMiniType<TTriggeredPayload> = z.object({ alert: ZAlertView });

export const ZAcknowledgedPayload: z.ZodMiniType<TAcknowledgedPayload> = z.object({
  alertId: z.string(),
  label: z.string(),
  byName: z.string(),
  at: z.string(),
  values: z.array(ZMetricValue),
});

export const ZDecidedPayload: z.ZodMiniType<TDecidedPayload> = z.object({
  alertId: z.string(),
  ruleId: z.optional(z.nullable(z.string())),
  label: z.string(),
  decision: z.enum(["rollback", "continue"]),
  reason: z.string(),
  byName: z.string(),
  at: z.string(),
  values: z.array(ZMetricValue),
});

/** Not an event: the live figures of each evaluation (lib/realtime "metrics:rules"), parsed on arrival. */
export const ZRulesLivePayload: z.ZodMiniType<TRulesLivePayload> = z.object({
  runId: z.string(),
  rules: z.array(
    z.object({
      ruleId: z.string(),
      status: z.enum(RULE_STATES),
      stage: z.nullable(ZStage),
      live: z.nullable(ZLive),
      verdict: ZVerdictState,
    }),
  ),
});
