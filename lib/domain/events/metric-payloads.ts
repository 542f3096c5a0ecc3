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
  TStatesChangedPayload,
  TTokenCreatedPayload,
  TTokenRevokedPayload,
  TTriggeredPayload,
} from "../metric-events";
import { RULE_SEVERITIES, RULE_STATES, type TRuleWindow } from "../metric-rules";
import { COMPARATORS } from "../template-vocabulary";

const ZStage = z.enum(METRIC_STAGES);
const ZSeverity = z.enum(RULE_SEVERITIES);
const ZState = z.enum(RULE_STATES);
const ZWindow: z.ZodMiniType<TRuleWindow> = z.union([
  z.object({ kind: z.literal("immediate") }),
  z.object({ kind: z.enum(["sustained", "count", "sum"]), minutes: z.number() }),
]);

const ZRuleView = z.object({
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
  isEnabled: z.boolean(),
  version: z.number(),
  state: ZState,
  since: z.nullable(z.string()),
  value: z.nullable(z.number()),
  valueStage: z.nullable(ZStage),
});

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

const ZCheckpointChange = z.object({ startedAt: z.nullable(z.string()), reason: z.string() });
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
  label: z.string(),
  decision: z.enum(["rollback", "continue"]),
  reason: z.string(),
  byName: z.string(),
  at: z.string(),
  values: z.array(ZMetricValue),
});
