// `warroom metrics push --format prometheus`: Prometheus exposition text (what `curl app:9100/metrics`
// prints) mapped to Warroom's samples. Pure. The mapping, in order (README, "The warroom CLI"):
//  1. an explicit `--map 'NAME{label="value",…}=METRIC'`: series of NAME whose labels include those
//     pairs become METRIC (the first map that matches wins);
//  2. a series named like a built-in metric (error_rate, response_time_p95, …) is that metric;
//  3. a series named `warroom_<key>` is the metric <key> (custom metrics the run declared too);
//  anything else is skipped (and counted). The stage is the series' `stage` label when it is one of
//  staging/canary/production, else `--stage`, else none (the service as a whole). A name ending in
//  _seconds is sent with unit "s", _milliseconds "ms", _ratio "ratio", _percent "percent" (Warroom
//  converts to the metric's unit); the timestamp is the line's own, else the scrape's time.
//  Two series mapped to the same metric and stage: the first is sent, the rest counted as clashes.
import { isBuiltinMetric, METRIC_KEY_PATTERN, SENDABLE_STAGES } from "./metric-catalog";

export type TExpositionSeries = { name: string; labels: Record<string, string>; value: number; timestampMs: number | null };
export type TMetricMapping = { name: string; labels: Record<string, string>; metric: string };
export type TMappedSample = { metric: string; value: number; timestamp: number; stage?: (typeof SENDABLE_STAGES)[number]; unit?: string };
export type TMappingResult = { samples: TMappedSample[]; skipped: string[]; clashes: string[] };

const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const LINE = new RegExp(`^(${NAME})(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+(-?\\d+))?\\s*$`);
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?\s*/y;

function unescape(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
}

/** `a="1",b="x"` → { a: "1", b: "x" }, or null when it is not a label set. */
export function parseLabels(text: string): Record<string, string> | null {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  const trimmed = text.trim();
  while (LABEL.lastIndex < trimmed.length) {
    const match = LABEL.exec(trimmed);
    if (!match) return null;
    labels[match[1]] = unescape(match[2]);
  }
  return labels;
}

function parseValue(text: string): number {
  if (text === "+Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  return Number(text);
}

/** Every sample line of the text; comments and blank lines skipped; a malformed line throws naming it. */
export function parseExposition(text: string): TExpositionSeries[] {
  const series: TExpositionSeries[] = [];
  for (const [index, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const match = LINE.exec(line);
    const labels = match ? parseLabels(match[2] ?? "") : null;
    if (!match || !labels) throw new Error(`line ${index + 1} is not a Prometheus sample: ${line.slice(0, 120)}`);
    series.push({ name: match[1], labels, value: parseValue(match[3]), timestampMs: match[4] ? Number(match[4]) : null });
  }
  return series;
}

/** `http_request_duration_seconds{quantile="0.95"}=response_time_p95` → a mapping. */
export function parseMapping(text: string): TMetricMapping {
  const match = new RegExp(`^(${NAME})(?:\\{(.*)\\})?=([a-z][a-z0-9_]*)$`).exec(text.trim());
  const labels = match ? parseLabels(match[2] ?? "") : null;
  if (!match || !labels) throw new Error(`--map ${text}: write it as NAME=METRIC or NAME{label="value"}=METRIC`);
  return { name: match[1], labels, metric: match[3] };
}

const UNIT_SUFFIXES: [string, string][] = [
  ["_milliseconds", "ms"],
  ["_seconds", "s"],
  ["_ratio", "ratio"],
  ["_percent", "percent"],
];

function unitOf(name: string): string | undefined {
  return UNIT_SUFFIXES.find(([suffix]) => name.endsWith(suffix))?.[1];
}

function metricOf(series: TExpositionSeries, mappings: readonly TMetricMapping[]): string | null {
  const mapped = mappings.find((m) => m.name === series.name && Object.entries(m.labels).every(([k, v]) => series.labels[k] === v));
  if (mapped) return mapped.metric;
  if (isBuiltinMetric(series.name)) return series.name;
  const custom = series.name.startsWith("warroom_") ? series.name.slice("warroom_".length) : null;
  return custom && METRIC_KEY_PATTERN.test(custom) ? custom : null;
}

const isStage = (value: string | undefined): value is (typeof SENDABLE_STAGES)[number] => (SENDABLE_STAGES as readonly string[]).includes(value ?? "");

export function mapExposition(series: readonly TExpositionSeries[], options: { mappings: readonly TMetricMapping[]; stage?: (typeof SENDABLE_STAGES)[number]; now: number }): TMappingResult {
  const result: TMappingResult = { samples: [], skipped: [], clashes: [] };
  const sent = new Set<string>();
  for (const s of series) {
    const describe = `${s.name}${Object.keys(s.labels).length ? `{${Object.entries(s.labels).map(([k, v]) => `${k}="${v}"`).join(",")}}` : ""}`;
    const metric = metricOf(s, options.mappings);
    if (!metric || !Number.isFinite(s.value)) {
      result.skipped.push(describe);
      continue;
    }
    const stage = isStage(s.labels.stage) ? s.labels.stage : options.stage;
    const key = `${metric}|${stage ?? ""}`;
    if (sent.has(key)) {
      result.clashes.push(describe);
      continue;
    }
    sent.add(key);
    const unit = unitOf(s.name);
    result.samples.push({ metric, value: s.value, timestamp: s.timestampMs ?? options.now, ...(stage && { stage }), ...(unit && { unit }) });
  }
  return result;
}
