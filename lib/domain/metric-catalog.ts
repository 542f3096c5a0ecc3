// The metrics a run knows: the runbook's built-in ones and the custom keys a lead declared, each
// with the values that make sense for it (a percentage is 0–100, a count is a whole number ≥ 0).
// Pure data and checks, shared by the ingestion API, the rules editor and the charts.
export const METRIC_STAGES = ["overall", "staging", "canary", "production"] as const;
export type TMetricStage = (typeof METRIC_STAGES)[number];

/** What a script may send as `stage`; "overall" is what a sample without one is stored as. */
export const SENDABLE_STAGES = ["staging", "canary", "production"] as const;

export const STAGE_LABELS: Record<TMetricStage, string> = {
  overall: "Service",
  staging: "Staging",
  canary: "Canary",
  production: "Production",
};

export const METRIC_KINDS = ["percent", "duration", "count", "number"] as const;
export type TMetricKind = (typeof METRIC_KINDS)[number];

export type TMetricDefinition = { key: string; label: string; unit: string; kind: TMetricKind };

export const BUILTIN_METRICS: readonly TMetricDefinition[] = [
  { key: "error_rate", label: "Error rate", unit: "%", kind: "percent" },
  { key: "response_time_avg", label: "Avg response time", unit: "ms", kind: "duration" },
  { key: "response_time_p95", label: "p95 response time", unit: "ms", kind: "duration" },
  { key: "db_query_time", label: "DB query time", unit: "ms", kind: "duration" },
  { key: "db_connection_failures", label: "DB connection failures", unit: "", kind: "count" },
  { key: "cpu", label: "CPU", unit: "%", kind: "percent" },
  { key: "memory", label: "Memory", unit: "%", kind: "percent" },
];

/** The bridge screen's large charts: what the room watches during a rollout. */
export const KEY_METRICS = ["error_rate", "response_time_p95"] as const;

export const METRIC_KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/** A day in milliseconds: no response or query time is longer; anything above is a unit mistake. */
const MAX_DURATION_MS = 86_400_000;

/** A custom metric as declared (checked by ZCustomMetric in metric-schemas.ts). */
export type TCustomMetric = { key: string; label: string; unit: string; kind: TMetricKind };

export function isBuiltinMetric(key: string): boolean {
  return BUILTIN_METRICS.some((m) => m.key === key);
}

/** Built-in metrics first, then the run's own, in the order declared. */
export function metricCatalog(custom: readonly TMetricDefinition[]): TMetricDefinition[] {
  return [...BUILTIN_METRICS, ...custom.filter((c) => !isBuiltinMetric(c.key))];
}

export function findMetric(catalog: readonly TMetricDefinition[], key: string): TMetricDefinition | undefined {
  return catalog.find((m) => m.key === key);
}

/** Why a value is meaningless for this kind of metric, or null when it is fine. */
export function invalidValueReason(kind: TMetricKind, value: number): string | null {
  if (!Number.isFinite(value)) return "must be a finite number";
  switch (kind) {
    case "percent":
      return value < 0 || value > 100 ? "is a percentage: must be between 0 and 100" : null;
    case "duration":
      if (value < 0) return "is a duration in milliseconds: cannot be negative";
      return value > MAX_DURATION_MS ? "is a duration in milliseconds: more than a day is a unit mistake" : null;
    case "count":
      return value < 0 || !Number.isInteger(value) ? "is a count: must be a whole number ≥ 0" : null;
    case "number":
      return null;
  }
}

/** "7.4%", "1,250 ms", "12" — a value as people read it on a screen. */
export function formatMetricValue(value: number, unit: string): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const number = Number(value.toFixed(digits)).toLocaleString("en-US", { maximumFractionDigits: digits });
  if (!unit) return number;
  return unit === "%" ? `${number}%` : `${number} ${unit}`;
}
