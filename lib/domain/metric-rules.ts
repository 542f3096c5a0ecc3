// A metric rule's vocabulary: severities, states, the legacy window of templates, the comparison.
// How a rule is judged lives in rule-verdict.ts (an aggregate over a window, evaluated at an
// interval, three-way: ok / breaching / inconclusive) and rule-semantics.ts (a stored rule in those
// terms). The legacy window ("immediate", "sustained N min", "count/sum within W") is what templates
// say; fromLegacyWindow (rule-verdict.ts) gives it its meaning.
import type { TMetricStage } from "./metric-catalog";
import type { TComparator } from "./template-definition";
import { formatMinutesInWords, formatStopwatch } from "./time-format";

export type { TComparator };

export const RULE_SEVERITIES = ["success", "escalate", "rollback"] as const;
export type TRuleSeverity = (typeof RULE_SEVERITIES)[number];

export const SEVERITY_LABELS: Record<TRuleSeverity, string> = {
  success: "Success criterion",
  escalate: "Escalate",
  rollback: "Rollback trigger",
};

/** A group of rules of one severity, as a heading says it ("Success criteria", never "Success criterions"). */
export const SEVERITY_GROUP_LABELS: Record<TRuleSeverity, string> = {
  rollback: "Rollback triggers",
  escalate: "Escalations",
  success: "Success criteria",
};

export const WINDOW_KINDS = ["immediate", "sustained", "count", "sum"] as const;
export type TWindowKind = (typeof WINDOW_KINDS)[number];

/** Longest window a rule may use: a deployment day. */
export const MAX_WINDOW_MINUTES = 24 * 60;

/** Checked by ZRuleWindow in metric-schemas.ts (minutes > 0, at most MAX_WINDOW_MINUTES). */
export type TRuleWindow = { kind: "immediate" } | { kind: "sustained" | "count" | "sum"; minutes: number };

/** A rule's three-way verdict (rule-verdict.ts): without data a rule is inconclusive, never ok. */
export const RULE_STATES = ["ok", "pending", "firing", "inconclusive"] as const;
export type TRuleState = (typeof RULE_STATES)[number];

export const RULE_STATE_LABELS: Record<TRuleState, string> = {
  ok: "OK",
  pending: "Pending",
  firing: "Firing",
  inconclusive: "Unverified",
};

/** A sample as the evaluator sees it: timestamp (epoch ms) and value. */
export type TSample = { at: number; value: number };
export type TStageSeries = { stage: TMetricStage; samples: readonly TSample[] };

/** A series silent this long has no data: the default staleness limit of a rule (rule-verdict.ts). */
export const NO_DATA_AFTER_MS = 2 * 60_000;

export function breaches(comparator: TComparator, value: number, threshold: number): boolean {
  switch (comparator) {
    case ">":
      return value > threshold;
    case ">=":
      return value >= threshold;
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
  }
}

const minutesMs = (minutes: number) => Math.round(minutes * 60_000);

/** How much of a sample history a rule needs to be judged: its window plus the staleness limit. */
export function lookbackMs(window: TRuleWindow): number {
  return (window.kind === "immediate" ? 0 : minutesMs(window.minutes)) + NO_DATA_AFTER_MS;
}

/** "3:12 of 5:00 breaching" for a pending rule. */
export function formatProgress(progress: { heldMs: number; requiredMs: number }): string {
  return `${formatStopwatch(progress.heldMs)} of ${formatStopwatch(progress.requiredMs)} breaching`;
}

/** "held for 5 min", "in 5 min", or "" for immediate: how the window reads in a sentence. */
export function describeWindow(window: TRuleWindow): string {
  switch (window.kind) {
    case "immediate":
      return "";
    case "sustained":
      return `sustained for ${formatMinutesInWords(window.minutes)}`;
    case "count":
      return `samples in ${formatMinutesInWords(window.minutes)}`;
    case "sum":
      return `in ${formatMinutesInWords(window.minutes)}`;
  }
}
