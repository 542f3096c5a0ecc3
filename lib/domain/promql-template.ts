// PromQL templates: a rule's query with run variables ({{service}}, {{version}}, {{stage}},
// {{stageLabel}}, {{window}}) filled in per run and stage. Pure, so the editor, the save check and
// the evaluator render the same text.
//
// A template is text an admin or lead wrote; the values come from a run (a service name someone
// typed). Values therefore only ever land inside a PromQL string literal, escaped for it: a
// variable outside quotes is refused when the template is saved, so a service named
// `x"} or vector(1)` cannot change the query's shape.
import type { TMetricStage } from "./metric-catalog";

/** Where a data source's series keep the stage: the label's name and its value per stage. */
export type TStageLabelMapping = {
  label: string;
  values: Record<Exclude<TMetricStage, "overall">, string>;
};

export const DEFAULT_STAGE_LABEL_MAPPING: TStageLabelMapping = {
  label: "stage",
  values: { staging: "staging", canary: "canary", production: "production" },
};

export const PROMQL_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The values a run supplies. */
export type TPromqlVariables = { service: string; version: string; stage: TMetricStage; windowMs: number };

/** Variables that are text from the run: they must sit inside a quoted string literal. */
const QUOTED_VARIABLES = ["service", "version", "stage"] as const;
/** Variables Warroom formats itself (a matcher, a duration): they sit outside quotes. */
const BARE_VARIABLES = ["stageLabel", "window"] as const;
export const PROMQL_VARIABLES = [...QUOTED_VARIABLES, ...BARE_VARIABLES] as const;
export type TPromqlVariable = (typeof PROMQL_VARIABLES)[number];

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export type TRenderResult = { ok: true; query: string; offsets: TOffsetMap } | { ok: false; message: string };

/** Rendered-text spans that came from a placeholder, to point an error back at the template. */
export type TOffsetMap = { templateStart: number; templateEnd: number; renderedStart: number; renderedEnd: number }[];

/** 300000 → "5m", 90000 → "1m30s", 1500 → "1s500ms": Prometheus's own duration syntax. */
export function formatPromDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms <= 0) throw new RangeError(`A window must be a positive whole number of milliseconds (got ${ms})`);
  const units: [string, number][] = [["d", 86_400_000], ["h", 3_600_000], ["m", 60_000], ["s", 1000], ["ms", 1]];
  let rest = ms;
  let text = "";
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * size;
  }
  return text;
}

/** Escape text for the inside of a PromQL "…" or '…' string literal. */
export function escapePromqlString(value: string): string {
  return value.replace(/[\\"'\n\r\t]/g, (c) => ({ "\n": "\\n", "\r": "\\r", "\t": "\\t" })[c] ?? `\\${c}`);
}

/** Escape RE2 metacharacters, so a value inside =~"…" matches itself only. */
export function escapePromqlRegex(value: string): string {
  return value.replace(/[.*+?^$()[\]{}|\\]/g, "\\$&");
}

type TPlaceholder = { name: string; start: number; end: number; quote: '"' | "'" | "`" | null; isRegex: boolean };

/** Every {{…}} in the template, with the string literal (if any) it stands in. */
function placeholders(template: string): TPlaceholder[] {
  const found: TPlaceholder[] = [];
  let quote: TPlaceholder["quote"] = null;
  let literalStart = -1;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === "{" && template[i + 1] === "{") {
      PLACEHOLDER.lastIndex = i;
      const match = PLACEHOLDER.exec(template);
      if (match && match.index === i) {
        const before = template.slice(Math.max(0, literalStart - 2), literalStart);
        found.push({ name: match[1], start: i, end: i + match[0].length, quote, isRegex: quote !== null && /[=!]~$/.test(before.trimEnd()) });
        i += match[0].length - 1;
        continue;
      }
    }
    if (quote) {
      if (c === "\\" && quote !== "`") i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === "`") {
      quote = c;
      literalStart = i;
    }
  }
  return found;
}

/** Problems with the template itself, whatever the run: unknown names, values outside quotes. */
export function templateProblems(template: string): string[] {
  const found = placeholders(template);
  const problems: string[] = [];
  const unknown = [...new Set(found.map((p) => p.name).filter((n) => !(PROMQL_VARIABLES as readonly string[]).includes(n)))];
  if (unknown.length > 0) {
    problems.push(`Unknown variable${unknown.length > 1 ? "s" : ""} ${unknown.map((n) => `{{${n}}}`).join(", ")}: use ${PROMQL_VARIABLES.map((n) => `{{${n}}}`).join(", ")}`);
  }
  for (const p of found) {
    if ((QUOTED_VARIABLES as readonly string[]).includes(p.name) && (p.quote === null || p.quote === "`")) {
      problems.push(`{{${p.name}}} at position ${p.start + 1} must be inside a "…" string, e.g. service="{{${p.name}}}"`);
    }
    if ((BARE_VARIABLES as readonly string[]).includes(p.name) && p.quote !== null) {
      problems.push(`{{${p.name}}} at position ${p.start + 1} must be outside quotes (Warroom writes ${p.name === "window" ? "a duration such as 5m" : 'a whole matcher such as track="canary"'})`);
    }
  }
  return problems;
}

/** The stage's label value, e.g. production → "stable"; null for "overall" (every stage). */
export function stageLabelValue(mapping: TStageLabelMapping, stage: TMetricStage): string | null {
  return stage === "overall" ? null : mapping.values[stage];
}

/** The {{stageLabel}} matcher: track="stable", or for the whole service any value (or none). */
export function stageMatcher(mapping: TStageLabelMapping, stage: TMetricStage): string {
  const value = stageLabelValue(mapping, stage);
  return value === null ? `${mapping.label}=~".*"` : `${mapping.label}="${escapePromqlString(value)}"`;
}

/** The query for one run and stage, or why it cannot be rendered. */
export function renderPromqlTemplate(template: string, vars: TPromqlVariables, mapping: TStageLabelMapping): TRenderResult {
  const problems = templateProblems(template);
  if (problems.length > 0) return { ok: false, message: problems.join("; ") };
  if (!PROMQL_LABEL_NAME.test(mapping.label)) return { ok: false, message: `The stage label "${mapping.label}" is not a valid Prometheus label name` };
  let window: string;
  try {
    window = formatPromDuration(vars.windowMs);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const text: Record<(typeof QUOTED_VARIABLES)[number], string> = {
    service: vars.service,
    version: vars.version,
    // The whole service has no single label value: match any (the matcher form says the same).
    stage: stageLabelValue(mapping, vars.stage) ?? ".*",
  };
  const offsets: TOffsetMap = [];
  let query = "";
  let cursor = 0;
  for (const p of placeholders(template)) {
    query += template.slice(cursor, p.start);
    let value: string;
    if (p.name === "window") value = window;
    else if (p.name === "stageLabel") value = stageMatcher(mapping, vars.stage);
    else {
      const raw = text[p.name as keyof typeof text];
      const literal = p.isRegex && !(p.name === "stage" && vars.stage === "overall") ? escapePromqlRegex(raw) : raw;
      value = escapePromqlString(literal);
    }
    offsets.push({ templateStart: p.start, templateEnd: p.end, renderedStart: query.length, renderedEnd: query.length + value.length });
    query += value;
    cursor = p.end;
  }
  query += template.slice(cursor);
  return { ok: true, query, offsets };
}

/** A position in the rendered query → the same place in the template (a placeholder's start if inside one). */
export function templatePosition(offsets: TOffsetMap, renderedPos: number): number {
  let shift = 0;
  for (const o of offsets) {
    if (renderedPos < o.renderedStart) break;
    if (renderedPos < o.renderedEnd) return o.templateStart;
    shift = o.templateEnd - o.renderedEnd;
  }
  return renderedPos + shift;
}
